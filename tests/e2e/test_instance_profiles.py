"""IAM instance profiles end to end with boto3 and the AWS CLI against a real iamlite server,
with replays of the real-AWS recordings of test_iam_instance_profiles.py."""
import json
import unittest

from harness import ServerTestCase
import snapshot_replay

TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]}
ACCOUNT = "123456789012"


class InstanceProfilesBoto3(ServerTestCase):
    def role(self, name, **kw):
        return self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST),
                                    **kw)["Role"]

    def test_lifecycle_and_shapes(self):
        created = self.iam.create_instance_profile(InstanceProfileName="ip1",
                                                   Path="/web/")["InstanceProfile"]
        self.assertRegex(created["InstanceProfileId"], r"^AIPA[A-Z0-9]{17}$")
        self.assertEqual(created["Arn"], "arn:aws:iam::%s:instance-profile/web/ip1" % ACCOUNT)
        self.assertEqual(created["Roles"], [])
        self.assertNotIn("Tags", created)
        got = self.iam.get_instance_profile(InstanceProfileName="IP1")["InstanceProfile"]
        self.assertEqual(got["Tags"], [])
        self.assertEqual(got["CreateDate"], created["CreateDate"])
        self.assertError("EntityAlreadyExists", 409, "Instance Profile IP1 already exists.",
                         self.iam.create_instance_profile, InstanceProfileName="IP1")
        self.iam.delete_instance_profile(InstanceProfileName="ip1")
        for fn, kw in ((self.iam.get_instance_profile, {}),
                       (self.iam.delete_instance_profile, {}),
                       (self.iam.tag_instance_profile, {"Tags": [{"Key": "k", "Value": "v"}]}),
                       (self.iam.untag_instance_profile, {"TagKeys": ["k"]}),
                       (self.iam.list_instance_profile_tags, {})):
            self.assertError("NoSuchEntity", 404, "Instance Profile ip1 cannot be found.", fn,
                             InstanceProfileName="ip1", **kw)

    def test_roles_in_profiles(self):
        role = self.role("iprole", Description="not shown", Tags=[{"Key": "k", "Value": "v"}])
        self.iam.create_instance_profile(InstanceProfileName="ip2")
        self.iam.add_role_to_instance_profile(InstanceProfileName="ip2", RoleName="IPROLE")
        roles = self.iam.get_instance_profile(InstanceProfileName="ip2")["InstanceProfile"]["Roles"]
        self.assertEqual(roles, [{k: role[k] for k in ("Path", "RoleName", "RoleId", "Arn",
                                                       "CreateDate", "AssumeRolePolicyDocument")}])
        self.role("iprole2")
        self.assertError("LimitExceeded", 409,
                         "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1",
                         self.iam.add_role_to_instance_profile, InstanceProfileName="ip2",
                         RoleName="iprole2")
        self.assertError("NoSuchEntity", 404, "Role iprole2 in Instance Profile ip2 cannot be found.",
                         self.iam.remove_role_from_instance_profile, InstanceProfileName="ip2",
                         RoleName="iprole2")
        self.assertError("NoSuchEntity", 404, "Instance Profile nope cannot be found.",
                         self.iam.add_role_to_instance_profile, InstanceProfileName="nope",
                         RoleName="iprole")
        self.assertError("NoSuchEntity", 404, "The role with name nope cannot be found.",
                         self.iam.add_role_to_instance_profile, InstanceProfileName="ip2",
                         RoleName="nope")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must remove roles from instance profile first.",
                         self.iam.delete_instance_profile, InstanceProfileName="ip2")
        listed = self.iam.list_instance_profiles_for_role(RoleName="iprole")["InstanceProfiles"]
        self.assertEqual([p["InstanceProfileName"] for p in listed], ["ip2"])
        self.assertEqual(self.iam.list_instance_profiles_for_role(RoleName="iprole2")
                         ["InstanceProfiles"], [])
        self.assertError("NoSuchEntity", 404, "The role with name nope cannot be found.",
                         self.iam.list_instance_profiles_for_role, RoleName="nope")
        self.iam.remove_role_from_instance_profile(InstanceProfileName="ip2", RoleName="iprole")
        self.iam.add_role_to_instance_profile(InstanceProfileName="ip2", RoleName="iprole2")
        self.iam.delete_role(RoleName="iprole")
        self.iam.remove_role_from_instance_profile(InstanceProfileName="ip2", RoleName="iprole2")
        self.iam.delete_instance_profile(InstanceProfileName="ip2")
        self.iam.delete_role(RoleName="iprole2")

    def test_list_pagination_and_prefix(self):
        names = ["ippage%02d" % i for i in range(11)]
        for n in names:
            self.iam.create_instance_profile(InstanceProfileName=n, Path="/ippage/")
        self.iam.create_instance_profile(InstanceProfileName="ipother", Path="/other/")
        self.role("pagerole")
        for n in names[::2]:
            self.iam.add_role_to_instance_profile(InstanceProfileName=n, RoleName="pagerole")
        seen, marker = [], None
        while True:
            kw = {"PathPrefix": "/ippage/", "MaxItems": 3}
            if marker:
                kw["Marker"] = marker
            page = self.iam.list_instance_profiles(**kw)
            seen += [p["InstanceProfileName"] for p in page["InstanceProfiles"]]
            self.assertTrue(all("Tags" not in p for p in page["InstanceProfiles"]))
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertEqual(seen, names)
        pages = self.iam.get_paginator("list_instance_profiles_for_role").paginate(
            RoleName="pagerole", PaginationConfig={"PageSize": 2})
        profiles = [p for page in pages for p in page["InstanceProfiles"]]
        self.assertEqual([p["InstanceProfileName"] for p in profiles], names[::2])
        self.assertTrue(all(p["Roles"][0]["RoleName"] == "pagerole" for p in profiles))
        self.assertEqual(self.iam.list_instance_profiles(PathPrefix="/none/")["InstanceProfiles"],
                         [])
        for n in names[::2]:
            self.iam.remove_role_from_instance_profile(InstanceProfileName=n, RoleName="pagerole")
        for n in names + ["ipother"]:
            self.iam.delete_instance_profile(InstanceProfileName=n)
        self.iam.delete_role(RoleName="pagerole")

    def test_tags(self):
        created = self.iam.create_instance_profile(
            InstanceProfileName="iptags", Tags=[{"Key": "InitialKey", "Value": "InitialValue"}])
        self.assertEqual(created["InstanceProfile"]["Tags"],
                         [{"Key": "InitialKey", "Value": "InitialValue"}])
        self.iam.tag_instance_profile(InstanceProfileName="iptags",
                                      Tags=[{"Key": "MyKey", "Value": "myValue"}])
        self.iam.untag_instance_profile(InstanceProfileName="iptags", TagKeys=["InitialKey"])
        self.assertEqual(self.iam.list_instance_profile_tags(InstanceProfileName="iptags")["Tags"],
                         [{"Key": "MyKey", "Value": "myValue"}])
        self.assertError("InvalidInput", 400,
                         "Duplicate tag keys found. Please note that Tag keys are case insensitive.",
                         self.iam.tag_instance_profile, InstanceProfileName="iptags",
                         Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}])
        self.iam.tag_instance_profile(InstanceProfileName="iptags",
                                      Tags=[{"Key": "k%02d" % i, "Value": "v"} for i in range(49)])
        self.assertError("LimitExceeded", 409, None, self.iam.tag_instance_profile,
                         InstanceProfileName="iptags", Tags=[{"Key": "over", "Value": "v"}])
        first = self.iam.list_instance_profile_tags(InstanceProfileName="iptags", MaxItems=20)
        self.assertTrue(first["IsTruncated"])
        self.iam.delete_instance_profile(InstanceProfileName="iptags")


@unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
class InstanceProfilesRecorded(ServerTestCase):
    FILE = "test_iam_instance_profiles.snapshot.json"

    def recording(self, test):
        return snapshot_replay.Recording(self, self.FILE, test)

    def create_role(self, rec, name, placeholder):
        rec.name(name, placeholder)
        return self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(TRUST))

    def profile(self, rec, name, placeholder, **kw):
        rec.name(name, placeholder)
        return self.iam.create_instance_profile(InstanceProfileName=name, **kw)

    def test_instance_profile_lifecycle(self):
        rec = self.recording("test_instance_profile_lifecycle")
        rec.name("/test-path-ipl/", "/<path-prefix>/")
        rec.match("create-instance-profile",
                  self.profile(rec, "profile-ipl", "<instance-profile-name:1>",
                               Path="/test-path-ipl/"))
        rec.match("get-instance-profile",
                  self.iam.get_instance_profile(InstanceProfileName="profile-ipl"))
        rec.match("create-instance-profile-default-path",
                  self.profile(rec, "profile-default-ipl", "<instance-profile-name:2>"))
        self.iam.delete_instance_profile(InstanceProfileName="profile-ipl")
        rec.error("get-deleted-error", self.iam.get_instance_profile,
                  InstanceProfileName="profile-ipl")

    def test_instance_profile_errors(self):
        rec = self.recording("test_instance_profile_errors")
        rec.error("get-nonexistent-error", self.iam.get_instance_profile,
                  InstanceProfileName="nonexistent-profile")
        rec.match("create-profile-for-duplicate-test",
                  self.profile(rec, "profile-ipe", "<instance-profile-name:1>"))
        rec.error("create-duplicate-error", self.iam.create_instance_profile,
                  InstanceProfileName="profile-ipe")
        rec.error("delete-nonexistent-error", self.iam.delete_instance_profile,
                  InstanceProfileName="nonexistent-profile")

    def test_list_instance_profiles(self):
        rec = self.recording("test_list_instance_profiles")
        self.profile(rec, "profile-1-lip", "<instance-profile-name:1>")
        self.profile(rec, "profile-2-lip", "<instance-profile-name:2>")
        self.create_role(rec, "role-lip", "<role-name:1>")
        self.iam.add_role_to_instance_profile(InstanceProfileName="profile-1-lip",
                                              RoleName="role-lip")
        listed = self.iam.list_instance_profiles()
        listed["InstanceProfiles"] = [p for p in listed["InstanceProfiles"]
                                      if p["InstanceProfileName"] in ("profile-1-lip",
                                                                      "profile-2-lip")]
        rec.match("list-instance-profiles", listed)

    def test_list_instance_profiles_path_prefix(self):
        rec = self.recording("test_list_instance_profiles_path_prefix")
        rec.name("/path-a-lipp/", "/<path-prefix-1>/")
        rec.name("/path-b-lipp/", "/<path-prefix-2>/")
        self.profile(rec, "profile-a-lipp", "<instance-profile-name:1>", Path="/path-a-lipp/")
        self.profile(rec, "profile-b-lipp", "<instance-profile-name:2>", Path="/path-b-lipp/")
        rec.match("list-with-prefix", self.iam.list_instance_profiles(PathPrefix="/path-a-lipp/"))
        rec.match("list-empty-prefix",
                  self.iam.list_instance_profiles(PathPrefix="/nonexistent-path/"))

    def test_add_remove_role_from_instance_profile(self):
        rec = self.recording("test_add_remove_role_from_instance_profile")
        rec.match("create-profile", self.profile(rec, "profile-arr", "<instance-profile-name:1>"))
        rec.match("create-role", self.create_role(rec, "role-arr", "<role-name:1>"))
        self.iam.add_role_to_instance_profile(InstanceProfileName="profile-arr",
                                              RoleName="role-arr")
        rec.match("get-with-role", self.iam.get_instance_profile(InstanceProfileName="profile-arr"))
        self.iam.remove_role_from_instance_profile(InstanceProfileName="profile-arr",
                                                   RoleName="role-arr")
        rec.match("get-without-role",
                  self.iam.get_instance_profile(InstanceProfileName="profile-arr"))

    def test_add_second_role_to_instance_profile_error(self):
        rec = self.recording("test_add_second_role_to_instance_profile_error")
        self.profile(rec, "profile-asr", "<instance-profile-name:1>")
        self.create_role(rec, "role-1-asr", "<role-name:1>")
        self.create_role(rec, "role-2-asr", "<role-name:2>")
        self.iam.add_role_to_instance_profile(InstanceProfileName="profile-asr",
                                              RoleName="role-1-asr")
        rec.error("add-second-role-error", self.iam.add_role_to_instance_profile,
                  InstanceProfileName="profile-asr", RoleName="role-2-asr")

    def test_delete_instance_profile_with_role_error(self):
        rec = self.recording("test_delete_instance_profile_with_role_error")
        rec.match("create-profile", self.profile(rec, "profile-dwr", "<instance-profile-name:1>"))
        rec.match("create-role", self.create_role(rec, "role-dwr", "<role-name:1>"))
        self.iam.add_role_to_instance_profile(InstanceProfileName="profile-dwr",
                                              RoleName="role-dwr")
        rec.error("delete-with-role-error", self.iam.delete_instance_profile,
                  InstanceProfileName="profile-dwr")
        self.iam.remove_role_from_instance_profile(InstanceProfileName="profile-dwr",
                                                   RoleName="role-dwr")
        self.iam.delete_instance_profile(InstanceProfileName="profile-dwr")
        rec.error("get-deleted-error", self.iam.get_instance_profile,
                  InstanceProfileName="profile-dwr")

    def test_role_instance_profile_operations_errors(self):
        rec = self.recording("test_role_instance_profile_operations_errors")
        rec.match("create-profile", self.profile(rec, "profile-rio", "<instance-profile-name:1>"))
        rec.match("create-role", self.create_role(rec, "role-rio", "<role-name:1>"))
        iam = self.iam
        rec.error("add-role-nonexistent-profile-error", iam.add_role_to_instance_profile,
                  InstanceProfileName="nonexistent-profile", RoleName="role-rio")
        rec.error("add-nonexistent-role-error", iam.add_role_to_instance_profile,
                  InstanceProfileName="profile-rio", RoleName="nonexistent-role")
        rec.error("remove-role-nonexistent-profile-error", iam.remove_role_from_instance_profile,
                  InstanceProfileName="nonexistent-profile", RoleName="role-rio")
        rec.error("remove-nonexistent-role-error", iam.remove_role_from_instance_profile,
                  InstanceProfileName="profile-rio", RoleName="nonexistent-role")
        rec.error("remove-unattached-role-error", iam.remove_role_from_instance_profile,
                  InstanceProfileName="profile-rio", RoleName="role-rio")
        rec.error("list-profiles-nonexistent-role-error", iam.list_instance_profiles_for_role,
                  RoleName="nonexistent-role")

    def test_list_instance_profiles_for_role(self):
        rec = self.recording("TestInstanceProfileRoles::test_list_instance_profiles_for_role")
        self.create_role(rec, "role-lfr", "<role-name:1>")
        self.create_role(rec, "role-2-lfr", "<role-name:2>")
        self.profile(rec, "profile-role-1-lfr", "<instance-profile-name:1>")
        self.profile(rec, "profile-role-2-lfr", "<instance-profile-name:2>")
        for p in ("profile-role-1-lfr", "profile-role-2-lfr"):
            self.iam.add_role_to_instance_profile(InstanceProfileName=p, RoleName="role-lfr")
        rec.match("list-for-role", self.iam.list_instance_profiles_for_role(RoleName="role-lfr"))
        rec.match("list-for-role-empty",
                  self.iam.list_instance_profiles_for_role(RoleName="role-2-lfr"))

    def test_instance_profile_tag_lifecycle(self):
        rec = self.recording("test_instance_profile_tag_lifecycle")
        self.profile(rec, "profile-tl", "<instance-profile-name:1>")
        name = "profile-tl"
        rec.match("list-tags-empty", self.iam.list_instance_profile_tags(InstanceProfileName=name))
        self.iam.tag_instance_profile(InstanceProfileName=name,
                                      Tags=[{"Key": "MyKey", "Value": "myValue"}])
        rec.match("list-tags-after-tag",
                  self.iam.list_instance_profile_tags(InstanceProfileName=name))
        rec.match("get-with-tags", self.iam.get_instance_profile(InstanceProfileName=name))
        self.iam.tag_instance_profile(InstanceProfileName=name,
                                      Tags=[{"Key": "MyKey2", "Value": "myValue2"}])
        rec.match("list-tags-two-tags",
                  self.iam.list_instance_profile_tags(InstanceProfileName=name))
        self.iam.untag_instance_profile(InstanceProfileName=name, TagKeys=["MyKey"])
        rec.match("list-after-untag", self.iam.list_instance_profile_tags(InstanceProfileName=name))
        self.iam.untag_instance_profile(InstanceProfileName=name, TagKeys=["MyKey2"])
        rec.match("list-tags-final-empty",
                  self.iam.list_instance_profile_tags(InstanceProfileName=name))

    def test_instance_profile_create_with_tags(self):
        rec = self.recording("test_instance_profile_create_with_tags")
        tags = [{"Key": "InitialKey", "Value": "InitialValue"}]
        rec.match("create-with-tags",
                  self.profile(rec, "profile-cwt", "<instance-profile-name:1>", Tags=tags))
        rec.match("get-with-initial-tags",
                  self.iam.get_instance_profile(InstanceProfileName="profile-cwt"))

    def test_instance_profile_tag_errors(self):
        rec = self.recording("test_instance_profile_tag_errors")
        rec.error("tag-nonexistent-error", self.iam.tag_instance_profile,
                  InstanceProfileName="nonexistent-profile", Tags=[{"Key": "k", "Value": "v"}])
        rec.error("untag-nonexistent-error", self.iam.untag_instance_profile,
                  InstanceProfileName="nonexistent-profile", TagKeys=["k"])
        rec.error("list-tags-nonexistent-error", self.iam.list_instance_profile_tags,
                  InstanceProfileName="nonexistent-profile")


class InstanceProfilesAwsCli(ServerTestCase):
    def test_cli_lifecycle(self):
        cli = self.server.cli
        cli("iam", "create-role", "--role-name", "cli-ec2", "--assume-role-policy-document",
            json.dumps(TRUST))
        _, out, _ = cli("iam", "create-instance-profile", "--instance-profile-name", "cli-ip",
                        "--path", "/cli/")
        self.assertEqual(out["InstanceProfile"]["Arn"],
                         "arn:aws:iam::%s:instance-profile/cli/cli-ip" % ACCOUNT)
        cli("iam", "add-role-to-instance-profile", "--instance-profile-name", "cli-ip",
            "--role-name", "cli-ec2")
        _, out, _ = cli("iam", "get-instance-profile", "--instance-profile-name", "cli-ip")
        self.assertEqual([r["RoleName"] for r in out["InstanceProfile"]["Roles"]], ["cli-ec2"])
        self.assertEqual(out["InstanceProfile"]["Roles"][0]["AssumeRolePolicyDocument"], TRUST)
        _, out, _ = cli("iam", "list-instance-profiles-for-role", "--role-name", "cli-ec2")
        self.assertEqual([p["InstanceProfileName"] for p in out["InstanceProfiles"]], ["cli-ip"])
        cli("iam", "tag-instance-profile", "--instance-profile-name", "cli-ip", "--tags",
            "Key=a,Value=b")
        _, out, _ = cli("iam", "list-instance-profile-tags", "--instance-profile-name", "cli-ip")
        self.assertEqual(out["Tags"], [{"Key": "a", "Value": "b"}])
        rc, _, err = cli("iam", "delete-instance-profile", "--instance-profile-name", "cli-ip",
                         check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(DeleteConflict) when calling the DeleteInstanceProfile operation: "
                      "Cannot delete entity, must remove roles from instance profile first.", err)
        cli("iam", "remove-role-from-instance-profile", "--instance-profile-name", "cli-ip",
            "--role-name", "cli-ec2")
        cli("iam", "delete-instance-profile", "--instance-profile-name", "cli-ip")
        _, out, _ = cli("iam", "list-instance-profiles")
        self.assertEqual(out["InstanceProfiles"], [])
        cli("iam", "delete-role", "--role-name", "cli-ec2")


if __name__ == "__main__":
    unittest.main()
