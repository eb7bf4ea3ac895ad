"""Inline policies end to end: Put/Get/Delete/List{User,Group,Role}Policy with boto3 and the AWS
CLI. Shapes and messages follow the real-AWS recordings (test_iam_users, test_iam_roles,
test_iam_groups, test_iam TestIAMPolicyEncoding)."""
import http.client
import json
import os
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import ServerTestCase
from policy_helpers import create_group_or_skip, create_role_or_skip

IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"
DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "iam:ListUsers", "Resource": "*"}]}
ENCODED_RESOURCE = ("arn:aws:apigateway:us-east-1::/tags/"
                    "arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Faaeeieije")
ENCODING_DOC = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["apigatway:PUT"], "Resource": [ENCODED_RESOURCE]}]}


def doc_of_size(size):
    """A document of exactly `size` characters as IAM counts them (no white space)."""
    head, tail = '{"Statement":[{"Effect":"Allow","Action":"s3:', '","Resource":"*"}]}'
    return head + "x" * (size - len(head) - len(tail)) + tail


class UserInlinePolicies(ServerTestCase):
    def test_lifecycle(self):
        self.iam.create_user(UserName="Inliner")
        empty = self.iam.list_user_policies(UserName="inliner")
        self.assertEqual((empty["PolicyNames"], empty["IsTruncated"]), ([], False))
        self.iam.put_user_policy(UserName="inliner", PolicyName="ListUsers",
                                 PolicyDocument=json.dumps(DOC))
        got = self.iam.get_user_policy(UserName="INLINER", PolicyName="ListUsers")
        self.assertEqual(got["UserName"], "Inliner")  # as created
        self.assertEqual(got["PolicyName"], "ListUsers")
        self.assertEqual(got["PolicyDocument"], DOC)
        self.assertEqual(self.iam.list_user_policies(UserName="Inliner")["PolicyNames"],
                         ["ListUsers"])
        self.iam.delete_user_policy(UserName="Inliner", PolicyName="ListUsers")
        self.assertError("NoSuchEntity", 404,
                         "The user policy with name ListUsers cannot be found.",
                         self.iam.get_user_policy, UserName="Inliner", PolicyName="ListUsers")
        self.assertError("NoSuchEntity", 404,
                         "The user policy with name ListUsers cannot be found.",
                         self.iam.delete_user_policy, UserName="Inliner", PolicyName="ListUsers")
        self.iam.delete_user(UserName="Inliner")

    def test_put_replaces_and_names_list_in_order(self):
        self.iam.create_user(UserName="many")
        names = ["beta", "Alpha", "alpha", "gamma", "Beta", "delta", "epsilon"]
        for n in names:
            self.iam.put_user_policy(UserName="many", PolicyName=n, PolicyDocument=json.dumps(DOC))
        deny = {"Version": "2012-10-17",
                "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*"}]}
        self.iam.put_user_policy(UserName="many", PolicyName="beta", PolicyDocument=json.dumps(deny))
        self.assertEqual(self.iam.get_user_policy(UserName="many", PolicyName="beta")
                         ["PolicyDocument"], deny)
        seen, marker = [], None
        while True:
            kw = {"UserName": "many", "MaxItems": 3}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_user_policies(**kw)
            seen += page["PolicyNames"]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertEqual(seen, sorted(names))
        pages = self.iam.get_paginator("list_user_policies").paginate(
            UserName="many", PaginationConfig={"PageSize": 2})
        self.assertEqual([n for p in pages for n in p["PolicyNames"]], sorted(names))
        for n in names:
            self.iam.delete_user_policy(UserName="many", PolicyName=n)
        self.iam.delete_user(UserName="many")

    def test_errors(self):
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.put_user_policy, UserName="nobody", PolicyName="p",
                         PolicyDocument=json.dumps(DOC))
        for fn in (self.iam.get_user_policy, self.iam.delete_user_policy):
            self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                             fn, UserName="nobody", PolicyName="p")
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.list_user_policies, UserName="nobody")
        self.iam.create_user(UserName="strict")
        self.assertError("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                         self.iam.put_user_policy, UserName="strict", PolicyName="p",
                         PolicyDocument="{not json")
        self.assertError("MalformedPolicyDocument", 400,
                         "Policy document should not specify a principal.",
                         self.iam.put_user_policy, UserName="strict", PolicyName="p",
                         PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [
                             {"Effect": "Allow", "Principal": "*", "Action": "s3:*",
                              "Resource": "*"}]}))
        # Inline policies may omit Version, unlike managed policies.
        self.iam.put_user_policy(UserName="strict", PolicyName="noversion",
                                 PolicyDocument=json.dumps({"Statement": DOC["Statement"]}))
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'policyName' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: [\\w+=,.@-]+",
            self.iam.put_user_policy, UserName="strict", PolicyName="a b",
            PolicyDocument=json.dumps(DOC))
        self.iam.delete_user_policy(UserName="strict", PolicyName="noversion")
        self.iam.delete_user(UserName="strict")

    def test_size_quota_counts_all_policies(self):
        self.iam.create_user(UserName="sized")
        self.iam.put_user_policy(UserName="sized", PolicyName="one", PolicyDocument=doc_of_size(1024))
        self.iam.put_user_policy(UserName="sized", PolicyName="two", PolicyDocument=doc_of_size(1024))
        self.assertError("LimitExceeded", 409,
                         "Maximum policy size of 2048 bytes exceeded for user sized",
                         self.iam.put_user_policy, UserName="sized", PolicyName="three",
                         PolicyDocument=doc_of_size(100))
        # White space does not count, and replacing a policy counts its new size only.
        spaced = doc_of_size(1024).replace('","', '",   "')
        self.iam.put_user_policy(UserName="sized", PolicyName="two", PolicyDocument=spaced)
        self.assertEqual(self.iam.list_user_policies(UserName="sized")["PolicyNames"],
                         ["one", "two"])
        for n in ("one", "two"):
            self.iam.delete_user_policy(UserName="sized", PolicyName=n)
        self.iam.delete_user(UserName="sized")

    def test_delete_user_waits_for_inline_policies(self):
        self.iam.create_user(UserName="holder")
        self.iam.put_user_policy(UserName="holder", PolicyName="p", PolicyDocument=json.dumps(DOC))
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete policies first.",
                         self.iam.delete_user, UserName="holder")
        self.iam.delete_user_policy(UserName="holder", PolicyName="p")
        self.iam.delete_user(UserName="holder")
        self.assertError("NoSuchEntity", 404, "The user with name holder cannot be found.",
                         self.iam.get_user, UserName="holder")

    def test_document_encoding(self):
        self.iam.create_user(UserName="enc")
        text = json.dumps(ENCODING_DOC)
        self.iam.put_user_policy(UserName="enc", PolicyName="p", PolicyDocument=text)
        got = self.iam.get_user_policy(UserName="enc", PolicyName="p")
        self.assertEqual(got["PolicyDocument"], ENCODING_DOC)
        body = urllib.parse.urlencode({"Action": "GetUserPolicy", "Version": "2010-05-08",
                                       "UserName": "enc", "PolicyName": "p"})
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        conn.request("POST", "/", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        data = conn.getresponse().read()
        conn.close()
        raw = ET.fromstring(data).find(".//%sPolicyDocument" % IAM_NS).text
        self.assertTrue(raw.startswith("%7B%22Version%22%3A%20%222012-10-17%22"), raw)
        self.assertIn("arn%253Aaws%253Aapigateway", raw)
        self.assertEqual(urllib.parse.unquote(raw), text)
        self.iam.delete_user_policy(UserName="enc", PolicyName="p")
        self.iam.delete_user(UserName="enc")


class GroupAndRoleInlinePolicies(ServerTestCase):
    def test_group_inline_policies(self):
        create_group_or_skip(self, "Gi")
        self.iam.put_group_policy(GroupName="gi", PolicyName="p",
                                  PolicyDocument=json.dumps(ENCODING_DOC))
        got = self.iam.get_group_policy(GroupName="gi", PolicyName="p")
        self.assertEqual((got["GroupName"], got["PolicyName"], got["PolicyDocument"]),
                         ("Gi", "p", ENCODING_DOC))
        self.assertEqual(self.iam.list_group_policies(GroupName="gi")["PolicyNames"], ["p"])
        self.assertError("NoSuchEntity", 404, "The group policy with name q cannot be found.",
                         self.iam.get_group_policy, GroupName="gi", PolicyName="q")
        self.assertError("NoSuchEntity", 404, "The group with name nogroup cannot be found.",
                         self.iam.put_group_policy, GroupName="nogroup", PolicyName="p",
                         PolicyDocument=json.dumps(DOC))
        self.iam.put_group_policy(GroupName="gi", PolicyName="big",
                                  PolicyDocument=doc_of_size(4000))
        self.assertError("LimitExceeded", 409,
                         "Maximum policy size of 5120 bytes exceeded for group Gi",
                         self.iam.put_group_policy, GroupName="gi", PolicyName="more",
                         PolicyDocument=doc_of_size(2000))
        self.assertError("DeleteConflict", 409, None, self.iam.delete_group, GroupName="gi")
        for n in ("p", "big"):
            self.iam.delete_group_policy(GroupName="gi", PolicyName=n)
        self.iam.delete_group(GroupName="gi")

    def test_role_inline_policies(self):
        create_role_or_skip(self, "Ri")
        self.iam.put_role_policy(RoleName="ri", PolicyName="p",
                                 PolicyDocument=json.dumps(ENCODING_DOC))
        got = self.iam.get_role_policy(RoleName="ri", PolicyName="p")
        self.assertEqual((got["RoleName"], got["PolicyName"], got["PolicyDocument"]),
                         ("Ri", "p", ENCODING_DOC))
        self.assertEqual(self.iam.list_role_policies(RoleName="ri")["PolicyNames"], ["p"])
        self.assertError("NoSuchEntity", 404,
                         "The role policy with name non-existent-policy cannot be found.",
                         self.iam.get_role_policy, RoleName="ri", PolicyName="non-existent-policy")
        self.assertError("NoSuchEntity", 404,
                         "The role policy with name non-existent-policy cannot be found.",
                         self.iam.delete_role_policy, RoleName="ri",
                         PolicyName="non-existent-policy")
        for fn in (self.iam.get_role_policy, self.iam.delete_role_policy):
            self.assertError("NoSuchEntity", 404, "The role with name nonexistent-role cannot "
                             "be found.", fn, RoleName="nonexistent-role", PolicyName="p")
        self.assertError("NoSuchEntity", 404, "The role with name nonexistent-role cannot be "
                         "found.", self.iam.put_role_policy, RoleName="nonexistent-role",
                         PolicyName="p", PolicyDocument=json.dumps(DOC))
        self.iam.put_role_policy(RoleName="ri", PolicyName="big", PolicyDocument=doc_of_size(9000))
        self.assertError("LimitExceeded", 409,
                         "Maximum policy size of 10240 bytes exceeded for role Ri",
                         self.iam.put_role_policy, RoleName="ri", PolicyName="more",
                         PolicyDocument=doc_of_size(2000))
        self.assertError("DeleteConflict", 409, "Cannot delete entity, must delete policies first.",
                         self.iam.delete_role, RoleName="ri")
        for n in ("p", "big"):
            self.iam.delete_role_policy(RoleName="ri", PolicyName=n)
        self.iam.delete_role(RoleName="ri")


class InlinePoliciesAwsCli(ServerTestCase):
    def test_cli_inline_flow(self):
        cli = self.server.cli
        cli("iam", "create-user", "--user-name", "cli-inline")
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(DOC, f, indent=2)
            path = f.name
        try:
            cli("iam", "put-user-policy", "--user-name", "cli-inline", "--policy-name", "ro",
                "--policy-document", "file://" + path)
        finally:
            os.unlink(path)
        _, out, _ = cli("iam", "get-user-policy", "--user-name", "cli-inline", "--policy-name", "ro")
        self.assertEqual(out["PolicyDocument"], DOC)
        self.assertEqual(out["UserName"], "cli-inline")
        _, out, _ = cli("iam", "list-user-policies", "--user-name", "cli-inline")
        self.assertEqual(out["PolicyNames"], ["ro"])
        rc, _, err = cli("iam", "get-user-policy", "--user-name", "cli-inline", "--policy-name",
                         "nope", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(NoSuchEntity) when calling the GetUserPolicy operation: The user policy "
                      "with name nope cannot be found.", err)
        rc, _, err = cli("iam", "delete-user", "--user-name", "cli-inline", check=False)
        self.assertIn("must delete policies first", err)
        cli("iam", "delete-user-policy", "--user-name", "cli-inline", "--policy-name", "ro")
        cli("iam", "delete-user", "--user-name", "cli-inline")


if __name__ == "__main__":
    unittest.main()
