"""Limits and abuse (README "Limits"): too many parameters, names nested too deep, policy
documents nested too deep, slow senders (408), too many connections (503); the server keeps
serving other clients meanwhile."""
import http.client
import json
import select
import socket
import threading
import time
import unittest
import urllib.parse

from harness import Server


def post(server, body, timeout=10):
    conn = http.client.HTTPConnection(server.host, server.port, timeout=timeout)
    conn.request("POST", "/", body=body,
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    resp = conn.getresponse()
    data = resp.read().decode()
    conn.close()
    return resp.status, data


class Limits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = Server("--quiet", "--read-timeout", "2", "--max-connections", "8")
        cls.iam = cls.server.client("iam")

    @classmethod
    def tearDownClass(cls):
        rc = cls.server.stop()
        assert rc == 0, "iamlite exited with %s" % rc

    def serves_others(self):
        """A normal client is answered promptly."""
        start = time.monotonic()
        self.assertEqual(self.iam.list_users()["ResponseMetadata"]["HTTPStatusCode"], 200)
        self.assertLess(time.monotonic() - start, 2)

    def test_parameter_count(self):
        base = "Action=ListUsers&Version=2010-05-08"
        ok = base + "".join("&X%d=v" % i for i in range(998))  # 1,000 in all
        status, body = post(self.server, ok)
        self.assertEqual(status, 200, body)
        status, body = post(self.server, ok + "&OneMore=v")
        self.assertEqual(status, 400)
        self.assertIn("<Code>MalformedQueryString</Code>", body)
        self.assertIn("The request has more than 1000 parameters.", body)
        self.serves_others()

    def test_parameter_name_depth(self):
        status, body = post(self.server, "Action=ListUsers&Version=2010-05-08&" +
                            ".".join(["Tags"] * 11) + "=x")
        self.assertEqual(status, 400)
        self.assertIn("A parameter name nests deeper than 10 levels.", body)

    def test_policy_document_depth(self):
        value = "x"
        for _ in range(64):
            value = [value]
        doc = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEquals": {"aws:username": value}}}]})
        status, body = post(self.server, urllib.parse.urlencode({
            "Action": "CreatePolicy", "Version": "2010-05-08", "PolicyName": "deep",
            "PolicyDocument": doc}))
        self.assertEqual(status, 400)
        self.assertIn("<Code>MalformedPolicyDocument</Code>", body)
        self.assertIn("Syntax errors in policy.", body)

    def test_slow_sender_gets_408_while_others_are_served(self):
        s = socket.create_connection((self.server.host, self.server.port), timeout=10)
        start = time.monotonic()
        request = b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n"
        sent = 0
        try:
            # One byte every 0.2 s (the header alone would take 10 s), until the server answers.
            while sent < len(request) and not select.select([s], [], [], 0)[0]:
                s.sendall(request[sent:sent + 1])
                sent += 1
                if sent % 5 == 0:
                    self.serves_others()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass
        data = b""
        try:
            while chunk := s.recv(4096):
                data += chunk
        except ConnectionResetError:
            pass
        s.close()
        self.assertTrue(data.startswith(b"HTTP/1.1 408"), data)
        self.assertIn(b"Request not received in full within 2 s.", data)
        self.assertLess(time.monotonic() - start, 6)
        self.assertLess(sent, len(request))
        self.serves_others()

    def test_connection_cap_answers_503_and_keeps_serving(self):
        # Open connections (each with one request answered, kept alive) until the server
        # refuses one: at most 8 in all, other clients' (boto3's pool) included.
        held, refused = [], None
        try:
            for _ in range(12):
                conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
                conn.request("GET", "/health")
                resp = conn.getresponse()
                data = resp.read()
                if resp.status == 503:
                    refused = data
                    conn.close()
                    break
                self.assertEqual(resp.status, 200)
                held.append(conn)
            self.assertEqual(refused, b"Too many connections: the server holds at most 8 at once.\n")
            self.assertLessEqual(len(held), 8)
            self.assertGreaterEqual(len(held), 6)
            # The connections already open are still served.
            for conn in held:
                conn.request("GET", "/health")
                resp = conn.getresponse()
                resp.read()
                self.assertEqual(resp.status, 200)
        finally:
            for conn in held:
                conn.close()
        # Once they close, new clients are served again.
        deadline = time.monotonic() + 10
        while True:
            try:
                status, _ = post(self.server, "Action=ListUsers&Version=2010-05-08")
            except (ConnectionError, http.client.HTTPException):
                status = None
            if status == 200 or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(status, 200)

    def test_many_slow_senders_do_not_stop_the_server(self):
        socks = []
        for _ in range(4):
            s = socket.create_connection((self.server.host, self.server.port), timeout=10)
            s.sendall(b"POST / HTTP/1.1\r\nHo")
            socks.append(s)
        try:
            self.serves_others()
            time.sleep(2.5)
            for s in socks:
                data = s.recv(4096)
                self.assertTrue(data.startswith(b"HTTP/1.1 408"), data)
        finally:
            for s in socks:
                s.close()
        self.serves_others()


if __name__ == "__main__":
    unittest.main()
