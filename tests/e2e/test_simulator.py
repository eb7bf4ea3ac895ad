"""The IAM policy simulator end to end: SimulateCustomPolicy, SimulatePrincipalPolicy and
GetContextKeysFor{Custom,Principal}Policy with boto3 and the AWS CLI, the founding example's
people, and the offline `iamlite simulate` / `iamlite validate` commands. Result shapes follow
the real-AWS recording test_iam.snapshot.json (test_simulate_principle_policy)."""
import json
import os
import subprocess
import tempfile
import unittest

from harness import BIN, ROOT, ServerTestCase

ACCOUNT = "123456789012"
# The document of the recorded answer (test_simulate_principle_policy), which spans columns
# 41..113 of line 1.
PUT_ANY = ('{"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", '
           '"Action": "s3:PutObject", "Resource": "*"}}')
QUEUE = "arn:aws:sqs:us-east-1:%s:orders" % ACCOUNT
RESULT_KEYS = {"EvalActionName", "EvalResourceName", "EvalDecision", "MatchedStatements",
               "MissingContextValues", "OrganizationsDecisionDetail", "EvalDecisionDetails",
               "ResourceSpecificResults"}


class CustomPolicy(ServerTestCase):
    def test_recorded_shape(self):
        r = self.iam.simulate_custom_policy(PolicyInputList=[PUT_ANY],
                                            ActionNames=["s3:PutObject", "s3:GetObjectVersion"],
                                            ResourceArns=["arn:aws:s3:::bucket"])
        self.assertFalse(r["IsTruncated"])
        put, get = r["EvaluationResults"]
        self.assertEqual(set(put), RESULT_KEYS)
        self.assertEqual(put["EvalDecision"], "allowed")
        self.assertEqual(put["EvalResourceName"], "arn:aws:s3:::bucket")
        self.assertEqual(put["MatchedStatements"], [{
            "SourcePolicyId": "PolicyInputList.1", "SourcePolicyType": "IAM Policy",
            "StartPosition": {"Line": 1, "Column": 41},
            "EndPosition": {"Line": 1, "Column": 113}}])
        self.assertEqual(put["OrganizationsDecisionDetail"], {"AllowedByOrganizations": True})
        self.assertEqual(put["EvalDecisionDetails"], {})
        self.assertEqual(put["MissingContextValues"], [])
        self.assertEqual(put["ResourceSpecificResults"], [{
            "EvalResourceName": "arn:aws:s3:::bucket", "EvalResourceDecision": "allowed",
            "MatchedStatements": put["MatchedStatements"], "MissingContextValues": []}])
        self.assertEqual(get["EvalDecision"], "implicitDeny")
        self.assertEqual(get["MatchedStatements"], [])

    def test_explicit_deny_boundary_and_default_resource(self):
        deny = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]})
        allow_all = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
        only_get = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
        r = self.iam.simulate_custom_policy(
            PolicyInputList=[allow_all, deny], PermissionsBoundaryPolicyInputList=[only_get],
            ActionNames=["s3:GetObject", "s3:PutObject", "s3:DeleteObject"])["EvaluationResults"]
        self.assertEqual([e["EvalDecision"] for e in r],
                         ["allowed", "implicitDeny", "explicitDeny"])
        self.assertEqual({e["EvalResourceName"] for e in r}, {"*"})
        self.assertEqual([e["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"]
                          for e in r], [True, False, False])
        self.assertEqual(r[2]["MatchedStatements"][0]["SourcePolicyId"], "PolicyInputList.2")

    def test_context_entries_and_missing_values(self):
        doc = json.dumps({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow", "Action": "ec2:RunInstances", "Resource": "*",
            "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"},
                          "Bool": {"aws:MultiFactorAuthPresent": "true"},
                          "NumericLessThan": {"ec2:count": "5"},
                          "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                          "ForAnyValue:StringEquals": {"aws:TagKeys": ["team"]}}}]})
        call = lambda entries: self.iam.simulate_custom_policy(
            PolicyInputList=[doc], ActionNames=["ec2:RunInstances"],
            ContextEntries=entries)["EvaluationResults"][0]
        none = call([])
        self.assertEqual(none["EvalDecision"], "implicitDeny")
        self.assertTrue(none["MissingContextValues"])
        entries = [
            {"ContextKeyName": "aws:SourceIp", "ContextKeyType": "ip", "ContextKeyValues": ["10.1.1.1"]},
            {"ContextKeyName": "aws:MultiFactorAuthPresent", "ContextKeyType": "boolean",
             "ContextKeyValues": ["true"]},
            {"ContextKeyName": "ec2:count", "ContextKeyType": "numeric", "ContextKeyValues": ["2"]},
            {"ContextKeyName": "aws:CurrentTime", "ContextKeyType": "date",
             "ContextKeyValues": ["2026-01-01T00:00:00Z"]},
            {"ContextKeyName": "aws:TagKeys", "ContextKeyType": "stringList",
             "ContextKeyValues": ["env", "team"]}]
        ok = call(entries)
        self.assertEqual(ok["EvalDecision"], "allowed")
        self.assertEqual(ok["MissingContextValues"], [])
        entries[0]["ContextKeyValues"] = ["192.168.0.1"]
        self.assertEqual(call(entries)["EvalDecision"], "implicitDeny")

    def test_pagination_walks_to_the_end(self):
        actions = ["s3:Action%d" % i for i in range(5)]
        seen, marker = [], None
        while True:
            kw = {"Marker": marker} if marker else {}
            r = self.iam.simulate_custom_policy(PolicyInputList=[PUT_ANY], ActionNames=actions,
                                                MaxItems=2, **kw)
            seen += [e["EvalActionName"] for e in r["EvaluationResults"]]
            if not r["IsTruncated"]:
                break
            marker = r["Marker"]
        self.assertEqual(seen, actions)

    def test_malformed_input_policy(self):
        err = self.assertError("InvalidInput", 400, "Syntax errors in policy.",
                               self.iam.simulate_custom_policy, PolicyInputList=["{nope"],
                               ActionNames=["s3:GetObject"])
        self.assertTrue(err)

    def test_context_keys_for_custom_policy(self):
        doc = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*",
             "Condition": {"StringEquals": {"s3:prefix": "x", "aws:RequestedRegion": "eu-west-1"}}},
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
             "Condition": {"StringEquals": {"S3:PREFIX": "y"}}}]})
        r = self.iam.get_context_keys_for_custom_policy(PolicyInputList=[doc])
        self.assertEqual(r["ContextKeyNames"], ["aws:username", "s3:prefix", "aws:RequestedRegion"])

    def test_cli_simulate_custom_policy(self):
        _, out, _ = self.server.cli("iam", "simulate-custom-policy", "--policy-input-list", PUT_ANY,
                                    "--action-names", "s3:PutObject")
        self.assertEqual(out["EvaluationResults"][0]["EvalDecision"], "allowed")


class FoundingExample(ServerTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        p = subprocess.run([os.path.join(ROOT, "scripts", "founding-example"), cls.server.endpoint],
                           capture_output=True, text=True, timeout=600)
        assert p.returncode == 0, p.stderr[-3000:]

    def decide(self, user, action, resource="*"):
        r = self.iam.simulate_principal_policy(
            PolicySourceArn="arn:aws:iam::%s:user/company/%s" % (ACCOUNT, user),
            ActionNames=[action], ResourceArns=[resource])
        return r["EvaluationResults"][0]

    def test_mary_reads_the_billing_bucket_only(self):
        listing = self.decide("mary", "s3:ListBucket", "arn:aws:s3:::example-billing-bucket")
        self.assertEqual(listing["EvalDecision"], "allowed")
        self.assertEqual([m["SourcePolicyId"] for m in listing["MatchedStatements"]],
                         ["BillingBucketReadOnly"])
        self.assertEqual(self.decide("mary", "s3:GetObject",
                                     "arn:aws:s3:::example-billing-bucket/2026/q1.csv")
                         ["EvalDecision"], "allowed")
        self.assertEqual(self.decide("mary", "s3:PutObject",
                                     "arn:aws:s3:::example-billing-bucket/x")["EvalDecision"],
                         "implicitDeny")
        self.assertEqual(self.decide("mary", "s3:GetObject", "arn:aws:s3:::other/x")
                         ["EvalDecision"], "implicitDeny")
        self.assertEqual(self.decide("mary", "ec2:RunInstances")["EvalDecision"], "implicitDeny")

    def test_only_sally_runs_instances_and_sends_messages(self):
        for user, expected in [("sally", "allowed"), ("john", "implicitDeny"),
                               ("maria", "implicitDeny")]:
            self.assertEqual(self.decide(user, "ec2:RunInstances")["EvalDecision"], expected, user)
            self.assertEqual(self.decide(user, "sqs:SendMessage", QUEUE)["EvalDecision"],
                             expected, user)
        sally = self.decide("sally", "ec2:RunInstances")
        self.assertEqual([m["SourcePolicyId"] for m in sally["MatchedStatements"]],
                         ["AmazonEC2FullAccess"])
        # AdministratorAccess-AWSElasticBeanstalk allows RunInstances only with a launch
        # template, so the simulator reports the missing key for John.
        john = self.decide("john", "ec2:RunInstances")
        self.assertIn("ec2:LaunchTemplate", john["MissingContextValues"])

    def test_jane_is_a_mobile_developer(self):
        self.assertEqual(self.decide("jane", "s3:PutObject", "arn:aws:s3:::app-assets/logo.png")
                         ["EvalDecision"], "allowed")
        pools = self.decide("jane", "cognito-idp:ListUserPools")
        self.assertEqual(pools["EvalDecision"], "allowed")
        self.assertEqual([m["SourcePolicyId"] for m in pools["MatchedStatements"]],
                         ["AmazonCognitoPowerUser"])
        self.assertEqual(self.decide("jane", "ec2:RunInstances")["EvalDecision"], "implicitDeny")

    def test_peter_has_no_user(self):
        self.assertError("NoSuchEntity", 404, "The user with name peter cannot be found.",
                         self.iam.simulate_principal_policy,
                         PolicySourceArn="arn:aws:iam::%s:user/company/peter" % ACCOUNT,
                         ActionNames=["s3:ListBucket"])
        self.assertError("NoSuchEntity", 404, "The user with name peter cannot be found.",
                         self.iam.get_context_keys_for_principal_policy,
                         PolicySourceArn="arn:aws:iam::%s:user/company/peter" % ACCOUNT)

    def test_group_and_extra_input_policies(self):
        r = self.iam.simulate_principal_policy(
            PolicySourceArn="arn:aws:iam::%s:group/company/Accountants" % ACCOUNT,
            PolicyInputList=[PUT_ANY], ActionNames=["s3:ListBucket", "s3:PutObject"],
            ResourceArns=["arn:aws:s3:::example-billing-bucket"])["EvaluationResults"]
        self.assertEqual([e["EvalDecision"] for e in r], ["allowed", "allowed"])
        self.assertEqual(r[1]["MatchedStatements"][0]["SourcePolicyId"], "PolicyInputList.1")

    def test_context_keys_for_principal_policy(self):
        r = self.iam.get_context_keys_for_principal_policy(
            PolicySourceArn="arn:aws:iam::%s:user/company/john" % ACCOUNT)
        self.assertIn("ec2:LaunchTemplate", r["ContextKeyNames"])
        self.assertIn("iam:PassedToService", r["ContextKeyNames"])
        self.assertEqual(len(r["ContextKeyNames"]),
                         len({k.lower() for k in r["ContextKeyNames"]}))

    def test_cli_simulate_principal_policy(self):
        _, out, _ = self.server.cli(
            "iam", "simulate-principal-policy", "--policy-source-arn",
            "arn:aws:iam::%s:user/company/mary" % ACCOUNT, "--action-names", "s3:GetObject",
            "--resource-arns", "arn:aws:s3:::example-billing-bucket/a")
        self.assertEqual(out["EvaluationResults"][0]["EvalDecision"], "allowed")


def run_cli(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True, timeout=60)


class CommandLine(unittest.TestCase):
    def write(self, text):
        f = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        f.write(text)
        f.close()
        self.addCleanup(os.unlink, f.name)
        return f.name

    def test_simulate_allowed_denied_and_usage(self):
        billing = self.write(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Sid": "ReadBilling", "Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::example-billing-bucket/*"}]}))
        ok = run_cli("simulate", "--policy", billing, "--action", "s3:GetObject",
                     "--resource", "arn:aws:s3:::example-billing-bucket/a")
        self.assertEqual(ok.returncode, 0, ok.stderr)
        self.assertIn("allowed", ok.stdout)
        self.assertIn("ReadBilling", ok.stdout)
        no = run_cli("simulate", "--policy", billing, "--action", "s3:PutObject",
                     "--resource", "arn:aws:s3:::example-billing-bucket/a", "--json")
        self.assertEqual(no.returncode, 1, no.stderr)
        result = json.loads(no.stdout)["EvaluationResults"][0]
        self.assertEqual(result["EvalDecision"], "implicitDeny")
        self.assertTrue(result["Explanation"])
        self.assertEqual(run_cli("simulate", "--action", "s3:GetObject").returncode, 2)
        self.assertEqual(run_cli("simulate", "--policy", billing).returncode, 2)
        self.assertEqual(run_cli("simulate", "--policy", "/nonexistent", "--action", "a:b")
                         .returncode, 2)
        self.assertEqual(run_cli("simulate", "--policy", billing, "--action", "s3:GetObject",
                                 "--bogus").returncode, 2)

    def test_simulate_context_and_boundary(self):
        doc = self.write(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
             "Condition": {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}}]}))
        boundary = self.write(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:Get*", "Resource": "*"}]}))
        self.assertEqual(run_cli("simulate", "--policy", doc, "--action", "s3:GetObject",
                                 "--context", "aws:SourceIp=ip:10.2.3.4").returncode, 0)
        self.assertEqual(run_cli("simulate", "--policy", doc, "--action", "s3:GetObject",
                                 "--context", "aws:SourceIp=ip:192.168.1.1").returncode, 1)
        self.assertEqual(run_cli("simulate", "--policy", doc, "--boundary", boundary,
                                 "--action", "s3:PutObject",
                                 "--context", "aws:SourceIp=ip:10.2.3.4").returncode, 1)

    def test_validate(self):
        good = self.write(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["S3:GetObject", "s3:ListBucket"],
             "Resource": "arn:aws:ec2:*:*:instance/*"}]}))
        r = run_cli("validate", good)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("valid\n"))
        self.assertIn("S3:GetObject", r.stdout)
        self.assertIn("never matches", r.stdout)
        no_version = self.write('{"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}')
        bad = run_cli("validate", no_version)
        self.assertEqual(bad.returncode, 1)
        self.assertEqual(bad.stdout.strip(), "MalformedPolicyDocument: Policy document must be "
                         "version 2012-10-17 or greater.")
        self.assertEqual(run_cli("validate", no_version, "--kind", "inline").returncode, 0)
        trust = self.write(json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
             "Action": "sts:AssumeRole"}]}))
        self.assertEqual(run_cli("validate", trust, "--kind", "trust").returncode, 0)
        self.assertEqual(run_cli("validate", trust).returncode, 1)
        self.assertEqual(run_cli("validate").returncode, 2)
        self.assertEqual(run_cli("validate", good, "--kind", "weird").returncode, 2)
        self.assertEqual(run_cli("validate", "/nonexistent").returncode, 2)


if __name__ == "__main__":
    unittest.main()
