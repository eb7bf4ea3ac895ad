"""Managed policy attachments end to end: Attach/Detach/ListAttached{User,Group,Role}Policies
with boto3 and the AWS CLI. Messages follow the real-AWS recordings (test_iam_users,
test_iam, test_iam_roles, test_iam_groups)."""
import json
import unittest

from harness import ServerTestCase
from policy_helpers import create_group_or_skip, create_role_or_skip, policy_arn

DOC = {"Version": "2012-10-17",
       "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "*"}]}
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"
SERVICE_ROLE_POLICY = "arn:aws:iam::aws:policy/aws-service-role/APIGatewayServiceRolePolicy"


class UserAttachments(ServerTestCase):
    def create_policy(self, name, path="/"):
        return self.iam.create_policy(PolicyName=name, PolicyDocument=json.dumps(DOC),
                                      Path=path)["Policy"]["Arn"]

    def test_attach_list_detach(self):
        self.iam.create_user(UserName="ua")
        empty = self.iam.list_attached_user_policies(UserName="ua")
        self.assertEqual((empty["AttachedPolicies"], empty["IsTruncated"]), ([], False))
        mine = self.create_policy("ua-policy")
        self.iam.attach_user_policy(UserName="ua", PolicyArn=mine)
        self.iam.attach_user_policy(UserName="ua", PolicyArn=mine)  # again: no change
        self.iam.attach_user_policy(UserName="UA", PolicyArn=READ_ONLY)  # names ignore case
        out = self.iam.list_attached_user_policies(UserName="ua")
        self.assertEqual(out["AttachedPolicies"],
                         [{"PolicyName": "ua-policy", "PolicyArn": mine},
                          {"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}])
        self.assertFalse(out["IsTruncated"])
        self.assertEqual(self.iam.get_policy(PolicyArn=mine)["Policy"]["AttachmentCount"], 1)
        self.assertEqual(self.iam.get_policy(PolicyArn=READ_ONLY)["Policy"]["AttachmentCount"], 1)
        self.iam.detach_user_policy(UserName="ua", PolicyArn=mine)
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % mine,
                         self.iam.detach_user_policy, UserName="ua", PolicyArn=mine)
        self.assertEqual(self.iam.get_policy(PolicyArn=mine)["Policy"]["AttachmentCount"], 0)
        self.iam.detach_user_policy(UserName="ua", PolicyArn=READ_ONLY)
        self.assertEqual(self.iam.list_attached_user_policies(UserName="ua")["AttachedPolicies"], [])
        self.iam.delete_user(UserName="ua")
        self.iam.delete_policy(PolicyArn=mine)

    def test_recorded_errors(self):
        self.iam.create_user(UserName="ue")
        name_only = "ue-policy-with-a-long-name"  # an ARN is at least 20 long
        mine = self.create_policy(name_only)
        for bad in ("longpolicynamebutnoarn", name_only):
            self.assertError("ValidationError", 400, "ARN %s is not valid." % bad,
                             self.iam.attach_user_policy, UserName="ue", PolicyArn=bad)
        self.assertError("NoSuchEntity", 404,
                         "Policy %s123 does not exist or is not attachable." % mine,
                         self.iam.attach_user_policy, UserName="ue", PolicyArn=mine + "123")
        self.assertError("NoSuchEntity", 404,
                         "Policy arn:aws:iam::aws:policy/Nonexistent does not exist or is not "
                         "attachable.", self.iam.attach_user_policy, UserName="ue",
                         PolicyArn="arn:aws:iam::aws:policy/Nonexistent")
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.attach_user_policy, UserName="nobody", PolicyArn=mine)
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.list_attached_user_policies, UserName="nobody")
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % mine,
                         self.iam.detach_user_policy, UserName="ue", PolicyArn=mine)
        err = self.assertError("PolicyNotAttachable", 400, None, self.iam.attach_user_policy,
                               UserName="ue", PolicyArn=SERVICE_ROLE_POLICY)
        self.assertIn("Service Role Policy", err["Error"]["Message"])
        self.iam.delete_user(UserName="ue")
        self.iam.delete_policy(PolicyArn=mine)

    def test_ten_policies_per_user(self):
        self.iam.create_user(UserName="full")
        arns = [self.create_policy("q%02d" % i) for i in range(11)]
        for a in arns[:10]:
            self.iam.attach_user_policy(UserName="full", PolicyArn=a)
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerUser: 10",
                         self.iam.attach_user_policy, UserName="full", PolicyArn=arns[10])
        self.iam.attach_user_policy(UserName="full", PolicyArn=arns[0])  # already there: fine
        self.assertEqual(self.iam.get_policy(PolicyArn=arns[10])["Policy"]["AttachmentCount"], 0)
        # Pagination walks all ten once; PathPrefix filters on the policies' paths.
        seen, marker = [], None
        while True:
            kw = {"UserName": "full", "MaxItems": 3}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_attached_user_policies(**kw)
            seen += [p["PolicyArn"] for p in page["AttachedPolicies"]]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertEqual(seen, arns[:10])
        pages = self.iam.get_paginator("list_attached_user_policies").paginate(
            UserName="full", PaginationConfig={"PageSize": 4})
        self.assertEqual([p["PolicyArn"] for pg in pages for p in pg["AttachedPolicies"]], arns[:10])
        for a in arns[:10]:
            self.iam.detach_user_policy(UserName="full", PolicyArn=a)
        self.iam.delete_user(UserName="full")

    def test_path_prefix(self):
        self.iam.create_user(UserName="pp")
        a = self.create_policy("pa", "/team/a/")
        b = self.create_policy("pb", "/team/b/")
        for x in (a, b, READ_ONLY):
            self.iam.attach_user_policy(UserName="pp", PolicyArn=x)
        names = lambda prefix: [p["PolicyName"] for p in self.iam.list_attached_user_policies(
            UserName="pp", PathPrefix=prefix)["AttachedPolicies"]]
        self.assertEqual(names("/team/"), ["pa", "pb"])
        self.assertEqual(names("/team/b/"), ["pb"])
        self.assertEqual(names("/"), ["pa", "pb", "ReadOnlyAccess"])
        for x in (a, b, READ_ONLY):
            self.iam.detach_user_policy(UserName="pp", PolicyArn=x)
        self.iam.delete_user(UserName="pp")

    def test_delete_user_waits_for_detach(self):
        self.iam.create_user(UserName="held")
        mine = self.create_policy("held-policy")
        self.iam.attach_user_policy(UserName="held", PolicyArn=mine)
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must detach all policies first.",
                         self.iam.delete_user, UserName="held")
        self.iam.detach_user_policy(UserName="held", PolicyArn=mine)
        self.iam.delete_user(UserName="held")
        self.assertError("NoSuchEntity", 404, "The user with name held cannot be found.",
                         self.iam.get_user, UserName="held")
        self.iam.delete_policy(PolicyArn=mine)


class GroupAndRoleAttachments(ServerTestCase):
    def test_group_attachments(self):
        create_group_or_skip(self, "ga")
        mine = self.iam.create_policy(PolicyName="ga-p", PolicyDocument=json.dumps(DOC))["Policy"]["Arn"]
        self.iam.attach_group_policy(GroupName="ga", PolicyArn=mine)
        self.assertEqual(self.iam.list_attached_group_policies(GroupName="ga")["AttachedPolicies"],
                         [{"PolicyName": "ga-p", "PolicyArn": mine}])
        self.assertError("DeleteConflict", 409, None, self.iam.delete_group, GroupName="ga")
        self.iam.detach_group_policy(GroupName="ga", PolicyArn=mine)
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % mine,
                         self.iam.detach_group_policy, GroupName="ga", PolicyArn=mine)
        self.assertError("NoSuchEntity", 404, "The group with name nogroup cannot be found.",
                         self.iam.attach_group_policy, GroupName="nogroup", PolicyArn=mine)
        arns = [self.iam.create_policy(PolicyName="gq%d" % i, PolicyDocument=json.dumps(DOC))
                ["Policy"]["Arn"] for i in range(11)]
        for a in arns[:10]:
            self.iam.attach_group_policy(GroupName="ga", PolicyArn=a)
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerGroup: 10",
                         self.iam.attach_group_policy, GroupName="ga", PolicyArn=arns[10])
        for a in arns[:10]:
            self.iam.detach_group_policy(GroupName="ga", PolicyArn=a)
        self.iam.delete_group(GroupName="ga")

    def test_role_attachments(self):
        create_role_or_skip(self, "ra")
        self.iam.attach_role_policy(RoleName="ra", PolicyArn=READ_ONLY)
        self.assertEqual(self.iam.list_attached_role_policies(RoleName="ra")["AttachedPolicies"],
                         [{"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}])
        self.assertError("PolicyNotAttachable", 400,
                         "Cannot attach a Service Role Policy to a Customer Role.",
                         self.iam.attach_role_policy, RoleName="ra", PolicyArn=SERVICE_ROLE_POLICY)
        self.assertError("ValidationError", 400, "ARN longpolicynamebutnoarn is not valid.",
                         self.iam.attach_role_policy, RoleName="ra",
                         PolicyArn="longpolicynamebutnoarn")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must detach all policies first.",
                         self.iam.delete_role, RoleName="ra")
        self.iam.detach_role_policy(RoleName="ra", PolicyArn=READ_ONLY)
        self.assertError("NoSuchEntity", 404, "Policy %s was not found." % READ_ONLY,
                         self.iam.detach_role_policy, RoleName="ra", PolicyArn=READ_ONLY)
        self.assertError("NoSuchEntity", 404,
                         "Policy arn:aws:iam::aws:policy/Nonexistent was not found.",
                         self.iam.detach_role_policy, RoleName="ra",
                         PolicyArn="arn:aws:iam::aws:policy/Nonexistent")
        self.assertError("NoSuchEntity", 404, "The role with name norole cannot be found.",
                         self.iam.attach_role_policy, RoleName="norole", PolicyArn=READ_ONLY)
        arns = [self.iam.create_policy(PolicyName="rq%d" % i, PolicyDocument=json.dumps(DOC))
                ["Policy"]["Arn"] for i in range(11)]
        for a in arns[:10]:
            self.iam.attach_role_policy(RoleName="ra", PolicyArn=a)
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for PoliciesPerRole: 10",
                         self.iam.attach_role_policy, RoleName="ra", PolicyArn=arns[10])
        only = self.iam.list_policies(Scope="Local", OnlyAttached=True)["Policies"]
        self.assertEqual(sorted(p["Arn"] for p in only), sorted(arns[:10]))
        for a in arns[:10]:
            self.iam.detach_role_policy(RoleName="ra", PolicyArn=a)
        self.iam.delete_role(RoleName="ra")


class AttachmentsAwsCli(ServerTestCase):
    def test_cli_attach_flow(self):
        cli = self.server.cli
        cli("iam", "create-user", "--user-name", "cli-user")
        cli("iam", "attach-user-policy", "--user-name", "cli-user", "--policy-arn", READ_ONLY)
        _, out, _ = cli("iam", "list-attached-user-policies", "--user-name", "cli-user")
        self.assertEqual(out["AttachedPolicies"],
                         [{"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}])
        rc, _, err = cli("iam", "attach-user-policy", "--user-name", "cli-user", "--policy-arn",
                         "this-is-not-an-arn-at-all", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(ValidationError) when calling the AttachUserPolicy operation: ARN "
                      "this-is-not-an-arn-at-all is not valid.", err)
        rc, _, err = cli("iam", "delete-user", "--user-name", "cli-user", check=False)
        self.assertIn("must detach all policies first", err)
        cli("iam", "detach-user-policy", "--user-name", "cli-user", "--policy-arn", READ_ONLY)
        cli("iam", "delete-user", "--user-name", "cli-user")


if __name__ == "__main__":
    unittest.main()
