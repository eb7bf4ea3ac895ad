"""--enforce: every IAM and STS call is authorized by the caller's policies, as on AWS; moto's
reset-auth; the /iamlite/authorize endpoint; service-linked roles."""
import json
import os
import subprocess
import urllib.error
import urllib.request
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from harness import CREDS, ROOT, Server, ServerTestCase

ACCOUNT = "123456789012"
ROOT_ARGS = ("--root-access-key", CREDS["AWS_ACCESS_KEY_ID"],
             "--root-secret-key", CREDS["AWS_SECRET_ACCESS_KEY"])
FOUNDING = os.path.join(ROOT, "scripts", "fixtures", "founding-example.json")


def client_for(server, key_id, secret, service="iam"):
    return boto3.client(service, endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key_id, aws_secret_access_key=secret,
                        config=Config(retries={"max_attempts": 1}))


def cli_as(server, key_id, secret, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret,
               AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    return subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", *args],
                          capture_output=True, text=True, env=env, timeout=120)


def post(server, path, body):
    data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(server.endpoint + path, data=data, method="POST")
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def denied(arn, action, resource, why=None):
    why = why or "because no identity-based policy allows the %s action" % action
    return "User: %s is not authorized to perform: %s on resource: %s %s" % (
        arn, action, resource, why)


def doc(effect, action, resource="*", condition=None):
    st = {"Effect": effect, "Action": action, "Resource": resource}
    if condition:
        st["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [st]})


class EnforceTestCase(ServerTestCase):
    server_args = ("--enforce", "--quiet") + ROOT_ARGS

    def new_user(self, name, path="/"):
        """A user created by root, and a boto3 IAM client signing with its own new key."""
        self.iam.create_user(UserName=name, Path=path)
        key = self.iam.create_access_key(UserName=name)["AccessKey"]
        self.keys = getattr(self, "keys", {})
        self.keys[name] = (key["AccessKeyId"], key["SecretAccessKey"])
        return client_for(self.server, key["AccessKeyId"], key["SecretAccessKey"])


class Enforce(EnforceTestCase):
    def test_user_without_policies_is_denied_then_allowed_through_a_group(self):
        dev = self.new_user("dev")
        arn = "arn:aws:iam::%s:user/dev" % ACCOUNT
        self.assertError("AccessDenied", 403,
                         denied(arn, "iam:CreateUser", "arn:aws:iam::%s:user/bob" % ACCOUNT),
                         dev.create_user, UserName="bob")
        self.assertError("AccessDenied", 403,
                         denied(arn, "iam:ListUsers", "*"), dev.list_users)
        # The AWS CLI sees the same answer.
        p = cli_as(self.server, *self.keys["dev"], "iam", "create-user", "--user-name", "carol")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("(AccessDenied)", p.stderr)
        self.assertIn(denied(arn, "iam:CreateUser", "arn:aws:iam::%s:user/carol" % ACCOUNT),
                      p.stderr)
        # GetCallerIdentity needs no permission.
        sts = client_for(self.server, *self.keys["dev"], service="sts")
        self.assertEqual(sts.get_caller_identity()["Arn"], arn)
        # The same user in a group with IAMFullAccess may.
        self.iam.create_group(GroupName="admins")
        self.iam.attach_group_policy(GroupName="admins",
                                     PolicyArn="arn:aws:iam::aws:policy/IAMFullAccess")
        self.iam.add_user_to_group(GroupName="admins", UserName="dev")
        self.assertEqual(dev.create_user(UserName="bob")["User"]["UserName"], "bob")
        p = cli_as(self.server, *self.keys["dev"], "iam", "create-user", "--user-name", "carol")
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertEqual(json.loads(p.stdout)["User"]["UserName"], "carol")
        self.assertIn("bob", [u["UserName"] for u in dev.list_users()["Users"]])

    def test_explicit_deny_wins(self):
        ops = self.new_user("ops")
        self.iam.attach_user_policy(UserName="ops",
                                    PolicyArn="arn:aws:iam::aws:policy/IAMFullAccess")
        self.iam.put_user_policy(UserName="ops", PolicyName="NoDelete",
                                 PolicyDocument=doc("Deny", "iam:DeleteUser"))
        ops.create_user(UserName="victim")
        self.assertError("AccessDenied", 403,
                         denied("arn:aws:iam::%s:user/ops" % ACCOUNT, "iam:DeleteUser",
                                "arn:aws:iam::%s:user/victim" % ACCOUNT,
                                "with an explicit deny in an identity-based policy"),
                         ops.delete_user, UserName="victim")
        self.iam.get_user(UserName="victim")  # still there

    def test_permissions_boundary_cuts_it(self):
        bounded = self.new_user("bounded", path="/team/")
        self.iam.attach_user_policy(UserName="bounded",
                                    PolicyArn="arn:aws:iam::aws:policy/IAMFullAccess")
        arn = self.iam.create_policy(PolicyName="ListOnly",
                                     PolicyDocument=doc("Allow", "iam:List*"))["Policy"]["Arn"]
        self.iam.put_user_permissions_boundary(UserName="bounded", PermissionsBoundary=arn)
        bounded.list_users()
        self.assertError("AccessDenied", 403,
                         denied("arn:aws:iam::%s:user/team/bounded" % ACCOUNT, "iam:CreateUser",
                                "arn:aws:iam::%s:user/x" % ACCOUNT,
                                "because no permissions boundary allows the iam:CreateUser action"),
                         bounded.create_user, UserName="x")

    def test_tag_conditions(self):
        tagger = self.new_user("tagger")
        self.iam.create_user(UserName="web-user", Tags=[{"Key": "team", "Value": "web"}])
        self.iam.create_user(UserName="ops-user", Tags=[{"Key": "team", "Value": "ops"}])
        self.iam.put_user_policy(UserName="tagger", PolicyName="Tags", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "iam:TagUser", "Resource": "*",
                 "Condition": {"StringEquals": {"aws:RequestTag/env": "dev"},
                               "ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}},
                {"Effect": "Allow", "Action": "iam:GetUser", "Resource": "*",
                 "Condition": {"StringEquals": {"iam:ResourceTag/team": "web"}}}]}))
        tagger.tag_user(UserName="web-user", Tags=[{"Key": "env", "Value": "dev"}])
        self.assertError("AccessDenied", 403, None, tagger.tag_user, UserName="web-user",
                         Tags=[{"Key": "env", "Value": "prod"}])
        self.assertError("AccessDenied", 403, None, tagger.tag_user, UserName="web-user",
                         Tags=[{"Key": "env", "Value": "dev"}, {"Key": "cost", "Value": "1"}])
        self.assertEqual(tagger.get_user(UserName="web-user")["User"]["UserName"], "web-user")
        self.assertError("AccessDenied", 403,
                         denied("arn:aws:iam::%s:user/tagger" % ACCOUNT, "iam:GetUser",
                                "arn:aws:iam::%s:user/ops-user" % ACCOUNT),
                         tagger.get_user, UserName="ops-user")

    def test_service_linked_role_condition(self):
        slr = self.new_user("slr-maker")
        self.iam.put_user_policy(UserName="slr-maker", PolicyName="SLR", PolicyDocument=doc(
            "Allow", "iam:CreateServiceLinkedRole",
            "arn:aws:iam::*:role/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch*",
            {"StringLike": {"iam:AWSServiceName": "batch.amazonaws.com"}}))
        role = slr.create_service_linked_role(AWSServiceName="batch.amazonaws.com")["Role"]
        self.assertEqual(role["RoleName"], "AWSServiceRoleForBatch")
        self.assertError("AccessDenied", 403, denied(
            "arn:aws:iam::%s:user/slr-maker" % ACCOUNT, "iam:CreateServiceLinkedRole",
            "arn:aws:iam::%s:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
            % ACCOUNT), slr.create_service_linked_role, AWSServiceName="ecs.amazonaws.com")

    def test_unknown_key_and_wrong_secret_are_rejected(self):
        self.new_user("signer")
        key_id, _ = self.keys["signer"]
        bad = client_for(self.server, key_id, "not-the-secret")
        self.assertError("SignatureDoesNotMatch", 403, None, bad.get_user)
        unknown = client_for(self.server, "AKIAUNKNOWNKEY000000", "x")
        self.assertError("InvalidClientTokenId", 403, None, unknown.get_user)

    def test_decision_reason_is_logged_at_debug_level(self):
        server = Server("--enforce", "--log-level", "debug", *ROOT_ARGS)
        try:
            iam = server.client()
            iam.create_user(UserName="logged")
            key = iam.create_access_key(UserName="logged")["AccessKey"]
            user = client_for(server, key["AccessKeyId"], key["SecretAccessKey"])
            with self.assertRaises(ClientError):
                user.list_users()
        finally:
            server.stop()
            server._drain.join(timeout=5)
            server.proc.stderr.close()
        lines = [l for l in server.log_lines if "DEBUG authorize iam:ListUsers" in l]
        self.assertEqual(len(lines), 1, server.log_lines)
        self.assertIn("denied", lines[0])
        self.assertIn("arn:aws:iam::%s:user/logged" % ACCOUNT, lines[0])
        self.assertNotIn(key["SecretAccessKey"], "".join(server.log_lines))


class FoundingExampleEnforced(ServerTestCase):
    server_args = ("--enforce", "--quiet", "--fixture", FOUNDING) + ROOT_ARGS

    def person(self, name, service="iam"):
        keys = {"jane": ("AKIAFOUNDINGJANE0000", "FoundingExample/jane/SecretAccessKey+000"),
                "sally": ("AKIAFOUNDINGSALLY000", "FoundingExample/sally/SecretAccessKey+00")}
        return client_for(self.server, *keys[name], service=service)

    def test_jane_may_not_create_users(self):
        self.assertError("AccessDenied", 403, denied(
            "arn:aws:iam::%s:user/company/jane" % ACCOUNT, "iam:CreateUser",
            "arn:aws:iam::%s:user/bob" % ACCOUNT), self.person("jane").create_user, UserName="bob")
        p = cli_as(self.server, "AKIAFOUNDINGJANE0000", "FoundingExample/jane/SecretAccessKey+000",
                   "iam", "create-user", "--user-name", "bob")
        self.assertIn("(AccessDenied)", p.stderr)

    def test_sally_service_linked_roles_by_service_name(self):
        sally = self.person("sally")
        role = sally.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com")["Role"]
        self.assertEqual(role["Path"], "/aws-service-role/autoscaling.amazonaws.com/")
        self.assertEqual(role["RoleName"], "AWSServiceRoleForAutoScaling")
        self.assertError("AccessDenied", 403, denied(
            "arn:aws:iam::%s:user/company/sally" % ACCOUNT, "iam:CreateServiceLinkedRole",
            "arn:aws:iam::%s:role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS"
            % ACCOUNT), sally.create_service_linked_role, AWSServiceName="ecs.amazonaws.com")

    def test_may_mary_read_the_billing_bucket(self):
        status, out = post(self.server, "/iamlite/authorize", {
            "principal": "arn:aws:iam::%s:user/company/mary" % ACCOUNT,
            "action": "s3:GetObject",
            "resource": "arn:aws:s3:::example-billing-bucket/2026/report.csv"})
        self.assertEqual(status, 200, out)
        self.assertEqual(out["decision"], "allowed")
        self.assertTrue(out["allowed"])
        self.assertEqual(len(out["matched_statements"]), 1)
        st = out["matched_statements"][0]
        self.assertEqual((st["policy_id"], st["sid"], st["index"], st["effect"]),
                         ("BillingBucketReadOnly", "ReadBillingObjects", 1, "Allow"))
        self.assertIn("BillingBucketReadOnly", out["explanation"])
        status, out = post(self.server, "/iamlite/authorize", {
            "principal": "arn:aws:iam::%s:user/company/mary" % ACCOUNT,
            "action": "s3:PutObject",
            "resource": "arn:aws:s3:::example-billing-bucket/x"})
        self.assertEqual(out["decision"], "implicitDeny")
        self.assertEqual(out["matched_statements"], [])
        self.assertEqual(out["message"], denied("arn:aws:iam::%s:user/company/mary" % ACCOUNT,
                                                "s3:PutObject",
                                                "arn:aws:s3:::example-billing-bucket/x"))


class AuthorizeEndpoint(EnforceTestCase):
    def test_signed_request_context_and_errors(self):
        self.new_user("svc")
        self.iam.put_user_policy(UserName="svc", PolicyName="ip", PolicyDocument=doc(
            "Allow", "sqs:SendMessage", "*", {"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}}))
        # Sign an STS GetCallerIdentity request with svc's key, and hand over its headers.
        from botocore.auth import SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials
        body = "Action=GetCallerIdentity&Version=2011-06-15"
        req = AWSRequest(method="POST", url=self.server.endpoint + "/", data=body,
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
        SigV4Auth(Credentials(*self.keys["svc"]), "sts", "us-east-1").add_auth(req)
        signed = {"method": "POST", "path": "/", "headers": dict(req.headers.items()),
                  "body": body}
        signed["headers"]["host"] = "%s:%d" % (self.server.host, self.server.port)
        ask = {"request": signed, "action": "sqs:SendMessage",
               "resource": "arn:aws:sqs:us-east-1:%s:q" % ACCOUNT,
               "context": {"aws:SourceIp": {"type": "ip", "value": "10.1.2.3"}}}
        status, out = post(self.server, "/iamlite/authorize", ask)
        self.assertEqual(status, 200, out)
        self.assertEqual(out["principal"], "arn:aws:iam::%s:user/svc" % ACCOUNT)
        self.assertEqual(out["decision"], "allowed")
        ask["context"]["aws:SourceIp"]["value"] = "192.168.0.1"
        status, out = post(self.server, "/iamlite/authorize", ask)
        self.assertEqual(out["decision"], "implicitDeny")
        self.assertIn("aws:SourceIp", out["explanation"])
        # A tampered body no longer verifies.
        ask["request"]["body"] = body + "&x=1"
        status, out = post(self.server, "/iamlite/authorize", ask)
        self.assertEqual((status, out["error"]), (403, "SignatureDoesNotMatch"))
        status, out = post(self.server, "/iamlite/authorize", {"action": "s3:GetObject"})
        self.assertEqual(status, 400)
        status, out = post(self.server, "/iamlite/authorize", {
            "principal": "arn:aws:iam::%s:user/nobody" % ACCOUNT, "action": "s3:GetObject"})
        self.assertEqual((status, out["error"]), (404, "NoSuchEntity"))

    def test_explicit_deny_statement_is_reported(self):
        self.iam.create_user(UserName="denied-user")
        self.iam.put_user_policy(UserName="denied-user", PolicyName="d", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Sid": "All", "Effect": "Allow", "Action": "s3:*", "Resource": "*"},
                {"Sid": "NoDelete", "Effect": "Deny", "Action": "s3:DeleteObject",
                 "Resource": "*"}]}))
        status, out = post(self.server, "/iamlite/authorize", {
            "principal": "arn:aws:iam::%s:user/denied-user" % ACCOUNT,
            "action": "s3:DeleteObject", "resource": "arn:aws:s3:::b/k"})
        self.assertEqual(out["decision"], "explicitDeny")
        self.assertEqual({s["sid"] for s in out["matched_statements"]}, {"All", "NoDelete"})
        self.assertTrue(out["message"].endswith("with an explicit deny in an identity-based policy"))


class MotoResetAuth(ServerTestCase):
    server_args = ("--quiet",)

    def test_reset_auth_switches_authentication_and_authorization_on(self):
        status, out = post(self.server, "/moto-api/reset-auth", "4")
        self.assertEqual((status, out), (200, {"status": "ok",
                                               "PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT": "inf"}))
        # Four free requests, signed with a key iamlite does not know.
        self.iam.create_user(UserName="moto-user")
        self.iam.put_user_policy(UserName="moto-user", PolicyName="list",
                                 PolicyDocument=doc("Allow", "iam:ListUsers"))
        key = self.iam.create_access_key(UserName="moto-user")["AccessKey"]
        self.iam.get_user(UserName="moto-user")
        # The fifth is authenticated: the unknown key is refused.
        self.assertError("InvalidClientTokenId", 403, None, self.iam.list_users)
        user = client_for(self.server, key["AccessKeyId"], key["SecretAccessKey"])
        self.assertEqual([u["UserName"] for u in user.list_users()["Users"]], ["moto-user"])
        self.assertError("AccessDenied", 403, denied(
            "arn:aws:iam::%s:user/moto-user" % ACCOUNT, "iam:CreateUser",
            "arn:aws:iam::%s:user/other" % ACCOUNT), user.create_user, UserName="other")
        status, out = post(self.server, "/moto-api/reset-auth", "inf")
        self.assertEqual(out["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"], "4.0")
        self.iam.create_user(UserName="free-again")


class ServiceLinkedRoles(ServerTestCase):
    server_args = ("--quiet",)

    def test_lifecycle(self):
        iam = self.iam
        role = iam.create_service_linked_role(AWSServiceName="batch.amazonaws.com",
                                              Description="for batch")["Role"]
        self.assertEqual(role["RoleName"], "AWSServiceRoleForBatch")
        self.assertEqual(role["Path"], "/aws-service-role/batch.amazonaws.com/")
        self.assertEqual(role["Arn"], "arn:aws:iam::%s:role/aws-service-role/batch.amazonaws.com/"
                         "AWSServiceRoleForBatch" % ACCOUNT)
        got = iam.get_role(RoleName="AWSServiceRoleForBatch")["Role"]
        self.assertEqual(got["AssumeRolePolicyDocument"]["Statement"][0]["Principal"],
                         {"Service": "batch.amazonaws.com"})
        self.assertEqual(got["Description"], "for batch")
        attached = iam.list_attached_role_policies(RoleName="AWSServiceRoleForBatch")
        self.assertEqual(attached["AttachedPolicies"], [{
            "PolicyName": "BatchServiceRolePolicy",
            "PolicyArn": "arn:aws:iam::aws:policy/aws-service-role/BatchServiceRolePolicy"}])
        self.assertError("InvalidInput", 400, "Service role name AWSServiceRoleForBatch has been "
                         "taken in this account, please try a different suffix.",
                         iam.create_service_linked_role, AWSServiceName="batch.amazonaws.com")
        self.assertError("UnmodifiableEntity", 400, None, iam.delete_role,
                         RoleName="AWSServiceRoleForBatch")
        task = iam.delete_service_linked_role(RoleName="AWSServiceRoleForBatch")["DeletionTaskId"]
        self.assertTrue(task.startswith(
            "task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/"), task)
        self.assertEqual(iam.get_service_linked_role_deletion_status(DeletionTaskId=task)["Status"],
                         "SUCCEEDED")
        self.assertError("NoSuchEntity", 404, None, iam.get_role, RoleName="AWSServiceRoleForBatch")

    def test_custom_suffix_and_unknown_service(self):
        iam = self.iam
        role = iam.create_service_linked_role(AWSServiceName="autoscaling.amazonaws.com",
                                              CustomSuffix="web")["Role"]
        self.assertEqual(role["RoleName"], "AWSServiceRoleForAutoScaling_web")
        self.assertError("InvalidInput", 400, "Custom suffix is not allowed for ecs.amazonaws.com",
                         iam.create_service_linked_role, AWSServiceName="ecs.amazonaws.com",
                         CustomSuffix="x")
        self.assertError("InvalidInput", 400, None, iam.create_service_linked_role,
                         AWSServiceName="no-such-service.amazonaws.com")
        _, out, _ = self.server.cli("iam", "create-service-linked-role", "--aws-service-name",
                                    "elasticloadbalancing.amazonaws.com")
        self.assertEqual(out["Role"]["RoleName"], "AWSServiceRoleForElasticLoadBalancing")
        self.assertError("NoSuchEntity", 404, None, iam.delete_service_linked_role,
                         RoleName="nope")


if __name__ == "__main__":
    unittest.main()
