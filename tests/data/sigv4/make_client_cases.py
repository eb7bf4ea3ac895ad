#!/usr/bin/env python3
"""Writes SigV4 cases signed by botocore's own signer, plus tampered variants.

Each case is a folder under tests/data/sigv4/ (see README.md there): the request as a client
sends it (request.http), the secret and the verification time (context.json), and, for the
untampered cases, what botocore computed at each stage (canonical-request.txt,
string-to-sign.txt, signature.txt), captured from botocore.auth.SigV4Auth / SigV4QueryAuth.

Credentials and time are fixed, so the output only changes with botocore itself (the
User-Agent header records which version produced the data). Run from anywhere:
    python3 tests/data/sigv4/make_client_cases.py
"""
import datetime
import json
import os
import shutil
import sys
import uuid
from unittest import mock
from urllib.parse import urlsplit

import botocore
import botocore.auth
import botocore.session
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

HERE = os.path.dirname(os.path.abspath(__file__))
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"  # the example key of the AWS documentation
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
SESSION_TOKEN = ("IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDEXAMPLE+token/"
                 "with+plus/and=equals==")
SIGNED_AT = datetime.datetime(2024, 1, 15, 10, 30, 0)
SIGNED_AT_TEXT = SIGNED_AT.strftime("%Y%m%dT%H%M%SZ")
GENERIC_MISMATCH = ("The request signature we calculated does not match the signature you "
                    "provided. Check your AWS Secret Access Key and signing method. Consult the "
                    "service documentation for details.")


class Captured(Exception):
    """Raised from before-send so no request leaves the process."""


class StageRecorder:
    """Wraps SigV4Auth's stage methods to record what botocore computed."""

    def __init__(self):
        self.stages = {}

    def __enter__(self):
        recorder = self
        orig_cr = botocore.auth.SigV4Auth.canonical_request
        orig_sts = botocore.auth.SigV4Auth.string_to_sign
        orig_sig = botocore.auth.SigV4Auth.signature

        def canonical_request(signer, request):
            recorder.stages["canonical-request.txt"] = orig_cr(signer, request)
            return recorder.stages["canonical-request.txt"]

        def string_to_sign(signer, request, canonical):
            recorder.stages["string-to-sign.txt"] = orig_sts(signer, request, canonical)
            return recorder.stages["string-to-sign.txt"]

        def signature(signer, sts, request):
            recorder.stages["signature.txt"] = orig_sig(signer, sts, request)
            return recorder.stages["signature.txt"]

        self._patches = [
            mock.patch.object(botocore.auth.SigV4Auth, "canonical_request", canonical_request),
            mock.patch.object(botocore.auth.SigV4Auth, "string_to_sign", string_to_sign),
            mock.patch.object(botocore.auth.SigV4Auth, "signature", signature),
            mock.patch.object(botocore.auth, "get_current_datetime", lambda *a, **k: SIGNED_AT),
            # amz-sdk-invocation-id (unsigned) would otherwise change on every run.
            mock.patch.object(uuid, "uuid4",
                              lambda: uuid.UUID("00000000-0000-4000-8000-000000000000")),
        ]
        for p in self._patches:
            p.start()
        return self

    def __exit__(self, *exc):
        for p in self._patches:
            p.stop()


def http_text(method, url, headers, body):
    """The request as it goes on the wire: request line, headers, blank line, body."""
    parts = urlsplit(url)
    target = (parts.path or "/") + ("?" + parts.query if parts.query else "")
    lines = [f"{method} {target} HTTP/1.1"]
    names = {name.lower() for name, _ in headers}
    if "host" not in names:  # the HTTP client adds it, as botocore assumed when signing
        lines.append("Host: " + botocore.auth._host_from_url(url))
    for name, value in headers:
        if isinstance(value, bytes):
            value = value.decode()
        lines.append(f"{name}: {value}")
    if body and "content-length" not in names:
        lines.append(f"Content-Length: {len(body)}")
    return ("\n".join(lines) + "\n\n").encode() + (body or b"")


def client_request(service, region, call, endpoint_url=None, token=None):
    """Runs `call(client)` and returns the request botocore was about to send."""
    session = botocore.session.get_session()
    client = session.create_client(service, region_name=region, endpoint_url=endpoint_url,
                                   aws_access_key_id=ACCESS_KEY,
                                   aws_secret_access_key=SECRET_KEY,
                                   aws_session_token=token)
    seen = {}

    def before_send(request, **_):
        seen["request"] = request
        raise Captured()

    client.meta.events.register("before-send", before_send)
    with StageRecorder() as rec:
        try:
            call(client)
        except Captured:
            pass
    req = seen["request"]
    body = req.body if isinstance(req.body, bytes) else (req.body or "").encode()
    return http_text(req.method, req.url, list(req.headers.items()), body), rec.stages


def presigned_request(service, region, method_name, params, expires, token=None):
    session = botocore.session.get_session()
    client = session.create_client(service, region_name=region, aws_access_key_id=ACCESS_KEY,
                                   aws_secret_access_key=SECRET_KEY, aws_session_token=token)
    with StageRecorder() as rec:
        # HttpMethod=GET as `aws eks get-token` does: the URL is then fetched with GET.
        url = client.generate_presigned_url(method_name, Params=params, ExpiresIn=expires,
                                            HttpMethod="GET")
    return http_text("GET", url, [], b""), rec.stages


def direct_request(method, url, headers, body, service, region, query_auth=False, token=None):
    """Signs a hand-built AWSRequest with SigV4Auth / SigV4QueryAuth directly."""
    creds = Credentials(ACCESS_KEY, SECRET_KEY, token)
    request = AWSRequest(method=method, url=url, data=body)
    for name, value in headers:  # one by one: HTTPHeaders keeps repeated names
        request.headers[name] = value
    signer = (botocore.auth.SigV4QueryAuth(creds, service, region, expires=300) if query_auth
              else botocore.auth.SigV4Auth(creds, service, region))
    with StageRecorder() as rec:
        signer.add_auth(request)
    return http_text(method, request.url, list(request.headers.items()), body or b""), rec.stages


def at(delta_seconds=30):
    return (SIGNED_AT + datetime.timedelta(seconds=delta_seconds)).strftime("%Y%m%dT%H%M%SZ")


def write_case(name, request, context, stages=None):
    folder = os.path.join(HERE, name)
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "request.http"), "wb") as f:
        f.write(request)
    with open(os.path.join(folder, "context.json"), "w") as f:
        json.dump(context, f, indent=2, ensure_ascii=False)
        f.write("\n")
    for file_name, text in (stages or {}).items():
        with open(os.path.join(folder, file_name), "wb") as f:
            f.write(text.encode())


def context(origin, now=None, secret=SECRET_KEY, expect=None, info=None):
    ctx = {"origin": origin, "secret_access_key": secret, "now": now or at()}
    if info:
        ctx["info"] = info
    if expect:
        ctx["expect"] = expect
    return ctx


def info(region, service, token=None, presigned=False):
    out = {"access_key_id": ACCESS_KEY, "date": SIGNED_AT_TEXT, "region": region,
           "service": service, "presigned": presigned}
    if token:
        out["session_token"] = token
    return out


def mismatch():
    return {"code": "SignatureDoesNotMatch", "status": 403, "message": GENERIC_MISMATCH}


def replace_once(data, old, new):
    assert data.count(old) >= 1, (old, data)
    return data.replace(old, new, 1)


def main():
    origin = f"botocore {botocore.__version__} (make_client_cases.py)"
    cases = {}

    cases["client-iam-create-user-with-tags"] = (*client_request(
        "iam", "us-east-1",
        lambda c: c.create_user(UserName="alice", Path="/eng/",
                                Tags=[{"Key": "team", "Value": "a b&c=d"},
                                      {"Key": "cost center", "Value": "100% ~ü"}])),
        info("us-east-1", "iam"))
    cases["client-sts-get-caller-identity"] = (*client_request(
        "sts", "us-east-1", lambda c: c.get_caller_identity()), info("us-east-1", "sts"))
    cases["client-sts-presigned-get-caller-identity"] = (*presigned_request(
        "sts", "us-east-1", "get_caller_identity", {}, 900),
        info("us-east-1", "sts", presigned=True))
    cases["client-iam-list-users-session-token"] = (*client_request(
        "iam", "us-east-1", lambda c: c.list_users(MaxItems=5), token=SESSION_TOKEN),
        info("us-east-1", "iam", token=SESSION_TOKEN))
    cases["client-sts-presigned-session-token"] = (*presigned_request(
        "sts", "eu-west-1", "get_caller_identity", {}, 60, token=SESSION_TOKEN),
        info("eu-west-1", "sts", token=SESSION_TOKEN, presigned=True))
    cases["client-iam-local-endpoint"] = (*client_request(
        "iam", "eu-west-1", lambda c: c.get_user(UserName="bob"),
        endpoint_url="http://localhost:4566"), None)
    cases["client-direct-query-and-path"] = (*direct_request(
        "GET", "http://127.0.0.1:8080/some%20dir/./x/../file?Version=2010-05-08&Action=ListUsers"
        "&Marker=a%2Bb%3D&Empty=&Space=a%20b",
        [("X-Custom", "  spaced    out  value "), ("X-Custom", "second")], None,
        "iam", "us-east-1"), info("us-east-1", "iam"))
    cases["client-direct-presigned"] = (*direct_request(
        "GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15", [],
        None, "sts", "us-east-1", query_auth=True), info("us-east-1", "sts", presigned=True))

    # The local-endpoint case records which scope botocore picks; read it back for `info`.
    req, stages, inf = cases["client-iam-local-endpoint"]
    scope = stages["string-to-sign.txt"].split("\n")[2].split("/")
    cases["client-iam-local-endpoint"] = (req, stages, info(scope[1], scope[2]))

    for name, (req, stages, inf) in cases.items():
        write_case(name, req, context(origin, info=inf), stages)

    # Tampered and out-of-time variants: each must fail with the stated error.
    tags_req = cases["client-iam-create-user-with-tags"][0]
    gci_req = cases["client-sts-get-caller-identity"][0]
    pre_req = cases["client-sts-presigned-get-caller-identity"][0]
    tok_req = cases["client-iam-list-users-session-token"][0]
    tampered = {
        "tamper-body-changed": (replace_once(tags_req, b"UserName=alice", b"UserName=mallo"),
                                context(origin, expect=mismatch())),
        "tamper-signed-header-changed": (
            replace_once(gci_req, b"application/x-www-form-urlencoded",
                         b"application/x-www-form-urlencodeD"),
            context(origin, expect=mismatch())),
        "tamper-wrong-secret": (gci_req, context(origin, secret=SECRET_KEY[:-1] + "X",
                                                 expect=mismatch())),
        "tamper-session-token-changed": (replace_once(tok_req, b"with+plus", b"with-plus"),
                                         context(origin, expect=mismatch())),
        "tamper-presigned-query-changed": (
            replace_once(pre_req, b"Action=GetCallerIdentity", b"Action=GetSessionToken"),
            context(origin, expect=mismatch())),
        "tamper-presigned-signature-truncated": (
            pre_req[:pre_req.index(b" HTTP/1.1")][:-1] + pre_req[pre_req.index(b" HTTP/1.1"):],
            context(origin, expect=mismatch())),
        "skew-16-minutes-late": (gci_req, context(origin, now=at(16 * 60), expect={
            "code": "SignatureDoesNotMatch", "status": 403,
            "message": f"Signature expired: {SIGNED_AT_TEXT} is now earlier than {at(60)} "
                       f"({at(16 * 60)} - 15 min.)"})),
        "skew-16-minutes-early": (gci_req, context(origin, now=at(-16 * 60), expect={
            "code": "SignatureDoesNotMatch", "status": 403,
            "message": f"Signature not yet current: {SIGNED_AT_TEXT} is still later than "
                       f"{at(-60)} ({at(-16 * 60)} + 15 min.)"})),
        "skew-15-minutes-late-accepted": (gci_req, context(
            origin, now=at(15 * 60), info=cases["client-sts-get-caller-identity"][2])),
        "presigned-expired": (pre_req, context(origin, now=at(16 * 60), expect={
            "code": "SignatureDoesNotMatch", "status": 403,
            "message": f"Signature expired: {SIGNED_AT_TEXT} is now earlier than {at(60)} "
                       f"({at(16 * 60)} - 15 min.)"})),
    }
    for name, (req, ctx) in tampered.items():
        # An accepted variant keeps the stages of the request it reuses.
        stages = None if "expect" in ctx else cases["client-sts-get-caller-identity"][1]
        write_case(name, req, ctx, stages)


if __name__ == "__main__":
    # The User-Agent lists botocore's feature ids from a set: fix the hash seed so that runs
    # with the same botocore write the same bytes.
    if os.environ.get("PYTHONHASHSEED") != "0":
        os.execve(sys.executable, [sys.executable] + sys.argv,
                  {**os.environ, "PYTHONHASHSEED": "0"})
    main()
