"""The lesson's access matrix (scripts/lib/access_matrix.py, printed by scripts/demo) on the
founding example loaded from its fixture: who may do what, with the policy that decided."""
import json
import os
import subprocess
import sys
import unittest

from harness import ROOT, ServerTestCase

MATRIX = os.path.join(ROOT, "scripts", "lib", "access_matrix.py")
FIXTURE = os.path.join(ROOT, "scripts", "fixtures", "founding-example.json")


class AccessMatrix(ServerTestCase):
    server_args = ("--fixture", FIXTURE)

    def run_matrix(self, *args):
        p = subprocess.run([sys.executable, MATRIX, self.server.endpoint, *args],
                           capture_output=True, text=True, timeout=300)
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        return p.stdout

    def test_decisions_and_reasons(self):
        rows = {r["person"]: r for r in json.loads(self.run_matrix("--json"))}
        self.assertIsNone(rows["peter"]["user"])
        allowed = {p: {c["task"] for c in r["cells"] if c["decision"] == "allowed"}
                   for p, r in rows.items() if r["user"]}
        # Developers reach the billing bucket through AmazonS3FullAccess (s3:*), as in AWS.
        self.assertEqual(allowed, {
            "sally": {"EB", "EC2", "S3", "SQS", "Billing"},
            "john": {"EB", "S3", "Billing"},
            "maria": {"EB", "S3", "Billing"},
            "jane": {"S3", "Cognito", "Billing"},
            "mary": {"Billing"},
        })
        mary = {c["task"]: c for c in rows["mary"]["cells"]}
        self.assertEqual(mary["Billing"]["reason"], "allowed by BillingBucketReadOnly")
        self.assertEqual(mary["EC2"]["reason"], "no policy allows it")
        jane = {c["task"]: c for c in rows["jane"]["cells"]}
        self.assertEqual(jane["Cognito"]["reason"], "allowed by AmazonCognitoPowerUser")
        access = {p: (r["console"], r["programmatic"]) for p, r in rows.items() if r["user"]}
        self.assertEqual(access["jane"], (False, True))
        self.assertEqual(access["mary"], (True, False))

    def test_table_for_people(self):
        out = self.run_matrix()
        mary = next(line for line in out.splitlines() if line.startswith("mary "))
        self.assertEqual(mary.split(), ["mary", "yes", "no", "deny", "deny", "deny", "deny",
                                        "deny", "ALLOW"])
        self.assertIn("peter   (no IAM user", out)
        self.assertIn("mary   Billing  s3:GetObject", out)


if __name__ == "__main__":
    unittest.main()
