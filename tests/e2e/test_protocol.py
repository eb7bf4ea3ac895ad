"""The AWS Query protocol and HTTP edge: envelopes, routing, bad input, limits.

Raw HTTP on purpose: these are requests no SDK would send."""
import http.client
import json
import socket
import time
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import ServerTestCase

IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"
STS_NS = "{https://sts.amazonaws.com/doc/2011-06-15/}"


class Protocol(ServerTestCase):
    server_args = ("--idle-timeout", "2")

    def post(self, body, headers=None, target="/"):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        h.update(headers or {})
        conn.request("POST", target, body=body, headers=h)
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        return resp.status, data

    def error_of(self, data, ns=IAM_NS):
        root = ET.fromstring(data)
        self.assertEqual(root.tag, ns + "ErrorResponse")
        err = root.find(ns + "Error")
        self.assertTrue(root.find(ns + "RequestId").text)
        return (err.find(ns + "Type").text, err.find(ns + "Code").text,
                err.find(ns + "Message").text)

    def test_success_envelope(self):
        status, data = self.post("Action=CreateUser&Version=2010-05-08&UserName=env1")
        self.assertEqual(status, 200)
        root = ET.fromstring(data)
        self.assertEqual(root.tag, IAM_NS + "CreateUserResponse")
        user = root.find(IAM_NS + "CreateUserResult/" + IAM_NS + "User")
        self.assertEqual([c.tag[len(IAM_NS):] for c in user],
                         ["Path", "UserName", "UserId", "Arn", "CreateDate"])
        self.assertRegex(user.find(IAM_NS + "CreateDate").text,
                         r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
        rid = root.find(IAM_NS + "ResponseMetadata/" + IAM_NS + "RequestId").text
        self.assertRegex(rid, r"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
        # An operation without output still answers its envelope.
        status, data = self.post("Action=DeleteUser&Version=2010-05-08&UserName=env1")
        self.assertEqual(status, 200)
        root = ET.fromstring(data)
        self.assertEqual(root.tag, IAM_NS + "DeleteUserResponse")
        self.assertEqual([c.tag for c in root], [IAM_NS + "ResponseMetadata"])

    def test_lists_are_member_elements(self):
        self.post("Action=CreateUser&Version=2010-05-08&UserName=lm1&Tags.member.1.Key=a"
                  "&Tags.member.1.Value=b")
        status, data = self.post("Action=ListUserTags&Version=2010-05-08&UserName=lm1")
        root = ET.fromstring(data)
        tags = root.find(IAM_NS + "ListUserTagsResult/" + IAM_NS + "Tags")
        self.assertEqual([c.tag for c in tags], [IAM_NS + "member"])
        result = root.find(IAM_NS + "ListUserTagsResult")
        self.assertEqual(result.find(IAM_NS + "IsTruncated").text, "false")
        self.post("Action=DeleteUser&Version=2010-05-08&UserName=lm1")

    def test_get_with_query_string(self):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        conn.request("GET", "/?Action=ListUsers&Version=2010-05-08")
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        self.assertEqual(ET.fromstring(resp.read()).tag, IAM_NS + "ListUsersResponse")

    def test_unknown_and_missing_action(self):
        status, data = self.post("Action=MakeCoffee&Version=2010-05-08")
        self.assertEqual(status, 400)
        self.assertEqual(self.error_of(data)[1], "InvalidAction")
        status, data = self.post("Version=2010-05-08&UserName=x")
        self.assertEqual(status, 400)
        self.assertEqual(self.error_of(data)[1], "MissingAction")

    def test_not_implemented_operation_is_501(self):
        status, data = self.post("Action=CreateSAMLProvider&Version=2010-05-08")
        # Either implemented (then it validates input) or a clear 501 naming it.
        if status == 501:
            kind, code, msg = self.error_of(data)
            self.assertEqual((kind, code), ("Receiver", "NotImplemented"))
            self.assertIn("CreateSAMLProvider", msg)
        else:
            self.assertEqual(status, 400)

    def test_missing_required_member(self):
        status, data = self.post("Action=CreateUser&Version=2010-05-08")
        self.assertEqual(status, 400)
        self.assertEqual(self.error_of(data), (
            "Sender", "ValidationError",
            "1 validation error detected: Value null at 'userName' failed to satisfy "
            "constraint: Member must not be null"))

    def test_bad_encodings(self):
        for body in ("Action=ListUsers&Version=2010-05-08&PathPrefix=%zz",
                     "Action=ListUsers&Version=2010-05-08&PathPrefix=%2",
                     "Action=ListUsers&Version=2010-05-08&PathPrefix=%ff%fe",
                     "Action=ListUsers&Version=2010-05-08&PathPrefix=%c0%af"):
            status, data = self.post(body)
            self.assertEqual(status, 400, body)
            self.assertEqual(self.error_of(data)[1], "MalformedQueryString", body)

    def test_duplicate_parameters(self):
        status, data = self.post("Action=GetUser&Version=2010-05-08&UserName=a&UserName=b")
        self.assertEqual(status, 400)
        code, msg = self.error_of(data)[1:]
        self.assertEqual(code, "MalformedQueryString")
        self.assertIn("UserName", msg)

    def test_non_numeric_integer(self):
        status, data = self.post("Action=ListUsers&Version=2010-05-08&MaxItems=ten")
        self.assertEqual(status, 400)
        self.assertIn("maxItems", self.error_of(data)[2])

    def test_body_over_one_mib_is_413(self):
        body = "Action=ListUsers&Version=2010-05-08&PathPrefix=" + "a" * (1 << 20)
        status, _ = self.post(body)
        self.assertEqual(status, 413)
        # And the server goes on serving.
        self.assertEqual(self.post("Action=ListUsers&Version=2010-05-08")[0], 200)

    def test_headers_over_16_kib_are_refused(self):
        status, _ = self.post("Action=ListUsers&Version=2010-05-08", {"X-Big": "b" * 20000})
        self.assertEqual(status, 431)

    def test_garbage_bytes_get_400_and_close(self):
        s = socket.create_connection((self.server.host, self.server.port), timeout=10)
        s.sendall(b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03garbage\r\n\r\n")
        data = s.recv(4096)
        self.assertTrue(data.startswith(b"HTTP/1.1 400"), data)
        s.close()

    def test_idle_connection_is_closed(self):
        s = socket.create_connection((self.server.host, self.server.port), timeout=10)
        start = time.monotonic()
        self.assertEqual(s.recv(4096), b"")  # no request: closed by the server, no answer
        self.assertLess(time.monotonic() - start, 8)
        s.close()

    def test_stalled_request_gets_408_and_close(self):
        # A request begun and not finished: the read timeout (here the idle timeout, 2 s,
        # the smaller of the two) answers 408.
        s = socket.create_connection((self.server.host, self.server.port), timeout=10)
        s.sendall(b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=")
        start = time.monotonic()
        data = b""
        while chunk := s.recv(4096):
            data += chunk
        self.assertTrue(data.startswith(b"HTTP/1.1 408"), data)
        self.assertIn(b"Request not received in full within 2 s.", data)
        self.assertLess(time.monotonic() - start, 8)
        s.close()

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        for _ in range(20):
            conn.request("POST", "/", body="Action=ListUsers&Version=2010-05-08",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
            resp = conn.getresponse()
            resp.read()
            self.assertEqual(resp.status, 200)
        conn.close()

    def test_sts_routed_by_credential_scope_and_action(self):
        auth = ("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261128/eu-west-1/sts/aws4_request, "
                "SignedHeaders=host, Signature=0")
        status, data = self.post("Action=GetCallerIdentity&Version=2011-06-15",
                                 {"Authorization": auth})
        self.assertEqual(status, 200)
        root = ET.fromstring(data)
        self.assertEqual(root.tag, STS_NS + "GetCallerIdentityResponse")
        # Without a signature the action name decides.
        status, data = self.post("Action=GetCallerIdentity&Version=2011-06-15")
        self.assertEqual(ET.fromstring(data).tag, STS_NS + "GetCallerIdentityResponse")
        # An IAM action signed for STS is unknown to STS.
        status, data = self.post("Action=ListUsers&Version=2011-06-15", {"Authorization": auth})
        self.assertEqual(status, 400)
        self.assertEqual(self.error_of(data, STS_NS)[1], "InvalidAction")

    def test_health(self):
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        conn.request("GET", "/health")
        resp = conn.getresponse()
        self.assertEqual(resp.status, 200)
        body = json.loads(resp.read())
        self.assertEqual(body["status"], "ok")
        self.assertIn("version", body)
        self.assertGreaterEqual(body["uptime_seconds"], 0)

    def test_log_line_per_request(self):
        self.post("Action=GetUser&Version=2010-05-08&UserName=nobody-logged")
        time.sleep(0.2)
        lines = [l for l in self.server.log_lines if " GetUser " in l]
        self.assertTrue(lines)
        fields = lines[-1].split()
        self.assertEqual(fields[1:5], ["POST", "GetUser", "arn:aws:iam::123456789012:root", "404"])
        self.assertRegex(fields[5], r"^\d+us$")


class QuietAndCli(unittest.TestCase):
    def test_quiet_silences_log_and_cli_flags(self):
        import subprocess
        from harness import BIN, Server
        srv = Server("--quiet")
        try:
            srv.client().list_users()
            time.sleep(0.2)
            self.assertEqual(srv.log_lines, [])
        finally:
            self.assertEqual(srv.stop(), 0)
        out = subprocess.run([BIN, "--version"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 0)
        self.assertTrue(out.stdout.startswith("iamlite "))
        out = subprocess.run([BIN, "--help"], capture_output=True, text=True)
        self.assertIn("iamlite serve", out.stdout)
        out = subprocess.run([BIN, "serve", "--port", "notaport"], capture_output=True, text=True)
        self.assertEqual(out.returncode, 2)


if __name__ == "__main__":
    unittest.main()


class Banner(unittest.TestCase):
    def banner(self, *args):
        from harness import Server
        srv = Server(*args)
        try:
            deadline = time.time() + 5
            while time.time() < deadline and not any("console" in l for l in srv.log_lines):
                time.sleep(0.02)
            return srv.endpoint, "".join(srv.log_lines)
        finally:
            self.assertEqual(srv.stop(), 0)

    def test_names_endpoint_mode_state_and_console(self):
        endpoint, text = self.banner()
        self.assertIn("  endpoint  %s  (aws --endpoint-url %s" % (endpoint, endpoint), text)
        self.assertIn("  mode      friendly: any credentials accepted", text)
        self.assertIn("  accounts  123456789012 by default (root key id test)", text)
        self.assertIn("  state     in memory", text)
        self.assertIn("  console   %s/console" % endpoint, text)

    def test_enforce_mode_is_named(self):
        _, text = self.banner("--enforce", "--account", "111122223333")
        self.assertIn("  mode      enforce: signatures checked, every call authorized", text)
        self.assertIn("  accounts  111122223333 by default", text)
