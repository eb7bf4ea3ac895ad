"""scripts/coverage end to end: its report must agree with what the server registers."""
import glob
import json
import os
import re
import subprocess
import sys
import unittest

import http.client

from harness import BIN, ROOT, Server


def registered_operations():
    """"SERVICE:Operation" for each model operation named by a string literal in
    server/actions/*.cc (the IAM and STS models share no operation name)."""
    literals = set()
    for path in glob.glob(os.path.join(ROOT, "server", "actions", "*.cc")):
        with open(path) as f:
            literals |= set(re.findall(r'"([A-Z][A-Za-z0-9]+)"', f.read()))
    out = set()
    for service in ("iam", "sts"):
        with open(os.path.join(ROOT, "model", service + ".json")) as f:
            out |= {"%s:%s" % (service.upper(), op) for op in json.load(f)["operations"]
                    if op in literals}
    return out


def bare_probe():
    """"SERVICE:Operation" for each operation a bare POST (Action and Version, nothing else)
    does not answer with 501 NotImplemented: the server's own view, by another road than
    boto3."""
    server = Server()
    try:
        out = set()
        for service in ("iam", "sts"):
            with open(os.path.join(ROOT, "model", service + ".json")) as f:
                model = json.load(f)
            for op in model["operations"]:
                conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
                conn.request("POST", "/", body="Action=%s&Version=%s" % (
                    op, model["metadata"]["apiVersion"]),
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
                resp = conn.getresponse()
                body = resp.read().decode()
                conn.close()
                if not (resp.status == 501 and "NotImplemented" in body):
                    out.add("%s:%s" % (service.upper(), op))
        return out
    finally:
        server.stop()


def run_coverage(*args):
    p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "coverage"), "--bin", BIN,
                        "--json", *args], capture_output=True, text=True, timeout=600)
    if p.returncode != 0:
        raise AssertionError("scripts/coverage failed: %s" % p.stderr)
    return json.loads(p.stdout)


class Coverage(unittest.TestCase):
    def test_quick_form_reports_what_the_server_registers(self):
        report = run_coverage("--quick")
        implemented = {k for k, r in report["operations"].items()
                       if r == "ok" or r.startswith("error ")}
        self.assertEqual([k for k, r in report["operations"].items() if r.startswith("unsent")],
                         [])
        self.assertEqual(implemented, bare_probe())
        # Operations registered by name in server/actions must all be among them (some
        # registrations build their names, so this is a subset check).
        self.assertLessEqual(registered_operations(), implemented)
        self.assertEqual(report["implemented"], len(implemented))
        with open(os.path.join(ROOT, "model", "iam.json")) as f:
            iam_ops = len(json.load(f)["operations"])
        with open(os.path.join(ROOT, "model", "sts.json")) as f:
            sts_ops = len(json.load(f)["operations"])
        self.assertEqual(report["total"], iam_ops + sts_ops)

    def test_full_form_calls_succeed_with_fixtures(self):
        report = run_coverage()
        ops = report["operations"]
        for op in ("IAM:CreateUser", "IAM:ListUsers", "IAM:CreateServiceSpecificCredential",
                   "IAM:ListServiceSpecificCredentials", "IAM:ResetServiceSpecificCredential",
                   "IAM:DeleteServiceSpecificCredential", "IAM:GetServiceLastAccessedDetails",
                   "IAM:GenerateServiceLastAccessedDetails",
                   "IAM:ListPoliciesGrantingServiceAccess",
                   "IAM:SetSecurityTokenServicePreferences", "IAM:GetDelegationRequest",
                   "IAM:GetHumanReadableSummary", "STS:GetCallerIdentity"):
            self.assertEqual(ops[op], "ok", op)
        self.assertEqual(ops["IAM:ListOrganizationsFeatures"],
                         "error OrganizationNotFoundException")


if __name__ == "__main__":
    unittest.main()
