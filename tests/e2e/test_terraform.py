"""Terraform's AWS provider applies the founding example against iamlite, a second plan shows
no changes, and destroy leaves nothing behind."""
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import ServerTestCase

HERE = os.path.dirname(os.path.abspath(__file__))
CONFIG = os.path.join(HERE, "terraform", "founding", "main.tf")


def plugin_dir():
    """The offline filesystem mirror: the folder above registry.terraform.io."""
    for pattern in ("/opt/*/registry.terraform.io/hashicorp/aws/*/*/terraform-provider-aws*",
                    "/usr/share/*/registry.terraform.io/hashicorp/aws/*/*/terraform-provider-aws*",
                    os.path.expanduser("~/.terraform.d/plugins/registry.terraform.io/hashicorp/"
                                       "aws/*/*/terraform-provider-aws*")):
        for hit in glob.glob(pattern):
            return hit.split("/registry.terraform.io/")[0]
    return None


@unittest.skipUnless(shutil.which("terraform"), "terraform is not installed")
@unittest.skipUnless(plugin_dir(), "no offline AWS provider mirror (registry.terraform.io/hashicorp/aws)")
class TerraformFoundingExample(ServerTestCase):
    def tf(self, *args, check=True):
        env = dict(os.environ, TF_IN_AUTOMATION="1", TF_INPUT="0", CHECKPOINT_DISABLE="1",
                   TF_VAR_endpoint=self.server.endpoint)
        p = subprocess.run(["terraform", *args], cwd=self.work, env=env, capture_output=True,
                           text=True, timeout=600)
        if check and p.returncode != 0:
            self.fail("terraform %s failed (%d):\n%s\n%s" % (args[0], p.returncode,
                                                              p.stdout[-4000:], p.stderr[-4000:]))
        return p

    def test_apply_plan_destroy(self):
        self.work = tempfile.mkdtemp(prefix="iamlite-tf-")
        shutil.copy(CONFIG, self.work)
        self.tf("init", "-plugin-dir=" + plugin_dir(), "-no-color")
        self.tf("apply", "-auto-approve", "-no-color")

        users = {u["UserName"] for u in self.iam.list_users()["Users"]}
        self.assertEqual(users, {"sally", "john", "maria", "jane", "mary"})
        web = self.iam.get_group(GroupName="WebDevelopers")
        self.assertEqual({u["UserName"] for u in web["Users"]}, {"john", "maria"})
        attached = self.iam.list_attached_group_policies(GroupName="DevOps")["AttachedPolicies"]
        self.assertIn("arn:aws:iam::aws:policy/AmazonEC2FullAccess",
                      {p["PolicyArn"] for p in attached})
        self.assertEqual(len(self.iam.list_access_keys(UserName="jane")["AccessKeyMetadata"]), 1)
        self.iam.get_login_profile(UserName="mary")
        with self.assertRaises(self.iam.exceptions.NoSuchEntityException):
            self.iam.get_login_profile(UserName="jane")

        role = self.iam.get_role(RoleName="WebApp")["Role"]
        self.assertEqual(role["Path"], "/company/")
        self.assertEqual(role["MaxSessionDuration"], 7200)
        self.assertEqual(role["AssumeRolePolicyDocument"]["Statement"][0]["Principal"],
                         {"Service": "ec2.amazonaws.com"})
        boundary = self.iam.get_policy(
            PolicyArn=role["PermissionsBoundary"]["PermissionsBoundaryArn"])["Policy"]
        self.assertEqual(boundary["PolicyName"], "WebAppBoundary")
        self.assertEqual(self.iam.list_role_policies(RoleName="WebApp")["PolicyNames"],
                         ["AppBucket"])
        self.assertEqual([p["PolicyName"] for p in self.iam.list_attached_role_policies(
            RoleName="WebApp")["AttachedPolicies"]], ["AmazonSQSFullAccess"])
        profile = self.iam.get_instance_profile(InstanceProfileName="WebApp")["InstanceProfile"]
        self.assertEqual([r["RoleName"] for r in profile["Roles"]], ["WebApp"])

        plan = self.tf("plan", "-detailed-exitcode", "-no-color", check=False)
        self.assertEqual(plan.returncode, 0, "second plan shows changes:\n" + plan.stdout[-4000:])

        self.tf("destroy", "-auto-approve", "-no-color")
        self.assertEqual(self.iam.list_users()["Users"], [])
        self.assertEqual(self.iam.list_groups()["Groups"], [])
        self.assertEqual(self.iam.list_policies(Scope="Local")["Policies"], [])
        self.assertEqual(self.iam.list_roles()["Roles"], [])
        self.assertEqual(self.iam.list_instance_profiles()["InstanceProfiles"], [])
        shutil.rmtree(self.work, ignore_errors=True)


if __name__ == "__main__":
    unittest.main()
