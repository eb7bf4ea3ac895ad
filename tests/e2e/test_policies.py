"""Managed policies end to end: CreatePolicy ... DeletePolicy, versions, tags, ListPolicies and
ListEntitiesForPolicy, with boto3 and the AWS CLI against a real iamlite server. Expected
shapes and messages follow the real-AWS recordings (test_iam_policies,
test_iam_managed_policies)."""
import http.client
import json
import os
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

from harness import ServerTestCase
from policy_helpers import create_group_or_skip, create_role_or_skip

ACCOUNT = "123456789012"
IAM_NS = "{https://iam.amazonaws.com/doc/2010-05-08/}"
DOC = {"Version": "2012-10-17",
       "Statement": [{"Sid": "Statement1", "Effect": "Allow", "Action": ["s3:ListBucket"],
                      "Resource": "*"}]}
DOC2 = {"Version": "2012-10-17",
        "Statement": [{"Sid": "Statement1", "Effect": "Allow",
                       "Action": ["ec2:DescribeInstances"], "Resource": "*"}]}
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
POLICY_KEYS = {"PolicyName", "PolicyId", "Arn", "Path", "DefaultVersionId", "AttachmentCount",
               "PermissionsBoundaryUsageCount", "IsAttachable", "CreateDate", "UpdateDate"}


def arn(name, path="/"):
    return "arn:aws:iam::%s:policy%s%s" % (ACCOUNT, path, name)


class ManagedPolicies(ServerTestCase):
    def create(self, name, doc=DOC, **kw):
        return self.iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(doc), **kw)["Policy"]

    def test_lifecycle_shapes(self):
        for path in ("/test/path/", "/", None):
            name = "life-%d" % len(path or "")
            kw = {"Path": path} if path else {}
            created = self.create(name, Description="testing", **kw)
            self.assertEqual(set(created), POLICY_KEYS)  # no Description, no Tags
            self.assertEqual(created["Arn"], arn(name, path or "/"))
            self.assertEqual(created["Path"], path or "/")
            self.assertRegex(created["PolicyId"], r"^ANPA[A-Z0-9]{17}$")
            self.assertEqual(created["DefaultVersionId"], "v1")
            self.assertEqual((created["AttachmentCount"], created["PermissionsBoundaryUsageCount"],
                              created["IsAttachable"]), (0, 0, True))
            self.assertEqual(created["CreateDate"], created["UpdateDate"])
            got = self.iam.get_policy(PolicyArn=created["Arn"])["Policy"]
            self.assertEqual(got["Tags"], [])
            self.assertEqual(got["Description"], "testing")
            self.assertEqual({k: v for k, v in got.items() if k not in ("Tags", "Description")},
                             created)
            listed = [p for p in self.iam.list_policies(Scope="Local")["Policies"]
                      if p["PolicyName"] == name]
            self.assertEqual(listed, [created])
            self.iam.delete_policy(PolicyArn=created["Arn"])
            self.assertError("NoSuchEntity", 404, "Policy %s was not found." % created["Arn"],
                             self.iam.get_policy, PolicyArn=created["Arn"])

    def test_create_errors(self):
        self.create("dupe")
        self.assertError("EntityAlreadyExists", 409,
                         "A policy called DUPE already exists. Duplicate names are not allowed.",
                         self.create, "DUPE")
        self.assertError("MalformedPolicyDocument", 400, "Syntax errors in policy.",
                         self.iam.create_policy, PolicyName="bad", PolicyDocument="{nope")
        self.assertError("MalformedPolicyDocument", 400,
                         "Policy document must be version 2012-10-17 or greater.", self.create,
                         "old", {"Version": "2008-10-17", "Statement": DOC["Statement"]})
        self.assertError("InvalidInput", 400, "Duplicate tag keys found.", self.create, "t",
                         Tags=[{"Key": "k", "Value": "1"}, {"Key": "k", "Value": "2"}])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member "
            "must have length less than or equal to 50", self.create, "t",
            Tags=[{"Key": "k%d" % i, "Value": "v"} for i in range(51)])
        big = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:%s" % ("x" * 60)] * 100, "Resource": "*"}]}
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for PolicySize: 6144",
                         self.create, "big", big)
        self.iam.delete_policy(PolicyArn=arn("dupe"))

    def test_version_lifecycle(self):
        p = self.create("versioned")
        v2 = self.iam.create_policy_version(PolicyArn=p["Arn"], PolicyDocument=json.dumps(DOC2),
                                            SetAsDefault=True)["PolicyVersion"]
        self.assertEqual(set(v2), {"VersionId", "IsDefaultVersion", "CreateDate"})
        self.assertEqual((v2["VersionId"], v2["IsDefaultVersion"]), ("v2", True))
        got = self.iam.get_policy_version(PolicyArn=p["Arn"], VersionId="v2")["PolicyVersion"]
        self.assertEqual(got["Document"], DOC2)  # boto3 URL-decodes and parses it
        self.assertTrue(got["IsDefaultVersion"])
        v3 = self.iam.create_policy_version(PolicyArn=p["Arn"],
                                            PolicyDocument=json.dumps(DOC))["PolicyVersion"]
        self.assertEqual((v3["VersionId"], v3["IsDefaultVersion"]), ("v3", False))
        versions = self.iam.list_policy_versions(PolicyArn=p["Arn"])
        self.assertFalse(versions["IsTruncated"])
        self.assertEqual([(v["VersionId"], v["IsDefaultVersion"]) for v in versions["Versions"]],
                         [("v3", False), ("v2", True), ("v1", False)])
        self.assertTrue(all("Document" not in v for v in versions["Versions"]))
        self.iam.set_default_policy_version(PolicyArn=p["Arn"], VersionId="v1")
        self.assertEqual(self.iam.get_policy(PolicyArn=p["Arn"])["Policy"]["DefaultVersionId"], "v1")
        for v in ("v2", "v3"):
            self.iam.delete_policy_version(PolicyArn=p["Arn"], VersionId=v)
        self.iam.delete_policy(PolicyArn=p["Arn"])

    def test_version_limit_and_numbers_never_reused(self):
        p = self.create("limited")
        for _ in range(4):
            self.iam.create_policy_version(PolicyArn=p["Arn"], PolicyDocument=json.dumps(DOC2))
        self.assertError(
            "LimitExceeded", 409,
            "A managed policy can have up to 5 versions. Before you create a new version, you "
            "must delete an existing version.",
            self.iam.create_policy_version, PolicyArn=p["Arn"], PolicyDocument=json.dumps(DOC2))
        ids = [v["VersionId"] for v in self.iam.list_policy_versions(PolicyArn=p["Arn"])["Versions"]]
        self.assertEqual(ids, ["v5", "v4", "v3", "v2", "v1"])
        page = self.iam.list_policy_versions(PolicyArn=p["Arn"], MaxItems=2)
        self.assertTrue(page["IsTruncated"])
        rest = self.iam.list_policy_versions(PolicyArn=p["Arn"], Marker=page["Marker"])
        self.assertEqual([v["VersionId"] for v in page["Versions"] + rest["Versions"]], ids)
        self.iam.delete_policy_version(PolicyArn=p["Arn"], VersionId="v5")
        v6 = self.iam.create_policy_version(PolicyArn=p["Arn"], PolicyDocument=json.dumps(DOC2))
        self.assertEqual(v6["PolicyVersion"]["VersionId"], "v6")
        self.assertFalse(v6["PolicyVersion"]["IsDefaultVersion"])

    def test_version_errors(self):
        p = self.create("verrs")
        ghost = arn("TestNonExistingPolicy")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s version v1 does not exist or is not attachable." % ghost,
                         self.iam.get_policy_version, PolicyArn=ghost, VersionId="v1")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s version v9 does not exist or is not attachable." % p["Arn"],
                         self.iam.get_policy_version, PolicyArn=p["Arn"], VersionId="v9")
        self.assertError("DeleteConflict", 409, "Cannot delete the default version of a policy.",
                         self.iam.delete_policy_version, PolicyArn=p["Arn"], VersionId="v1")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s version v9 does not exist or is not attachable." % p["Arn"],
                         self.iam.delete_policy_version, PolicyArn=p["Arn"], VersionId="v9")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s version v1 does not exist or is not attachable." % ghost,
                         self.iam.set_default_policy_version, PolicyArn=ghost, VersionId="v1")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
            self.iam.set_default_policy_version, PolicyArn=p["Arn"], VersionId="wrong")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s version v4 does not exist or is not attachable." % p["Arn"],
                         self.iam.set_default_policy_version, PolicyArn=p["Arn"], VersionId="v4")
        self.assertEqual([v["VersionId"] for v in
                          self.iam.list_policy_versions(PolicyArn=p["Arn"])["Versions"]], ["v1"])

    def test_delete_rules(self):
        self.assertError("AccessDenied", 403, "Cannot delete policies outside your own account.",
                         self.iam.delete_policy, PolicyArn=READ_ONLY)
        self.assertError("NoSuchEntity", 404,
                         "Policy %s was not found." % arn("non-existent-policy"),
                         self.iam.delete_policy, PolicyArn=arn("non-existent-policy"))
        p = self.create("multi")
        self.iam.create_policy_version(PolicyArn=p["Arn"], PolicyDocument=json.dumps(DOC2))
        self.assertError(
            "DeleteConflict", 409,
            "This policy has more than one version. Before you delete a policy, you must delete "
            "the policy's versions. The default version is deleted with the policy.",
            self.iam.delete_policy, PolicyArn=p["Arn"])
        self.iam.delete_policy_version(PolicyArn=p["Arn"], VersionId="v2")
        self.iam.create_user(UserName="holder")
        self.iam.attach_user_policy(UserName="holder", PolicyArn=p["Arn"])
        self.assertEqual(self.iam.get_policy(PolicyArn=p["Arn"])["Policy"]["AttachmentCount"], 1)
        self.assertError("DeleteConflict", 409, "Cannot delete a policy attached to entities.",
                         self.iam.delete_policy, PolicyArn=p["Arn"])
        self.iam.detach_user_policy(UserName="holder", PolicyArn=p["Arn"])
        self.iam.delete_policy(PolicyArn=p["Arn"])
        self.iam.create_policy(PolicyName="bound", PolicyDocument=json.dumps(DOC))
        self.iam.create_user(UserName="bounded", PermissionsBoundary=arn("bound"))
        self.assertError("DeleteConflict", 409, "Cannot delete a policy attached to entities.",
                         self.iam.delete_policy, PolicyArn=arn("bound"))
        self.iam.delete_user(UserName="bounded")
        self.iam.delete_policy(PolicyArn=arn("bound"))
        self.iam.delete_user(UserName="holder")

    def test_arns_that_are_not_arns(self):
        for fn, kw in ((self.iam.get_policy, {}), (self.iam.delete_policy, {}),
                       (self.iam.list_policy_versions, {}),
                       (self.iam.get_policy_version, {"VersionId": "v1"})):
            self.assertError("ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.",
                             fn, PolicyArn="longpolicynamebutnoarn", **kw)


class AwsManagedPolicies(ServerTestCase):
    def test_get_policy_and_versions(self):
        p = self.iam.get_policy(PolicyArn=READ_ONLY)["Policy"]
        self.assertEqual((p["PolicyName"], p["Path"], p["Arn"]), ("ReadOnlyAccess", "/", READ_ONLY))
        self.assertEqual(p["Tags"], [])
        self.assertEqual((p["AttachmentCount"], p["PermissionsBoundaryUsageCount"],
                          p["IsAttachable"]), (0, 0, True))
        self.assertRegex(p["DefaultVersionId"], r"^v\d+$")
        v = self.iam.get_policy_version(PolicyArn=READ_ONLY,
                                        VersionId=p["DefaultVersionId"])["PolicyVersion"]
        self.assertTrue(v["IsDefaultVersion"])
        self.assertEqual(v["Document"]["Version"], "2012-10-17")
        self.assertIn("Statement", v["Document"])
        versions = self.iam.list_policy_versions(PolicyArn=READ_ONLY)["Versions"]
        self.assertIn(p["DefaultVersionId"], [x["VersionId"] for x in versions])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'versionId' failed to satisfy constraint: "
            "Member must satisfy regular expression pattern: v[1-9][0-9]*(\\.[A-Za-z0-9-]*)?",
            self.iam.get_policy_version, PolicyArn=READ_ONLY, VersionId="1")

    def test_mutations_are_denied(self):
        self.assertError("AccessDenied", 403,
                         "Cannot delete policy versions for policies outside your own account.",
                         self.iam.delete_policy_version, PolicyArn=READ_ONLY, VersionId="v1")
        self.assertError("AccessDenied", 403, "Cannot update policies outside your own account.",
                         self.iam.set_default_policy_version, PolicyArn=READ_ONLY, VersionId="v1")
        self.assertError("AccessDenied", 403, None, self.iam.create_policy_version,
                         PolicyArn=READ_ONLY, PolicyDocument=json.dumps(DOC))

    def test_attachment_count_is_per_account(self):
        self.iam.create_user(UserName="reader")
        self.iam.attach_user_policy(UserName="reader", PolicyArn=READ_ONLY)
        self.assertEqual(self.iam.get_policy(PolicyArn=READ_ONLY)["Policy"]["AttachmentCount"], 1)
        attached = self.iam.list_policies(OnlyAttached=True)["Policies"]
        self.assertIn(READ_ONLY, [p["Arn"] for p in attached])
        self.assertTrue(all(p["AttachmentCount"] > 0 for p in attached))
        self.iam.detach_user_policy(UserName="reader", PolicyArn=READ_ONLY)
        self.assertEqual(self.iam.get_policy(PolicyArn=READ_ONLY)["Policy"]["AttachmentCount"], 0)
        self.assertNotIn(READ_ONLY, [p["Arn"] for p in
                                     self.iam.list_policies(OnlyAttached=True)["Policies"]])
        self.iam.delete_user(UserName="reader")


class ListPolicies(ServerTestCase):
    def walk(self, page_size, **kw):
        seen, marker = [], None
        while True:
            args = dict(kw, MaxItems=page_size)
            if marker:
                args["Marker"] = marker
            page = self.iam.list_policies(**args)
            seen += page["Policies"]
            if not page["IsTruncated"]:
                self.assertNotIn("Marker", page)
                return seen
            self.assertEqual(len(page["Policies"]), page_size)
            marker = page["Marker"]

    def test_scopes_and_one_marker_across_aws_and_local(self):
        for name in ("zz-local", "AAA-local", "ReadOnlyAccess"):
            self.iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(DOC), Path="/mine/")
        aws = self.walk(500, Scope="AWS")
        self.assertGreater(len(aws), 1000)
        self.assertTrue(all(p["Arn"].startswith("arn:aws:iam::aws:policy/") for p in aws))
        self.assertTrue(all(set(p) == POLICY_KEYS for p in aws))
        local = self.walk(2, Scope="Local")
        self.assertEqual([p["PolicyName"] for p in local], ["AAA-local", "ReadOnlyAccess", "zz-local"])
        everything = self.walk(333)
        self.assertEqual(len(everything), len(aws) + 3)
        arns = [p["Arn"] for p in everything]
        self.assertEqual(len(set(arns)), len(arns))
        self.assertEqual(arns, [p["Arn"] for p in self.walk(1000)])
        # The boto3 paginator follows the same markers.
        pages = self.iam.get_paginator("list_policies").paginate(
            Scope="All", PaginationConfig={"PageSize": 400})
        self.assertEqual([p["Arn"] for page in pages for p in page["Policies"]], arns)
        mine = self.iam.list_policies(PathPrefix="/mine/")["Policies"]
        self.assertEqual(len(mine), 3)
        service = self.iam.list_policies(Scope="AWS", PathPrefix="/service-role/", MaxItems=5)
        self.assertTrue(all(p["Path"] == "/service-role/" for p in service["Policies"]))
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.list_policies,
                         Marker="bm90LWEtbWFya2Vy")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'scope' failed to satisfy constraint: Member "
            "must satisfy enum value set",
            self.raw_iam.list_policies, Scope="Mine")
        for name in ("zz-local", "AAA-local", "ReadOnlyAccess"):
            self.iam.delete_policy(PolicyArn=arn(name, "/mine/"))

    def test_usage_filter(self):
        self.iam.create_policy(PolicyName="boundary", PolicyDocument=json.dumps(DOC))
        self.iam.create_policy(PolicyName="plain", PolicyDocument=json.dumps(DOC))
        self.iam.create_user(UserName="u1")
        self.iam.attach_user_policy(UserName="u1", PolicyArn=arn("plain"))
        used = self.iam.list_policies(Scope="Local", PolicyUsageFilter="PermissionsPolicy")
        self.assertEqual([p["PolicyName"] for p in used["Policies"]], ["plain"])
        self.iam.detach_user_policy(UserName="u1", PolicyArn=arn("plain"))
        self.iam.delete_user(UserName="u1")
        for n in ("boundary", "plain"):
            self.iam.delete_policy(PolicyArn=arn(n))


class PolicyTags(ServerTestCase):
    def test_tag_lifecycle(self):
        tags = [{"Key": "abc", "Value": "first"}, {"Key": "b", "Value": "second"},
                {"Key": "z", "Value": "third"}, {"Key": "a", "Value": "fourth"}]
        p = self.iam.create_policy(PolicyName="tagged", PolicyDocument=json.dumps(DOC),
                                   Tags=tags)["Policy"]
        self.assertEqual(p["Tags"], tags)
        self.assertEqual(self.iam.get_policy(PolicyArn=p["Arn"])["Policy"]["Tags"], tags)
        listed = self.iam.list_policy_tags(PolicyArn=p["Arn"])
        self.assertEqual([t["Key"] for t in listed["Tags"]], ["a", "b", "z", "abc"])
        self.iam.tag_policy(PolicyArn=p["Arn"], Tags=[{"Key": "A", "Value": "upper"},
                                                      {"Key": "a", "Value": ""}])
        listed = self.iam.list_policy_tags(PolicyArn=p["Arn"])["Tags"]
        self.assertEqual(listed[:2], [{"Key": "A", "Value": "upper"}, {"Key": "a", "Value": ""}])
        page1 = self.iam.list_policy_tags(PolicyArn=p["Arn"], MaxItems=3)
        self.assertTrue(page1["IsTruncated"])
        page2 = self.iam.list_policy_tags(PolicyArn=p["Arn"], Marker=page1["Marker"])
        self.assertEqual(page1["Tags"] + page2["Tags"], listed)
        self.iam.untag_policy(PolicyArn=p["Arn"], TagKeys=["a", "b", "z", "abc"])
        self.assertEqual(self.iam.list_policy_tags(PolicyArn=p["Arn"])["Tags"],
                         [{"Key": "A", "Value": "upper"}])
        self.iam.untag_policy(PolicyArn=p["Arn"], TagKeys=["A"])
        self.assertEqual(self.iam.list_policy_tags(PolicyArn=p["Arn"])["Tags"], [])
        self.iam.delete_policy(PolicyArn=p["Arn"])

    def test_tag_errors(self):
        p = self.iam.create_policy(PolicyName="tagerr", PolicyDocument=json.dumps(DOC))["Policy"]
        self.assertError("InvalidInput", 400, "Duplicate tag keys found.", self.iam.tag_policy,
                         PolicyArn=p["Arn"], Tags=[{"Key": "k", "Value": "1"},
                                                   {"Key": "k", "Value": "2"}])
        ghost = arn("NotAPolicy")
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % ghost,
                         self.iam.tag_policy, PolicyArn=ghost, Tags=[{"Key": "k", "Value": "v"}])
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % ghost,
                         self.iam.untag_policy, PolicyArn=ghost, TagKeys=["k"])
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'tagKeys' failed to satisfy constraint: "
            "Member must have length less than or equal to 50",
            self.iam.untag_policy, PolicyArn=p["Arn"], TagKeys=["k%d" % i for i in range(51)])
        self.iam.tag_policy(PolicyArn=p["Arn"], Tags=[{"Key": "k%d" % i, "Value": "v"}
                                                      for i in range(50)])
        self.assertError("LimitExceeded", 409, None, self.iam.tag_policy, PolicyArn=p["Arn"],
                         Tags=[{"Key": "more", "Value": "v"}])
        self.iam.delete_policy(PolicyArn=p["Arn"])


class EntitiesForPolicy(ServerTestCase):
    def test_users_and_errors(self):
        p = self.iam.create_policy(PolicyName="shared", PolicyDocument=json.dumps(DOC))["Policy"]
        empty = self.iam.list_entities_for_policy(PolicyArn=p["Arn"])
        self.assertEqual((empty["PolicyGroups"], empty["PolicyUsers"], empty["PolicyRoles"],
                          empty["IsTruncated"]), ([], [], [], False))
        ids = {}
        for name, path in (("ann", "/a/"), ("ben", "/b/"), ("cat", "/a/")):
            ids[name] = self.iam.create_user(UserName=name, Path=path)["User"]["UserId"]
            self.iam.attach_user_policy(UserName=name, PolicyArn=p["Arn"])
        out = self.iam.list_entities_for_policy(PolicyArn=p["Arn"], EntityFilter="User")
        self.assertEqual(out["PolicyUsers"], [{"UserName": n, "UserId": ids[n]}
                                              for n in ("ann", "ben", "cat")])
        self.assertEqual(out["PolicyGroups"], [])
        prefixed = self.iam.list_entities_for_policy(PolicyArn=p["Arn"], PathPrefix="/a/")
        self.assertEqual([u["UserName"] for u in prefixed["PolicyUsers"]], ["ann", "cat"])
        self.assertEqual(self.iam.list_entities_for_policy(
            PolicyArn=p["Arn"], EntityFilter="LocalManagedPolicy")["PolicyUsers"], [])
        first = self.iam.list_entities_for_policy(PolicyArn=p["Arn"], MaxItems=2)
        self.assertTrue(first["IsTruncated"])
        rest = self.iam.list_entities_for_policy(PolicyArn=p["Arn"], Marker=first["Marker"])
        self.assertEqual([u["UserName"] for u in first["PolicyUsers"] + rest["PolicyUsers"]],
                         ["ann", "ben", "cat"])
        boundary = self.iam.list_entities_for_policy(PolicyArn=p["Arn"],
                                                     PolicyUsageFilter="PermissionsBoundary")
        self.assertEqual(boundary["PolicyUsers"], [])
        ghost = arn("NonExistentPolicy")
        self.assertError("NoSuchEntity", 404,
                         "Policy %s does not exist or is not attachable." % ghost,
                         self.iam.list_entities_for_policy, PolicyArn=ghost)
        for name in ids:
            self.iam.detach_user_policy(UserName=name, PolicyArn=p["Arn"])
            self.iam.delete_user(UserName=name)
        self.iam.delete_policy(PolicyArn=p["Arn"])

    def test_groups_and_roles(self):
        p = self.iam.create_policy(PolicyName="gr", PolicyDocument=json.dumps(DOC))["Policy"]
        group = create_group_or_skip(self, "g1")
        role = create_role_or_skip(self, "r1")
        self.iam.attach_group_policy(GroupName="g1", PolicyArn=p["Arn"])
        self.iam.attach_role_policy(RoleName="r1", PolicyArn=p["Arn"])
        out = self.iam.list_entities_for_policy(PolicyArn=p["Arn"])
        self.assertEqual(out["PolicyGroups"], [{"GroupName": "g1", "GroupId": group["GroupId"]}])
        self.assertEqual(out["PolicyRoles"], [{"RoleName": "r1", "RoleId": role["RoleId"]}])
        only_roles = self.iam.list_entities_for_policy(PolicyArn=p["Arn"], EntityFilter="Role")
        self.assertEqual((only_roles["PolicyGroups"], len(only_roles["PolicyRoles"])), ([], 1))
        self.iam.detach_group_policy(GroupName="g1", PolicyArn=p["Arn"])
        self.iam.detach_role_policy(RoleName="r1", PolicyArn=p["Arn"])
        self.iam.delete_group(GroupName="g1")
        self.iam.delete_role(RoleName="r1")
        self.iam.delete_policy(PolicyArn=p["Arn"])


class DocumentEncoding(ServerTestCase):
    def raw(self, **params):
        body = urllib.parse.urlencode(dict(params, Version="2010-05-08"))
        conn = http.client.HTTPConnection(self.server.host, self.server.port, timeout=10)
        conn.request("POST", "/", body=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        self.assertEqual(resp.status, 200, data)
        return ET.fromstring(data)

    def test_documents_come_back_url_encoded(self):
        resource = ("arn:aws:apigateway:us-east-1::/tags/"
                    "arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Frestapis%2Faaeeieije")
        text = ('{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", '
                '"Action": ["apigatway:PUT"], "Resource": ["%s"]}]}' % resource)
        p = self.iam.create_policy(PolicyName="enc", PolicyDocument=text)["Policy"]
        root = self.raw(Action="GetPolicyVersion", PolicyArn=p["Arn"], VersionId="v1")
        doc = root.find(".//%sDocument" % IAM_NS).text
        self.assertTrue(doc.startswith("%7B%22Version%22%3A%20%222012-10-17%22%2C%20"), doc)
        self.assertIn("%22Resource%22%3A%20%5B%22arn%3Aaws%3Aapigateway%3Aus-east-1%3A%3A%2Ftags"
                      "%2Farn%253Aaws%253A", doc)
        self.assertEqual(urllib.parse.unquote(doc), text)
        # boto3 decodes it back to the document as written.
        got = self.iam.get_policy_version(PolicyArn=p["Arn"], VersionId="v1")["PolicyVersion"]
        self.assertEqual(got["Document"]["Statement"][0]["Resource"], [resource])
        self.iam.delete_policy(PolicyArn=p["Arn"])


class PoliciesAwsCli(ServerTestCase):
    def test_cli_policy_flow(self):
        cli = self.server.cli
        with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
            json.dump(DOC, f)
            path = f.name
        try:
            _, out, _ = cli("iam", "create-policy", "--policy-name", "cli-policy",
                            "--policy-document", "file://" + path, "--description", "from cli")
            policy_arn = out["Policy"]["Arn"]
            self.assertEqual(policy_arn, arn("cli-policy"))
            _, out, _ = cli("iam", "get-policy", "--policy-arn", policy_arn)
            self.assertEqual(out["Policy"]["Description"], "from cli")
            _, out, _ = cli("iam", "list-policies", "--scope", "Local")
            self.assertEqual([p["PolicyName"] for p in out["Policies"]], ["cli-policy"])
            _, out, _ = cli("iam", "create-policy-version", "--policy-arn", policy_arn,
                            "--policy-document", json.dumps(DOC2), "--set-as-default")
            self.assertEqual(out["PolicyVersion"]["VersionId"], "v2")
            _, out, _ = cli("iam", "get-policy-version", "--policy-arn", policy_arn,
                            "--version-id", "v2")
            self.assertEqual(out["PolicyVersion"]["Document"], DOC2)
            _, out, _ = cli("iam", "list-policies", "--scope", "AWS", "--max-items", "7")
            self.assertEqual(len(out["Policies"]), 7)
            self.assertIn("NextToken", out)
            rc, _, err = cli("iam", "delete-policy", "--policy-arn", policy_arn, check=False)
            self.assertNotEqual(rc, 0)
            self.assertIn("(DeleteConflict) when calling the DeletePolicy operation", err)
            cli("iam", "delete-policy-version", "--policy-arn", policy_arn, "--version-id", "v1")
            cli("iam", "delete-policy", "--policy-arn", policy_arn)
            rc, _, err = cli("iam", "get-policy", "--policy-arn", policy_arn, check=False)
            self.assertIn("(NoSuchEntity) when calling the GetPolicy operation: Policy %s was "
                          "not found." % policy_arn, err)
        finally:
            os.unlink(path)


if __name__ == "__main__":
    unittest.main()
