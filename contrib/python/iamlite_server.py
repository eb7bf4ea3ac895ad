"""Start iamlite for a Python test suite: a server on a free port, reset between tests.

    from iamlite_server import IamliteServer

    with IamliteServer() as server:          # `iamlite` on PATH, or IAMLITE_BIN
        iam = server.client("iam")
        iam.create_user(UserName="ana")
        server.reset()                        # back to an empty account

With pytest, add this file's folder to sys.path (or copy the file next to conftest.py) and
`from iamlite_server import iamlite, iam  # noqa: F401` in conftest.py: `iamlite` is one server
per test session, `iam` a boto3 IAM client on a freshly reset server for each test.
"""
import json
import os
import shutil
import subprocess
import threading
import urllib.request


class IamliteServer:
    def __init__(self, *args, binary=None):
        binary = binary or os.environ.get("IAMLITE_BIN") or shutil.which("iamlite")
        if not binary:
            raise RuntimeError("iamlite not found: put it on PATH or set IAMLITE_BIN")
        self.proc = subprocess.Popen([binary, "serve", "--port", "0", "--quiet", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()  # "iamlite VERSION ready on http://HOST:PORT (...)"
        if "ready on http://" not in line:
            self.proc.kill()
            raise RuntimeError("iamlite did not start: %r %s" % (line, self.proc.stderr.read()))
        self.endpoint = line.split("ready on ")[1].split()[0]
        # Keep reading the log so a chatty server never blocks on a full pipe.
        threading.Thread(target=self.proc.stderr.read, daemon=True).start()

    def reset(self, account=None):
        """Empties every account (or one): POST /iamlite/reset."""
        url = self.endpoint + "/iamlite/reset" + ("?account=" + account if account else "")
        with urllib.request.urlopen(urllib.request.Request(url, method="POST", data=b"")) as r:
            return json.loads(r.read() or b"{}")

    def client(self, service="iam", access_key="test", secret_key="test"):
        import boto3
        return boto3.client(service, endpoint_url=self.endpoint, region_name="us-east-1",
                            aws_access_key_id=access_key, aws_secret_access_key=secret_key)

    def stop(self):
        self.proc.terminate()
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            return self.proc.wait()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()


try:
    import pytest
except ImportError:  # the class above works without pytest
    pytest = None

if pytest is not None:
    @pytest.fixture(scope="session")
    def iamlite():
        with IamliteServer() as server:
            yield server

    @pytest.fixture
    def iam(iamlite):  # pylint: disable=redefined-outer-name
        iamlite.reset()
        return iamlite.client("iam")
