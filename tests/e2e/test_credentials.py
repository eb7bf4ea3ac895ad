"""Access keys, login profiles and the account password policy end to end, with boto3 and the
AWS CLI against a real iamlite server.

Where LocalStack recorded the same call sequence against real AWS
(shared/localstack-snapshots/iam/test_iam_users.snapshot.json and
test_iam_account_password_policy.snapshot.json), the test replays it and compares the whole
response, volatile values (ids, secrets, dates) aside.
"""
import datetime
import re
import unittest

from harness import ServerTestCase

ACCOUNT = "123456789012"
KEY_ID = re.compile(r"^AKIA[A-Z0-9]{16}$")
SECRET = re.compile(r"^[A-Za-z0-9+/]{40}$")
NON_USER = "Must specify userName when calling with non-User credentials"


def body(response):
    """The parsed response without its metadata (as the snapshots compare it)."""
    out = dict(response)
    out.pop("ResponseMetadata", None)
    return out


class AccessKeys(ServerTestCase):
    def setUp(self):
        self.user = "keys-%s" % self._testMethodName[-20:].replace("_", "-")
        self.iam.create_user(UserName=self.user)

    def tearDown(self):
        for key in self.iam.list_access_keys(UserName=self.user)["AccessKeyMetadata"]:
            self.iam.delete_access_key(UserName=self.user, AccessKeyId=key["AccessKeyId"])
        self.iam.delete_user(UserName=self.user)

    def assertDate(self, value):
        self.assertIsInstance(value, datetime.datetime)
        now = datetime.datetime.now(datetime.timezone.utc)
        self.assertLess(abs((now - value).total_seconds()), 300)

    def test_lifecycle_as_recorded(self):
        # test_access_key_lifecycle
        self.assertEqual(body(self.iam.list_access_keys(UserName=self.user)),
                         {"AccessKeyMetadata": [], "IsTruncated": False})
        created = body(self.iam.create_access_key(UserName=self.user))
        key = created["AccessKey"]
        self.assertEqual(sorted(key), ["AccessKeyId", "CreateDate", "SecretAccessKey", "Status",
                                       "UserName"])
        self.assertRegex(key["AccessKeyId"], KEY_ID)
        self.assertRegex(key["SecretAccessKey"], SECRET)
        self.assertEqual(key["Status"], "Active")
        self.assertEqual(key["UserName"], self.user)
        self.assertDate(key["CreateDate"])
        listed = body(self.iam.list_access_keys(UserName=self.user))
        self.assertEqual(listed, {"AccessKeyMetadata": [
            {"AccessKeyId": key["AccessKeyId"], "CreateDate": key["CreateDate"],
             "Status": "Active", "UserName": self.user}], "IsTruncated": False})
        self.assertEqual(body(self.iam.delete_access_key(UserName=self.user,
                                                         AccessKeyId=key["AccessKeyId"])), {})
        self.assertEqual(self.iam.list_access_keys(UserName=self.user)["AccessKeyMetadata"], [])

    def test_update_status_as_recorded(self):
        # test_access_key_update_status
        key_id = self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
        for status in ("Inactive", "Active"):
            self.assertEqual(body(self.iam.update_access_key(
                UserName=self.user, AccessKeyId=key_id, Status=status)), {})
            listed = self.iam.list_access_keys(UserName=self.user)["AccessKeyMetadata"]
            self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in listed], [(key_id, status)])
        self.assertError("InvalidInput", 400, None, self.raw_iam.update_access_key,
                         UserName=self.user, AccessKeyId=key_id, Status="Expired")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'status' failed to satisfy constraint: "
            "Member must satisfy enum value set",
            self.raw_iam.update_access_key, UserName=self.user, AccessKeyId=key_id,
            Status="Disabled")

    def test_two_keys_per_user_as_recorded(self):
        # test_access_key_limit
        first = self.iam.create_access_key(UserName=self.user)["AccessKey"]
        second = self.iam.create_access_key(UserName=self.user)["AccessKey"]
        self.assertNotEqual(first["AccessKeyId"], second["AccessKeyId"])
        self.assertNotEqual(first["SecretAccessKey"], second["SecretAccessKey"])
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for AccessKeysPerUser: 2",
                         self.iam.create_access_key, UserName=self.user)
        # Deleting one frees the quota.
        self.iam.delete_access_key(UserName=self.user, AccessKeyId=first["AccessKeyId"])
        self.iam.create_access_key(UserName=self.user)

    def test_last_used_before_use_as_recorded(self):
        # test_access_key_last_used, "get-access-key-last-used-unused"
        key_id = self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
        self.assertEqual(body(self.iam.get_access_key_last_used(AccessKeyId=key_id)),
                         {"AccessKeyLastUsed": {"Region": "N/A", "ServiceName": "N/A"},
                          "UserName": self.user})

    def test_errors_as_recorded(self):
        # test_access_key_errors
        self.assertError("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.",
                         self.iam.create_access_key, UserName="nonexistent-user")
        self.assertError("NoSuchEntity", 404,
                         "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.",
                         self.iam.update_access_key, UserName=self.user,
                         AccessKeyId="AKIAIOSFODNN7EXAMPLE", Status="Inactive")
        self.assertError("AccessDenied", 403,
                         "User: arn:aws:iam::%s:root is not authorized to perform "
                         "iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE"
                         % ACCOUNT,
                         self.iam.get_access_key_last_used, AccessKeyId="AKIAIOSFODNN7EXAMPLE")
        key_id = self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
        self.assertError("ValidationError", 400, NON_USER, self.iam.delete_access_key,
                         AccessKeyId=key_id)
        # The key survived the refused call.
        self.assertEqual(len(self.iam.list_access_keys(UserName=self.user)["AccessKeyMetadata"]), 1)

    def test_more_errors(self):
        key_id = self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
        # The caller (root, for now) is not an IAM user: every call needs UserName.
        for fn, kw in ((self.iam.create_access_key, {}), (self.iam.list_access_keys, {}),
                       (self.iam.update_access_key, {"AccessKeyId": key_id, "Status": "Active"})):
            self.assertError("ValidationError", 400, NON_USER, fn, **kw)
        # A key is looked up under the named user.
        self.iam.create_user(UserName="other-key-owner")
        try:
            for fn, kw in ((self.iam.update_access_key, {"Status": "Inactive"}),
                           (self.iam.delete_access_key, {})):
                self.assertError("NoSuchEntity", 404,
                                 "The Access Key with id %s cannot be found." % key_id,
                                 fn, UserName="other-key-owner", AccessKeyId=key_id, **kw)
        finally:
            self.iam.delete_user(UserName="other-key-owner")
        for fn, kw in ((self.iam.list_access_keys, {}),
                       (self.iam.delete_access_key, {"AccessKeyId": key_id})):
            self.assertError("NoSuchEntity", 404, "The user with name ghost cannot be found.",
                             fn, UserName="ghost", **kw)
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'accessKeyId' failed to satisfy constraint: "
            "Member must have length greater than or equal to 16",
            self.raw_iam.delete_access_key, UserName=self.user, AccessKeyId="AKIASHORT")

    def test_list_pagination_and_no_secrets(self):
        ids = [self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
               for _ in range(2)]
        first = self.iam.list_access_keys(UserName=self.user, MaxItems=1)
        self.assertTrue(first["IsTruncated"])
        self.assertEqual(len(first["AccessKeyMetadata"]), 1)
        second = self.iam.list_access_keys(UserName=self.user, MaxItems=1, Marker=first["Marker"])
        self.assertFalse(second["IsTruncated"])
        self.assertNotIn("Marker", second)
        walked = [k["AccessKeyId"] for k in first["AccessKeyMetadata"] + second["AccessKeyMetadata"]]
        self.assertEqual(walked, ids)  # creation order
        pages = self.iam.get_paginator("list_access_keys").paginate(
            UserName=self.user, PaginationConfig={"PageSize": 1})
        metadata = [k for p in pages for k in p["AccessKeyMetadata"]]
        self.assertEqual([k["AccessKeyId"] for k in metadata], ids)
        self.assertTrue(all("SecretAccessKey" not in k for k in metadata))
        self.assertError("ValidationError", 400, "Invalid Marker.", self.iam.list_access_keys,
                         UserName=self.user, Marker="bm90LWEtbWFya2Vy")

    def test_rename_updates_key_metadata_as_recorded(self):
        # test_user_rename_updates_access_key_metadata
        key_id = self.iam.create_access_key(UserName=self.user)["AccessKey"]["AccessKeyId"]
        self.iam.update_user(UserName=self.user, NewUserName=self.user + "-2")
        try:
            listed = self.iam.list_access_keys(UserName=self.user + "-2")["AccessKeyMetadata"]
            self.assertEqual([(k["AccessKeyId"], k["UserName"]) for k in listed],
                             [(key_id, self.user + "-2")])
            self.assertEqual(self.iam.get_access_key_last_used(AccessKeyId=key_id)["UserName"],
                             self.user + "-2")
        finally:
            self.iam.update_user(UserName=self.user + "-2", NewUserName=self.user)

    def test_cli(self):
        cli = self.server.cli
        _, out, _ = cli("iam", "create-access-key", "--user-name", self.user)
        key_id = out["AccessKey"]["AccessKeyId"]
        self.assertRegex(key_id, KEY_ID)
        self.assertRegex(out["AccessKey"]["SecretAccessKey"], SECRET)
        cli("iam", "update-access-key", "--user-name", self.user, "--access-key-id", key_id,
            "--status", "Inactive")
        _, out, _ = cli("iam", "list-access-keys", "--user-name", self.user)
        self.assertEqual([(k["AccessKeyId"], k["Status"]) for k in out["AccessKeyMetadata"]],
                         [(key_id, "Inactive")])
        _, out, _ = cli("iam", "get-access-key-last-used", "--access-key-id", key_id)
        self.assertEqual(out, {"UserName": self.user,
                               "AccessKeyLastUsed": {"ServiceName": "N/A", "Region": "N/A"}})
        cli("iam", "delete-access-key", "--user-name", self.user, "--access-key-id", key_id)
        rc, _, err = cli("iam", "delete-access-key", "--user-name", self.user,
                         "--access-key-id", key_id, check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(NoSuchEntity) when calling the DeleteAccessKey operation: "
                      "The Access Key with id %s cannot be found." % key_id, err)


class LoginProfiles(ServerTestCase):
    """Runs without an account password policy: AWS's default rules apply."""

    def setUp(self):
        self.user = "login-%s" % self._testMethodName[-20:].replace("_", "-")
        self.iam.create_user(UserName=self.user)

    def tearDown(self):
        try:
            self.iam.delete_login_profile(UserName=self.user)
        except self.iam.exceptions.NoSuchEntityException:
            pass
        self.iam.delete_user(UserName=self.user)

    def test_lifecycle_as_recorded(self):
        # test_login_profile_lifecycle
        created = body(self.iam.create_login_profile(
            UserName=self.user, Password="TestPassword123!", PasswordResetRequired=False))
        profile = created["LoginProfile"]
        self.assertEqual(sorted(profile), ["CreateDate", "PasswordResetRequired", "UserName"])
        self.assertEqual((profile["UserName"], profile["PasswordResetRequired"]),
                         (self.user, False))
        self.assertEqual(body(self.iam.get_login_profile(UserName=self.user)), created)
        self.assertEqual(body(self.iam.update_login_profile(
            UserName=self.user, Password="NewPassword456!", PasswordResetRequired=True)), {})
        updated = body(self.iam.get_login_profile(UserName=self.user))
        self.assertEqual(updated, {"LoginProfile": dict(profile, PasswordResetRequired=True)})
        self.assertEqual(body(self.iam.delete_login_profile(UserName=self.user)), {})
        self.assertError("NoSuchEntity", 404,
                         "Login Profile for User %s cannot be found." % self.user,
                         self.iam.get_login_profile, UserName=self.user)

    def test_errors_as_recorded(self):
        # test_login_profile_errors
        self.assertError("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.",
                         self.iam.create_login_profile, UserName="nonexistent-user",
                         Password="TestPassword123!")
        self.iam.create_login_profile(UserName=self.user, Password="TestPassword123!",
                                      PasswordResetRequired=False)
        self.assertError("EntityAlreadyExists", 409,
                         "Login Profile for user %s already exists." % self.user,
                         self.iam.create_login_profile, UserName=self.user,
                         Password="AnotherPassword123!")
        self.iam.delete_login_profile(UserName=self.user)
        self.assertError("NoSuchEntity", 404,
                         "Login Profile for User %s cannot be found." % self.user,
                         self.iam.delete_login_profile, UserName=self.user)
        self.assertError("NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.",
                         self.iam.delete_login_profile, UserName="nonexistent-user")

    def test_more_errors(self):
        self.assertError("NoSuchEntity", 404,
                         "Login Profile for User %s cannot be found." % self.user,
                         self.iam.update_login_profile, UserName=self.user,
                         PasswordResetRequired=True)
        self.assertError("NoSuchEntity", 404, "The user with name ghost cannot be found.",
                         self.iam.get_login_profile, UserName="ghost")
        # Root must name the user (AWS would want an AssumeRoot session).
        for fn, kw in ((self.iam.create_login_profile, {"Password": "TestPassword123!"}),
                       (self.iam.get_login_profile, {}), (self.iam.delete_login_profile, {})):
            self.assertError("ValidationError", 400, NON_USER, fn, **kw)
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value null at 'password' failed to satisfy "
            "constraint: Member must not be null",
            self.raw_iam.create_login_profile, UserName=self.user)
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'password' failed to satisfy constraint: "
            "Member must have length less than or equal to 128",
            self.raw_iam.create_login_profile, UserName=self.user, Password="Aa1!" * 33)

    def test_default_password_rules(self):
        cases = [
            ("Abc1!", "Password should have a minimum length of 8"),
            ("abcdefg1", "Password should meet 1 more of the following requirements: Password "
                         "should have at least one uppercase letter, Password should have at "
                         "least one symbol"),
            ("abcdefgh", "Password should meet 2 more of the following requirements: Password "
                         "should have at least one uppercase letter, Password should have at "
                         "least one number, Password should have at least one symbol"),
        ]
        for password, message in cases:
            self.assertError("PasswordPolicyViolation", 400, message,
                             self.iam.create_login_profile, UserName=self.user, Password=password)
        self.assertError("NoSuchEntity", 404, None, self.iam.get_login_profile, UserName=self.user)
        self.iam.create_login_profile(UserName=self.user, Password="Abcdefg1")
        self.assertError("PasswordPolicyViolation", 400, cases[1][1],
                         self.iam.update_login_profile, UserName=self.user, Password="abcdefg1")
        # Only the reset flag: no password to check.
        self.iam.update_login_profile(UserName=self.user, PasswordResetRequired=True)
        self.assertTrue(self.iam.get_login_profile(UserName=self.user)["LoginProfile"]
                        ["PasswordResetRequired"])

    def test_change_password_needs_an_iam_user(self):
        self.iam.create_login_profile(UserName=self.user, Password="TestPassword123!")
        self.assertError("InvalidUserType", 400, None, self.iam.change_password,
                         OldPassword="TestPassword123!", NewPassword="NewPassword456!")
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value null at 'newPassword' failed to satisfy "
            "constraint: Member must not be null",
            self.raw_iam.change_password, OldPassword="TestPassword123!")

    def test_rename_keeps_the_profile_as_recorded(self):
        # test_user_rename_updates_login_profile
        self.iam.create_login_profile(UserName=self.user, Password="TestPassword123!")
        before = self.iam.get_login_profile(UserName=self.user)["LoginProfile"]
        self.iam.update_user(UserName=self.user, NewUserName=self.user + "-2")
        try:
            after = self.iam.get_login_profile(UserName=self.user + "-2")["LoginProfile"]
            self.assertEqual(after, dict(before, UserName=self.user + "-2"))
        finally:
            self.iam.update_user(UserName=self.user + "-2", NewUserName=self.user)

    def test_cli(self):
        cli = self.server.cli
        _, out, _ = cli("iam", "create-login-profile", "--user-name", self.user, "--password",
                        "TestPassword123!", "--password-reset-required")
        self.assertEqual(out["LoginProfile"]["UserName"], self.user)
        self.assertTrue(out["LoginProfile"]["PasswordResetRequired"])
        cli("iam", "update-login-profile", "--user-name", self.user,
            "--no-password-reset-required")
        _, out, _ = cli("iam", "get-login-profile", "--user-name", self.user)
        self.assertFalse(out["LoginProfile"]["PasswordResetRequired"])
        rc, _, err = cli("iam", "update-login-profile", "--user-name", self.user, "--password",
                         "short", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(PasswordPolicyViolation) when calling the UpdateLoginProfile operation: "
                      "Password should have a minimum length of 8", err)
        cli("iam", "delete-login-profile", "--user-name", self.user)


class PasswordPolicy(ServerTestCase):
    def tearDown(self):
        try:
            self.iam.delete_account_password_policy()
        except self.iam.exceptions.NoSuchEntityException:
            pass

    def test_defaults_as_recorded(self):
        # test_update_account_password_policy_defaults
        self.assertEqual(body(self.iam.update_account_password_policy()), {})
        self.assertEqual(body(self.iam.get_account_password_policy()), {"PasswordPolicy": {
            "AllowUsersToChangePassword": False, "ExpirePasswords": False,
            "MinimumPasswordLength": 6, "RequireLowercaseCharacters": False,
            "RequireNumbers": False, "RequireSymbols": False,
            "RequireUppercaseCharacters": False}})

    def test_custom_values_as_recorded(self):
        # test_update_account_password_policy_custom_values
        self.iam.update_account_password_policy(
            AllowUsersToChangePassword=True, HardExpiry=True, MaxPasswordAge=60,
            MinimumPasswordLength=10, PasswordReusePrevention=3, RequireLowercaseCharacters=True,
            RequireNumbers=True, RequireSymbols=True, RequireUppercaseCharacters=True)
        self.assertEqual(body(self.iam.get_account_password_policy()), {"PasswordPolicy": {
            "AllowUsersToChangePassword": True, "ExpirePasswords": True, "HardExpiry": True,
            "MaxPasswordAge": 60, "MinimumPasswordLength": 10, "PasswordReusePrevention": 3,
            "RequireLowercaseCharacters": True, "RequireNumbers": True, "RequireSymbols": True,
            "RequireUppercaseCharacters": True}})
        # A second update replaces the policy: omitted members go back to their defaults.
        self.iam.update_account_password_policy(RequireNumbers=True)
        policy = self.iam.get_account_password_policy()["PasswordPolicy"]
        self.assertEqual((policy["MinimumPasswordLength"], policy["RequireNumbers"],
                          policy["RequireSymbols"], policy["ExpirePasswords"]), (6, True, False, False))
        for absent in ("MaxPasswordAge", "PasswordReusePrevention", "HardExpiry"):
            self.assertNotIn(absent, policy)

    def test_validation_errors_as_recorded(self):
        # test_update_account_password_policy_validation_errors. AWS lists passwordReusePrevention
        # before maxPasswordAge; the model-driven decoder reports members in the model's order
        # (maxPasswordAge first), so the three messages are compared without their order.
        err = self.assertError("ValidationError", 400, None,
                               self.raw_iam.update_account_password_policy, MaxPasswordAge=1096,
                               MinimumPasswordLength=129, PasswordReusePrevention=25)
        message = err["Error"]["Message"]
        prefix = "3 validation errors detected: "
        self.assertTrue(message.startswith(prefix), message)
        self.assertEqual(sorted(message[len(prefix):].split("; ")), sorted([
            "Value at 'minimumPasswordLength' failed to satisfy constraint: Member must have "
            "value less than or equal to 128",
            "Value at 'passwordReusePrevention' failed to satisfy constraint: Member must have "
            "value less than or equal to 24",
            "Value at 'maxPasswordAge' failed to satisfy constraint: Member must have value less "
            "than or equal to 1095"]))
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value at 'minimumPasswordLength' failed to satisfy "
            "constraint: Member must have value greater than or equal to 6",
            self.raw_iam.update_account_password_policy, MinimumPasswordLength=5)
        self.assertError("NoSuchEntity", 404, None, self.iam.get_account_password_policy)

    def test_get_and_delete_not_found_as_recorded(self):
        # test_get_account_password_policy_not_found, test_delete_account_password_policy(_not_found)
        self.assertError("NoSuchEntity", 404,
                         "The Password Policy with domain name %s cannot be found." % ACCOUNT,
                         self.iam.get_account_password_policy)
        self.assertError("NoSuchEntity", 404,
                         "The account policy with name PasswordPolicy cannot be found.",
                         self.iam.delete_account_password_policy)
        self.iam.update_account_password_policy()
        self.assertTrue(self.iam.get_account_password_policy()["PasswordPolicy"])
        self.assertEqual(body(self.iam.delete_account_password_policy()), {})
        self.assertError("NoSuchEntity", 404,
                         "The Password Policy with domain name %s cannot be found." % ACCOUNT,
                         self.iam.get_account_password_policy)

    def test_policy_governs_new_passwords(self):
        self.iam.create_user(UserName="policed")
        try:
            self.iam.update_account_password_policy(MinimumPasswordLength=12, RequireNumbers=True)
            self.assertError("PasswordPolicyViolation", 400,
                             "Password should have a minimum length of 12",
                             self.iam.create_login_profile, UserName="policed",
                             Password="Abcdefg1!")
            self.assertError("PasswordPolicyViolation", 400,
                             "Password should have at least one number",
                             self.iam.create_login_profile, UserName="policed",
                             Password="abcdefghijkl")
            # A custom policy replaces AWS's defaults: no uppercase or symbol needed here.
            self.iam.create_login_profile(UserName="policed", Password="abcdefghijk1")
            self.iam.delete_login_profile(UserName="policed")
        finally:
            self.iam.delete_user(UserName="policed")

    def test_cli(self):
        cli = self.server.cli
        cli("iam", "update-account-password-policy", "--minimum-password-length", "14",
            "--require-symbols", "--max-password-age", "90", "--allow-users-to-change-password")
        _, out, _ = cli("iam", "get-account-password-policy")
        self.assertEqual(out["PasswordPolicy"], {
            "MinimumPasswordLength": 14, "RequireSymbols": True, "RequireNumbers": False,
            "RequireUppercaseCharacters": False, "RequireLowercaseCharacters": False,
            "AllowUsersToChangePassword": True, "ExpirePasswords": True, "MaxPasswordAge": 90})
        cli("iam", "delete-account-password-policy")
        rc, _, err = cli("iam", "get-account-password-policy", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("(NoSuchEntity) when calling the GetAccountPasswordPolicy operation: "
                      "The Password Policy with domain name %s cannot be found." % ACCOUNT, err)


class DeleteUserWithCredentials(ServerTestCase):
    def test_delete_user_waits_for_login_profile_and_keys(self):
        self.iam.create_user(UserName="credentialed")
        key_ids = [self.iam.create_access_key(UserName="credentialed")["AccessKey"]["AccessKeyId"]
                   for _ in range(2)]
        self.iam.create_login_profile(UserName="credentialed", Password="TestPassword123!")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete login profile first.",
                         self.iam.delete_user, UserName="credentialed")
        self.iam.delete_login_profile(UserName="credentialed")
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete access keys first.",
                         self.iam.delete_user, UserName="credentialed")
        self.iam.delete_access_key(UserName="credentialed", AccessKeyId=key_ids[0])
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete access keys first.",
                         self.iam.delete_user, UserName="credentialed")
        self.iam.delete_access_key(UserName="credentialed", AccessKeyId=key_ids[1])
        self.iam.delete_user(UserName="credentialed")
        self.assertError("NoSuchEntity", 404, None, self.iam.get_user, UserName="credentialed")
        # The keys went with their user's deletion path: their ids are unknown now.
        self.assertError("AccessDenied", 403, None, self.iam.get_access_key_last_used,
                         AccessKeyId=key_ids[0])


if __name__ == "__main__":
    unittest.main()
