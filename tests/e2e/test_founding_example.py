"""scripts/founding-example builds the company with the real AWS CLI; read it back as AWS would."""
import os
import subprocess
import unittest

from harness import ROOT, ServerTestCase


class FoundingExampleCli(ServerTestCase):
    def test_script_builds_the_company(self):
        p = subprocess.run([os.path.join(ROOT, "scripts", "founding-example"),
                            self.server.endpoint], capture_output=True, text=True, timeout=600)
        self.assertEqual(p.returncode, 0, p.stderr[-3000:])
        iam = self.iam
        users = {u["UserName"]: u for u in iam.list_users(PathPrefix="/company/")["Users"]}
        self.assertEqual(set(users), {"sally", "john", "maria", "jane", "mary"})
        self.assertNotIn("peter", {n.lower() for n in users})
        groups = {g["GroupName"] for g in iam.list_groups()["Groups"]}
        self.assertEqual(groups, {"DevOps", "WebDevelopers", "MobileDevelopers", "Accountants"})
        members = {g: sorted(u["UserName"] for u in iam.get_group(GroupName=g)["Users"])
                   for g in groups}
        self.assertEqual(members, {"DevOps": ["sally"], "WebDevelopers": ["john", "maria"],
                                   "MobileDevelopers": ["jane"], "Accountants": ["mary"]})
        self.assertEqual([g["GroupName"] for g in iam.list_groups_for_user(UserName="mary")["Groups"]],
                         ["Accountants"])
        devops = {p["PolicyName"] for p in
                  iam.list_attached_group_policies(GroupName="DevOps")["AttachedPolicies"]}
        self.assertEqual(devops, {"AdministratorAccess-AWSElasticBeanstalk", "AmazonEC2FullAccess",
                                  "AmazonS3FullAccess", "AmazonSQSFullAccess"})
        billing = iam.list_attached_group_policies(GroupName="Accountants")["AttachedPolicies"]
        self.assertEqual([p["PolicyName"] for p in billing], ["BillingBucketReadOnly"])
        policy = iam.get_policy(PolicyArn=billing[0]["PolicyArn"])["Policy"]
        self.assertEqual(policy["AttachmentCount"], 1)
        doc = iam.get_policy_version(PolicyArn=policy["Arn"], VersionId="v1")["PolicyVersion"]["Document"]
        self.assertEqual(doc["Statement"][1]["Resource"], "arn:aws:s3:::example-billing-bucket/*")
        # console: everyone but Jane; keys: everyone but Mary
        for name in users:
            has_console = True
            try:
                lp = iam.get_login_profile(UserName=name)["LoginProfile"]
                self.assertTrue(lp["PasswordResetRequired"])
            except iam.exceptions.NoSuchEntityException:
                has_console = False
            keys = iam.list_access_keys(UserName=name)["AccessKeyMetadata"]
            self.assertEqual(has_console, name != "jane", name)
            self.assertEqual(len(keys), 0 if name == "mary" else 1, name)
        # The company cannot be torn down in the wrong order, as on AWS.
        with self.assertRaises(iam.exceptions.DeleteConflictException):
            iam.delete_user(UserName="sally")
        with self.assertRaises(iam.exceptions.DeleteConflictException):
            iam.delete_policy(PolicyArn=policy["Arn"])


if __name__ == "__main__":
    unittest.main()
