"""The AWS SDK for JavaScript v3 against iamlite: runs tests/js (node's own test runner) against a
server started here. scripts/test installs tests/js's packages from npm (package-lock.json)."""
import os
import shutil
import subprocess
import unittest

from harness import ROOT, Server

JS = os.path.join(ROOT, "tests", "js")


class JsSdk(unittest.TestCase):
    def test_node_suite(self):
        self.assertTrue(shutil.which("node"), "node is not installed (scripts/test installs it)")
        self.assertTrue(os.path.isdir(os.path.join(JS, "node_modules", "@aws-sdk", "client-iam")),
                        "run `npm ci` in tests/js (scripts/test does)")
        server = Server()
        try:
            p = subprocess.run(["node", "--test", "--test-reporter=spec", "iam.test.mjs"], cwd=JS,
                               env=dict(os.environ, IAMLITE_ENDPOINT=server.endpoint),
                               capture_output=True, text=True, timeout=300)
        finally:
            self.assertEqual(server.stop(), 0)
        self.assertEqual(p.returncode, 0, p.stdout[-4000:] + p.stderr[-2000:])
        self.assertIn("pass 5", p.stdout)
        self.assertIn("fail 0", p.stdout)


if __name__ == "__main__":
    unittest.main()
