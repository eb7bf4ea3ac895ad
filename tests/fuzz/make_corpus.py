#!/usr/bin/env python3
"""Regenerates the seed corpora under tests/fuzz/corpus/<target>/ from the project's real
requests and documents: tests/data/model-examples.json (the model's examples as Query
requests), tests/data/evaluator (policy cases), tests/data/sigv4 (signed requests), the
fixtures (JSON, and the same as YAML) and a state export. Usage: make_corpus.py [IAMLITE_BIN]
(the binary exports the founding fixture as a state document; without it that seed is kept)."""
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CORPUS = os.path.join(HERE, "corpus")


def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    d = os.path.join(CORPUS, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def flatten(prefix, value, out):
    """The AWS Query form of a JSON value: lists as .member.N, objects as .Name."""
    if isinstance(value, list):
        for i, v in enumerate(value, 1):
            flatten(f"{prefix}.member.{i}", v, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            flatten(f"{prefix}.{k}" if prefix else k, v, out)
    elif isinstance(value, bool):
        out.append((prefix, "true" if value else "false"))
    else:
        out.append((prefix, str(value)))


def query_requests():
    with open(os.path.join(ROOT, "tests/data/model-examples.json")) as f:
        examples = json.load(f)
    for ex in examples:
        version = "2011-06-15" if ex["service"] == "sts" else "2010-05-08"
        pairs = [("Action", ex["operation"]), ("Version", version)]
        flatten("", ex["params"], pairs)
        yield ex, urllib.parse.urlencode(pairs)


def main():
    bin_path = sys.argv[1] if len(sys.argv) > 1 else None
    policies = set()
    for ex, body in query_requests():
        put("query_decoder", body)
        request = ("POST / HTTP/1.1\r\nHost: localhost:4599\r\n"
                   "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
                   f"Content-Length: {len(body)}\r\n\r\n{body}")
        put("http", request)
        for k, v in ex["params"].items():
            if k.endswith("PolicyDocument") or k == "PolicyInputList":
                for doc in v if isinstance(v, list) else [v]:
                    policies.add(doc)
    # The admin endpoints and a few protocol shapes.
    put("http", "GET /iamlite/health HTTP/1.1\r\nHost: x\r\n\r\n")
    put("http", "GET /iamlite/state HTTP/1.1\r\nHost: x\r\n\r\n"
                "GET /?Action=ListUsers&Version=2010-05-08 HTTP/1.1\r\nHost: x\r\n\r\n")
    put("http", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n\r\n"
                "1a\r\nAction=GetUser&Version=201\r\n8\r\n0-05-08&\r\n0\r\n\r\n")

    evaluator_dir = os.path.join(ROOT, "tests/data/evaluator")
    for name in sorted(os.listdir(evaluator_dir)):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(evaluator_dir, name)) as f:
            data = json.load(f)
        defaults = data.get("defaults", {})
        for case in data["cases"]:
            merged = dict(defaults)
            merged.update(case)
            merged.pop("expect", None)
            put("evaluator", json.dumps(merged))
            for key in ("identity", "session"):
                for p in merged.get(key, []):
                    doc = p.get("document", p) if isinstance(p, dict) else p
                    if isinstance(doc, list):
                        doc = {"Version": "2012-10-17", "Statement": doc}
                    policies.add(doc if isinstance(doc, str) else json.dumps(doc))
    for doc in sorted(policies):
        put("policy", doc)

    sigv4_dir = os.path.join(ROOT, "tests/data/sigv4")
    for name in sorted(os.listdir(sigv4_dir)):
        req = os.path.join(sigv4_dir, name, "request.http")
        if os.path.exists(req):
            with open(req, "rb") as f:
                data = f.read()
            put("sigv4", data)

    for pattern, arn in [
        ("arn:aws:iam::*:user/${aws:username}", "arn:aws:iam::123456789012:user/alice"),
        ("arn:aws:s3:::bucket/*", "arn:aws:s3:::bucket/key"),
        ("arn:aws:iam::123456789012:policy/path/*", "arn:aws:iam::123456789012:policy/path/P"),
        ("arn:aws:*:*:*:*", "arn:aws:sts::123456789012:assumed-role/R/s"),
        ("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/ReadOnlyAccess"),
        ("arn:aws:ec2:us-east-1:?23456789012:instance/i-*", "arn:aws:ec2:us-east-1:123456789012:instance/i-1"),
        ("*", "arn:aws:dynamodb:eu-west-1:123456789012:table/T/index/I"),
    ]:
        put("arn", f"{pattern}\n{arn}")

    fixture_path = os.path.join(ROOT, "scripts/fixtures/founding-example.json")
    with open(fixture_path) as f:
        fixture_text = f.read()
    put("state", "j" + fixture_text)
    try:
        import yaml
        put("state", "y" + yaml.safe_dump(json.loads(fixture_text), sort_keys=False))
    except ImportError:
        pass
    if bin_path:
        # The founding fixture, loaded by a server and exported as a state document.
        server = subprocess.Popen([bin_path, "serve", "--port", "45991", "--quiet",
                                   "--fixture", fixture_path])
        try:
            for _ in range(50):
                out = subprocess.run([bin_path, "export", "--secrets",
                                      "--url", "http://127.0.0.1:45991"],
                                     capture_output=True, text=True)
                if out.returncode == 0 and out.stdout.strip():
                    put("state", "s" + out.stdout)
                    break
                time.sleep(0.1)
        finally:
            server.terminate()
            server.wait()
        # A journal: a few changes made against a --state-dir server.
        with tempfile.TemporaryDirectory() as state_dir:
            server = subprocess.Popen([bin_path, "serve", "--port", "45992", "--quiet",
                                       "--state-dir", state_dir])
            try:
                for body in ["Action=CreateUser&Version=2010-05-08&UserName=alice",
                             "Action=CreateGroup&Version=2010-05-08&GroupName=devs",
                             "Action=AddUserToGroup&Version=2010-05-08&UserName=alice&GroupName=devs",
                             "Action=AttachUserPolicy&Version=2010-05-08&UserName=alice"
                             "&PolicyArn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"]:
                    for _ in range(50):
                        try:
                            urllib.request.urlopen("http://127.0.0.1:45992/", body.encode())
                            break
                        except OSError:
                            time.sleep(0.1)
            finally:
                server.terminate()
                server.wait()
            for name in os.listdir(state_dir):
                if "journal" in name:
                    with open(os.path.join(state_dir, name), "rb") as f:
                        put("state", b"w" + f.read())


if __name__ == "__main__":
    main()
