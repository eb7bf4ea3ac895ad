"""Starts a real iamlite server on a free port for end-to-end tests, and hands out clients.

The binary comes from $IAMLITE_BIN (set by CTest) or build/bin/iamlite.
Against a sanitizer build (scripts/test-sanitize), Server.stop() fails when the server reported
an error (a leak at exit included), whether the report went to its standard error or to the
file log_path names in ASAN_OPTIONS / UBSAN_OPTIONS / TSAN_OPTIONS.
"""
import json
import os
import re
import subprocess
import sys
import threading
import unittest

import boto3
from botocore.config import Config

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("IAMLITE_BIN", os.path.join(ROOT, "build", "bin", "iamlite"))
CREDS = {"AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
         "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         "AWS_DEFAULT_REGION": "us-east-1"}

# First lines of the reports of AddressSanitizer, LeakSanitizer, ThreadSanitizer and
# UndefinedBehaviorSanitizer ("FILE:LINE:COLUMN: runtime error: ...").
SANITIZER_REPORT = re.compile(r"==\d+==ERROR: (AddressSanitizer|LeakSanitizer|ThreadSanitizer)"
                              r"|WARNING: ThreadSanitizer|(:\d+:\d+|<unknown>): runtime error: ")


def sanitizer_reports(pid, stderr_text=""):
    """The sanitizer reports of process `pid`: its files LOG_PATH.PID, and its standard error
    when that holds one."""
    paths = set()
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS"):
        for opt in re.split(r"[:\s]+", os.environ.get(var, "")):
            if opt.startswith("log_path="):
                paths.add(opt[len("log_path="):])
    reports = []
    for path in sorted(paths):
        name = "%s.%d" % (path, pid)
        if os.path.exists(name):
            with open(name, errors="replace") as f:
                reports.append(f.read())
    if SANITIZER_REPORT.search(stderr_text):
        reports.append(stderr_text)
    return reports


class Server:
    def __init__(self, *args):
        self.proc = subprocess.Popen([BIN, "serve", "--port", "0", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if "ready on http://" not in line:
            self.proc.kill()
            raise RuntimeError("iamlite did not start: %r %s" % (line, self.proc.stderr.read()))
        self.endpoint = line.split("ready on ")[1].split()[0]
        self.host, port = self.endpoint[len("http://"):].split(":")
        self.port = int(port)
        self.log_lines = []
        self._drain = threading.Thread(target=self._read_log, daemon=True)
        self._drain.start()

    def _read_log(self):
        for line in self.proc.stderr:
            self.log_lines.append(line)

    def client(self, service="iam", validate=True):
        """A boto3 client; validate=False skips botocore's own parameter checks, so that the
        server's answer to out-of-range input can be seen."""
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=CREDS["AWS_ACCESS_KEY_ID"],
                            aws_secret_access_key=CREDS["AWS_SECRET_ACCESS_KEY"],
                            config=Config(retries={"max_attempts": 1},
                                          parameter_validation=validate))

    def cli(self, *args, check=True):
        """Runs the real AWS CLI; returns (exit code, parsed JSON or None, stderr)."""
        env = dict(os.environ, **CREDS, AWS_PAGER="", AWS_CONFIG_FILE="/dev/null",
                   AWS_SHARED_CREDENTIALS_FILE="/dev/null")
        p = subprocess.run(["aws", "--endpoint-url", self.endpoint, "--output", "json", *args],
                           capture_output=True, text=True, env=env, timeout=120)
        if check and p.returncode != 0:
            raise AssertionError("aws %s failed (%d): %s" % (" ".join(args), p.returncode, p.stderr))
        out = json.loads(p.stdout) if p.stdout.strip() else None
        return p.returncode, out, p.stderr

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
        self._drain.join(timeout=10)
        reports = sanitizer_reports(self.proc.pid, "".join(self.log_lines))
        if reports:
            raise AssertionError("iamlite (pid %d, exit status %s) reported sanitizer errors:\n%s"
                                 % (self.proc.pid, self.proc.returncode, "\n".join(reports)))
        return self.proc.returncode


class ServerTestCase(unittest.TestCase):
    """One server per test class; `self.iam` is a boto3 IAM client."""
    server_args = ()

    @classmethod
    def setUpClass(cls):
        cls.server = Server(*cls.server_args)
        cls.iam = cls.server.client("iam")
        cls.sts = cls.server.client("sts")
        cls.raw_iam = cls.server.client("iam", validate=False)

    @classmethod
    def tearDownClass(cls):
        rc = cls.server.stop()
        assert rc == 0, "iamlite exited with %s" % rc

    def assertError(self, code, status, message, fn, *args, **kwargs):
        """Calls fn and checks the AWS error the client parsed from the response."""
        from botocore.exceptions import ClientError
        with self.assertRaises(ClientError) as cm:
            fn(*args, **kwargs)
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], code)
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status)
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message)
        return err
