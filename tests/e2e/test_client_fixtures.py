"""contrib/python/iamlite_server.py, the helper README offers Python test suites: starts the
real binary on a free port, resets it, stops it."""
import os
import sys
import unittest

from harness import BIN, ROOT

sys.path.insert(0, os.path.join(ROOT, "contrib", "python"))
from iamlite_server import IamliteServer  # noqa: E402


class PythonFixture(unittest.TestCase):
    def test_start_reset_stop(self):
        with IamliteServer(binary=BIN) as server:
            self.assertTrue(server.endpoint.startswith("http://127.0.0.1:"), server.endpoint)
            iam = server.client("iam")
            iam.create_user(UserName="ana")
            self.assertEqual(len(iam.list_users()["Users"]), 1)
            server.reset()
            self.assertEqual(iam.list_users()["Users"], [])
            self.assertEqual(server.client("sts").get_caller_identity()["Account"],
                             "123456789012")
        self.assertIsNotNone(server.proc.returncode)
        self.assertEqual(server.proc.returncode, 0)

    def test_extra_arguments_reach_the_server(self):
        with IamliteServer("--account", "111122223333", binary=BIN) as server:
            self.assertEqual(server.client("sts").get_caller_identity()["Account"],
                             "111122223333")


if __name__ == "__main__":
    unittest.main()
