"""Account-wide views end to end with boto3 and the AWS CLI: account aliases,
GetAccountSummary, the credential report and GetAccountAuthorizationDetails, with replays of
the real-AWS recordings of each (LocalStack snapshots, see snapshot_replay.py)."""
import base64
import csv
import io
import json
import re
import unittest
import urllib.parse
import urllib.request

from test_identity_providers import METADATA
from test_keys_certs import data
from test_mfa import now_step, totp
from harness import ServerTestCase
import snapshot_replay

ACCOUNT = "123456789012"
TRUST = {"Version": "2012-10-17",
         "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                        "Action": "sts:AssumeRole"}]}
# The documents of the recorded tests, written as those tests wrote them.
MOCK_POLICY = json.dumps({"Version": "2012-10-17",
                          "Statement": [{"Action": "s3:ListBucket", "Resource": "*",
                                         "Effect": "Allow"}]})
ASSUME_ROLE_POLICY = json.dumps(TRUST)
S3_FULL = "arn:aws:iam::aws:policy/AmazonS3FullAccess"
READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess"


def policy_arn(name, path="/"):
    return "arn:aws:iam::%s:policy%s%s" % (ACCOUNT, path, name)


def recorded(file, test):
    return snapshot_replay.load(file, test)


class AccountAliases(ServerTestCase):
    def test_one_alias_per_account_replaced_by_a_new_one(self):
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], [])
        self.iam.create_account_alias(AccountAlias="first-alias")
        got = self.iam.list_account_aliases()
        self.assertEqual(got["AccountAliases"], ["first-alias"])
        self.assertFalse(got["IsTruncated"])
        self.iam.create_account_alias(AccountAlias="second-alias")
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], ["second-alias"])
        self.assertError("EntityAlreadyExists", 409,
                         "The account alias second-alias already exists.",
                         self.iam.create_account_alias, AccountAlias="second-alias")
        self.assertError("NoSuchEntity", 404, "The account alias first-alias cannot be found.",
                         self.iam.delete_account_alias, AccountAlias="first-alias")
        self.iam.delete_account_alias(AccountAlias="second-alias")
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], [])
        self.assertError("NoSuchEntity", 404, "The account alias second-alias cannot be found.",
                         self.iam.delete_account_alias, AccountAlias="second-alias")

    def test_the_model_pattern_rejects_double_hyphens_upper_case_and_edges(self):
        for bad in ("my--alias", "MyAlias", "-alias", "alias-", "ab", "a" * 64, "my_alias"):
            err = self.assertError("ValidationError", 400, None, self.raw_iam.create_account_alias,
                                   AccountAlias=bad)
            self.assertIn("'accountAlias' failed to satisfy constraint", err["Error"]["Message"],
                          bad)
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], [])
        self.iam.create_account_alias(AccountAlias="a-b-c-1")
        self.iam.delete_account_alias(AccountAlias="a-b-c-1")

    @unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
    def test_recorded_lifecycle(self):
        rec = snapshot_replay.Recording(self, "test_iam_account_aliases.snapshot.json",
                                        "test_account_alias_lifecycle")
        rec.match("create-alias", self.iam.create_account_alias(AccountAlias="rec-alias-1"))
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], ["rec-alias-1"])
        rec.match("delete-alias", self.iam.delete_account_alias(AccountAlias="rec-alias-1"))
        self.assertEqual(self.iam.list_account_aliases()["AccountAliases"], [])

    def test_cli_flow(self):
        self.server.cli("iam", "create-account-alias", "--account-alias", "cli-alias")
        _, out, _ = self.server.cli("iam", "list-account-aliases")
        self.assertEqual(out["AccountAliases"], ["cli-alias"])
        rc, _, err = self.server.cli("iam", "create-account-alias", "--account-alias",
                                     "cli-alias", check=False)
        self.assertNotEqual(rc, 0)
        self.assertIn("EntityAlreadyExists", err)
        self.server.cli("iam", "delete-account-alias", "--account-alias", "cli-alias")
        _, out, _ = self.server.cli("iam", "list-account-aliases")
        self.assertEqual(out["AccountAliases"], [])


class AccountSummary(ServerTestCase):
    # The counts AWS's recording varies (test_iam_account_summary, ACCOUNT_SPECIFIC keys).
    COUNTS = ["AccountPasswordPresent", "Groups", "InstanceProfiles", "MFADevices",
              "MFADevicesInUse", "Policies", "PolicyVersionsInUse", "Providers", "Roles",
              "ServerCertificates", "Users"]

    @unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
    def test_every_recorded_key_and_quota(self):
        summary = self.iam.get_account_summary()["SummaryMap"]
        expected = recorded("test_iam_account_summary.snapshot.json",
                            "test_get_account_summary_format")["transformed-summary"]["SummaryMap"]
        self.assertEqual(set(summary), set(expected))
        for key, value in expected.items():
            if key in self.COUNTS:
                self.assertIsInstance(summary[key], int, key)
            else:
                self.assertEqual(summary[key], value, key)

    @unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
    def test_recorded_deltas_for_the_kinds_iamlite_has(self):
        before = self.iam.get_account_summary()["SummaryMap"]
        self.iam.create_user(UserName="sum-user")
        self.iam.create_group(GroupName="sum-group")
        self.iam.create_role(RoleName="sum-role", AssumeRolePolicyDocument=ASSUME_ROLE_POLICY)
        arn = self.iam.create_policy(PolicyName="sum-policy",
                                     PolicyDocument=MOCK_POLICY)["Policy"]["Arn"]
        self.iam.attach_role_policy(RoleName="sum-role", PolicyArn=arn)
        self.iam.create_instance_profile(InstanceProfileName="sum-ip")
        # The recording also made an MFA device in use, two identity providers (OIDC and SAML)
        # and a server certificate.
        device = self.iam.create_virtual_mfa_device(
            VirtualMFADeviceName="sum-mfa")["VirtualMFADevice"]
        seed, step = device["Base32StringSeed"].decode(), now_step()
        self.iam.enable_mfa_device(UserName="sum-user", SerialNumber=device["SerialNumber"],
                                   AuthenticationCode1=totp(seed, step - 1),
                                   AuthenticationCode2=totp(seed, step))
        self.iam.create_open_id_connect_provider(Url="https://sum.example.com",
                                                 ClientIDList=["sum"])
        self.iam.create_saml_provider(Name="sum-saml", SAMLMetadataDocument=METADATA)
        self.iam.upload_server_certificate(ServerCertificateName="sum-cert",
                                           CertificateBody=data("leaf.pem"),
                                           PrivateKey=data("leaf.key"))
        after = self.iam.get_account_summary()["SummaryMap"]
        deltas = recorded("test_iam_account_summary.snapshot.json",
                          "test_get_account_summary_with_resources")["resource-deltas"]
        for key in self.COUNTS:
            self.assertEqual(after[key] - before[key], deltas[key], key)

    def test_policy_versions_in_use_follow_attachments(self):
        arn = self.iam.create_policy(PolicyName="piu-policy",
                                     PolicyDocument=MOCK_POLICY)["Policy"]["Arn"]
        self.iam.create_user(UserName="piu-user")
        base = self.iam.get_account_summary()["SummaryMap"]["PolicyVersionsInUse"]
        self.iam.create_policy_version(PolicyArn=arn, PolicyDocument=MOCK_POLICY)
        self.assertEqual(self.iam.get_account_summary()["SummaryMap"]["PolicyVersionsInUse"], base)
        self.iam.attach_user_policy(UserName="piu-user", PolicyArn=arn)
        self.iam.attach_user_policy(UserName="piu-user", PolicyArn=READ_ONLY)
        self.assertEqual(self.iam.get_account_summary()["SummaryMap"]["PolicyVersionsInUse"],
                         base + 2)
        self.iam.detach_user_policy(UserName="piu-user", PolicyArn=READ_ONLY)
        self.iam.detach_user_policy(UserName="piu-user", PolicyArn=arn)
        self.assertEqual(self.iam.get_account_summary()["SummaryMap"]["PolicyVersionsInUse"], base)

    def test_cli_flow(self):
        _, before, _ = self.server.cli("iam", "get-account-summary")
        self.server.cli("iam", "create-user", "--user-name", "sum-cli-user")
        _, after, _ = self.server.cli("iam", "get-account-summary")
        self.assertEqual(after["SummaryMap"]["Users"], before["SummaryMap"]["Users"] + 1)
        self.assertEqual(after["SummaryMap"]["UsersQuota"], 5000)


TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$")


class CredentialReport(ServerTestCase):
    """One server for the whole sequence: a report, once generated, stays for four hours."""

    def report_rows(self, content):
        reader = csv.DictReader(io.StringIO(content.decode("utf-8")))
        return reader.fieldnames, list(reader)

    @unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
    def test_recorded_sequence(self):
        file = "test_iam_credential_report.snapshot.json"
        rec = snapshot_replay.Recording(self, file, "test_get_credential_report_before_generated")
        rec.error("get-credential-report-without-generate-error", self.iam.get_credential_report)

        rec = snapshot_replay.Recording(self, file, "test_credential_report")
        user = rec.name("cred-report-user", "<user-name:1>")
        created = self.iam.create_user(UserName=user)
        rec.name(created["User"]["UserId"], "<user-id:1>")
        rec.match("create-user", created)
        rec.match("create-login-profile", self.iam.create_login_profile(
            UserName=user, Password="TestPassword123!", PasswordResetRequired=False))
        for n in (1, 2):
            key = self.iam.create_access_key(UserName=user)
            rec.name(key["AccessKey"]["AccessKeyId"], "<access-key-id:%d>" % n)
            rec.name(key["AccessKey"]["SecretAccessKey"], "<secret-access-key:%d>" % n)
            rec.match("create-access-key-%d" % n, key)
            if n == 1:
                self.iam.update_access_key(UserName=user, Status="Inactive",
                                           AccessKeyId=key["AccessKey"]["AccessKeyId"])
        rec.match("initial-generate-response", self.iam.generate_credential_report())
        rec.match("generate-completed-response", self.iam.generate_credential_report())

        report = self.iam.get_credential_report()
        self.assertEqual(report["ReportFormat"], "text/csv")
        self.assertIn("GeneratedTime", report)
        fields, rows = self.report_rows(report["Content"])
        rows = [{k: ("<timestamp:2022-07-13T13:48:01Z>" if TIMESTAMP.match(v) else v)
                 for k, v in row.items()} for row in rows if row["user"] == user]
        got = {"field_names": fields, "users": rows}
        self.assertEqual(rec._normalise(got), rec.recorded["credentials-report"])

        # Still recent: the same report, with the root's row first.
        again = self.iam.get_credential_report()
        self.assertEqual(again["GeneratedTime"], report["GeneratedTime"])
        _, rows = self.report_rows(again["Content"])
        self.assertEqual(rows[0]["user"], "<root_account>")
        self.assertEqual(rows[0]["arn"], "arn:aws:iam::%s:root" % ACCOUNT)

        # The AWS CLI gives the Content base64-encoded, as on the wire.
        self.server.cli("iam", "generate-credential-report")
        _, out, _ = self.server.cli("iam", "get-credential-report")
        csv_text = base64.b64decode(out["Content"]).decode("utf-8")
        self.assertTrue(csv_text.startswith("user,arn,user_creation_time,password_enabled,"))
        self.assertIn("\n%s,arn:aws:iam::%s:user/%s," % (user, ACCOUNT, user), csv_text)


@unittest.skipUnless(snapshot_replay.available(), "real-AWS recordings not present")
class AuthorizationDetailsRecorded(ServerTestCase):
    """The eight recorded tests of test_iam_account_authorization_details.py replayed: the same
    calls, the result gathered with boto3's paginator and cut down to the test's own entities
    as the recording was."""
    FILE = "test_iam_account_authorization_details.snapshot.json"

    def recording(self, test):
        return snapshot_replay.Recording(self, self.FILE, "TestGetAccountAuthorizationDetails::"
                                         + test)

    def details(self, **kw):
        return self.iam.get_paginator("get_account_authorization_details").paginate(
            **kw).build_full_result()

    def create_user(self, rec, name, placeholder="<user-name:1>", id_placeholder="<user-id:1>"):
        rec.name(name, placeholder)
        resp = self.iam.create_user(UserName=name)
        rec.name(resp["User"]["UserId"], id_placeholder)
        return resp

    def create_group(self, rec, name):
        rec.name(name, "<group-name:1>")
        resp = self.iam.create_group(GroupName=name)
        rec.name(resp["Group"]["GroupId"], "<group-id:1>")
        return resp

    def create_role(self, rec, name, **kw):
        rec.name(name, "<role-name:1>")
        return self.iam.create_role(RoleName=name, AssumeRolePolicyDocument=ASSUME_ROLE_POLICY,
                                    **kw)

    def create_policy(self, rec, name, placeholder="<policy-name:1>"):
        rec.name(name, placeholder)
        return self.iam.create_policy(PolicyName=name, PolicyDocument=MOCK_POLICY)

    @staticmethod
    def only(result, key, name_key, name):
        result[key] = [e for e in result[key] if e[name_key] == name]

    def test_filter_role(self):
        rec = self.recording("test_get_account_authorization_details_filter_role")
        policy = self.create_policy(rec, "adr-policy")
        rec.match("create-policy", policy)
        rec.match("create-role", self.create_role(rec, "adr-role", Path="/my-path/",
                                                  Description="testing role"))
        rec.name("adr-inline", "<policy-name:2>")
        self.iam.put_role_policy(RoleName="adr-role", PolicyName="adr-inline",
                                 PolicyDocument=MOCK_POLICY)
        self.iam.attach_role_policy(RoleName="adr-role", PolicyArn=policy["Policy"]["Arn"])
        self.iam.tag_role(RoleName="adr-role", Tags=[
            {"Key": "somekey", "Value": "somevalue"},
            {"Key": "someotherkey", "Value": "someothervalue"}])
        rec.name("adr-profile", "<instance-profile-name:1>")
        rec.match("create-instance-profile",
                  self.iam.create_instance_profile(InstanceProfileName="adr-profile"))
        self.iam.add_role_to_instance_profile(InstanceProfileName="adr-profile",
                                              RoleName="adr-role")
        result = self.details(Filter=["Role"])
        self.only(result, "RoleDetailList", "RoleName", "adr-role")
        rec.match("role-filter-result", result)

    def test_filter_user(self):
        rec = self.recording("test_get_account_authorization_details_filter_user")
        rec.match("create-user", self.create_user(rec, "adu-user"))
        rec.match("create-group", self.create_group(rec, "adu-group"))
        policy = self.create_policy(rec, "adu-policy")
        rec.match("create-policy", policy)
        rec.name("adu-inline", "<policy-name:2>")
        self.iam.put_user_policy(UserName="adu-user", PolicyName="adu-inline",
                                 PolicyDocument=MOCK_POLICY)
        self.iam.attach_user_policy(UserName="adu-user", PolicyArn=policy["Policy"]["Arn"])
        self.iam.add_user_to_group(GroupName="adu-group", UserName="adu-user")
        self.iam.tag_user(UserName="adu-user", Tags=[
            {"Key": "somekey", "Value": "somevalue"},
            {"Key": "someotherkey", "Value": "someothervalue"}])
        result = self.details(Filter=["User"])
        self.only(result, "UserDetailList", "UserName", "adu-user")
        rec.match("user-filter-result", result)

    def test_filter_group(self):
        rec = self.recording("test_get_account_authorization_details_filter_group")
        rec.match("create-group", self.create_group(rec, "adg-group"))
        policy = self.create_policy(rec, "adg-policy")
        rec.match("create-policy", policy)
        rec.name("adg-inline", "<policy-name:2>")
        self.iam.put_group_policy(GroupName="adg-group", PolicyName="adg-inline",
                                  PolicyDocument=MOCK_POLICY)
        self.iam.attach_group_policy(GroupName="adg-group", PolicyArn=policy["Policy"]["Arn"])
        result = self.details(Filter=["Group"])
        self.only(result, "GroupDetailList", "GroupName", "adg-group")
        rec.match("group-filter-result", result)

    def test_filter_local_managed_policy(self):
        rec = self.recording("test_get_account_authorization_details_filter_local_managed_policy")
        rec.match("create-policy", self.create_policy(rec, "adl-policy"))
        result = self.details(Filter=["LocalManagedPolicy"])
        self.only(result, "Policies", "PolicyName", "adl-policy")
        rec.match("local-managed-policy-filter-result", result)

    def test_filter_aws_managed_policy(self):
        # The recording's account had AmazonS3FullAccess attached twice.
        self.iam.create_user(UserName="ada-user")
        self.iam.create_role(RoleName="ada-role", AssumeRolePolicyDocument=ASSUME_ROLE_POLICY)
        self.iam.attach_user_policy(UserName="ada-user", PolicyArn=S3_FULL)
        self.iam.attach_role_policy(RoleName="ada-role", PolicyArn=S3_FULL)
        rec = self.recording("test_get_account_authorization_details_filter_aws_managed_policy")
        rec.name("AmazonS3FullAccess", "<policy-name:1>")
        result = self.details(Filter=["AWSManagedPolicy"])
        self.only(result, "Policies", "PolicyName", "AmazonS3FullAccess")
        # iamlite's catalogue holds only each policy's default version (see
        # data/aws-managed-policies.json): compare the default one and everything else.
        expected = rec.recorded["aws-managed-policy-result"]
        recorded_versions = expected["Policies"][0]["PolicyVersionList"]
        got = rec._normalise(result)
        versions = got["Policies"][0].pop("PolicyVersionList")
        self.assertEqual(versions, [v for v in recorded_versions if v["IsDefaultVersion"]])
        trimmed = json.loads(json.dumps(expected))
        del trimmed["Policies"][0]["PolicyVersionList"]
        self.assertEqual(got, trimmed)
        self.iam.detach_user_policy(UserName="ada-user", PolicyArn=S3_FULL)
        self.iam.detach_role_policy(RoleName="ada-role", PolicyArn=S3_FULL)

    def test_no_filter(self):
        rec = self.recording("test_get_account_authorization_details_no_filter")
        rec.match("create-user", self.create_user(rec, "adn-user"))
        rec.match("create-group", self.create_group(rec, "adn-group"))
        rec.match("create-role", self.create_role(rec, "adn-role"))
        rec.match("create-policy", self.create_policy(rec, "adn-policy"))
        result = self.details()
        self.only(result, "UserDetailList", "UserName", "adn-user")
        self.only(result, "GroupDetailList", "GroupName", "adn-group")
        self.only(result, "RoleDetailList", "RoleName", "adn-role")
        self.only(result, "Policies", "PolicyName", "adn-policy")
        rec.match("no-filter-result", result)

    def test_with_inline_policies(self):
        rec = self.recording("test_get_account_authorization_details_with_inline_policies")
        rec.match("create-user", self.create_user(rec, "adi-user"))
        rec.match("create-group", self.create_group(rec, "adi-group"))
        rec.match("create-role", self.create_role(rec, "adi-role"))
        # Placeholders are numbered in the order the names appear in the sorted capture.
        for name, n in (("adi-group-inline", 1), ("adi-role-inline", 2), ("adi-user-inline", 3)):
            rec.name(name, "<policy-name:%d>" % n)
        self.iam.put_user_policy(UserName="adi-user", PolicyName="adi-user-inline",
                                 PolicyDocument=MOCK_POLICY)
        self.iam.put_group_policy(GroupName="adi-group", PolicyName="adi-group-inline",
                                  PolicyDocument=MOCK_POLICY)
        self.iam.put_role_policy(RoleName="adi-role", PolicyName="adi-role-inline",
                                 PolicyDocument=MOCK_POLICY)
        result = self.details()
        self.only(result, "UserDetailList", "UserName", "adi-user")
        self.only(result, "GroupDetailList", "GroupName", "adi-group")
        self.only(result, "RoleDetailList", "RoleName", "adi-role")
        result["Policies"] = []
        rec.match("inline-policies-result", result)

    def test_with_tags(self):
        rec = self.recording("test_get_account_authorization_details_with_tags")
        rec.match("create-user", self.create_user(rec, "adt-user"))
        rec.match("create-role", self.create_role(rec, "adt-role"))
        tags = [{"Key": "environment", "Value": "test"}, {"Key": "team", "Value": "platform"}]
        self.iam.tag_user(UserName="adt-user", Tags=tags)
        self.iam.tag_role(RoleName="adt-role", Tags=tags)
        result = self.details()
        self.only(result, "UserDetailList", "UserName", "adt-user")
        self.only(result, "RoleDetailList", "RoleName", "adt-role")
        result["GroupDetailList"] = []
        result["Policies"] = []
        rec.match("tags-result", result)


class AuthorizationDetailsEmpty(ServerTestCase):
    def test_empty_account_has_four_empty_lists(self):
        for kw in ({}, {"Filter": ["Group"]}, {"Filter": ["AWSManagedPolicy"]}):
            got = self.iam.get_account_authorization_details(**kw)
            self.assertEqual(got["UserDetailList"], [], kw)
            self.assertEqual(got["GroupDetailList"], [], kw)
            self.assertEqual(got["RoleDetailList"], [], kw)
            self.assertEqual(got["Policies"], [], kw)  # no AWS managed policy is attached
            self.assertFalse(got["IsTruncated"], kw)
            self.assertNotIn("Marker", got, kw)


class AuthorizationDetails(ServerTestCase):
    def test_boundaries_descriptions_and_versions(self):
        boundary = self.iam.create_policy(PolicyName="bd-boundary",
                                          PolicyDocument=MOCK_POLICY)["Policy"]["Arn"]
        described = self.iam.create_policy(PolicyName="bd-described", PolicyDocument=MOCK_POLICY,
                                           Description="kept out of the listing")["Policy"]["Arn"]
        doc2 = json.dumps({"Version": "2012-10-17",
                           "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
        self.iam.create_policy_version(PolicyArn=described, PolicyDocument=doc2, SetAsDefault=True)
        self.iam.create_user(UserName="bd-user", PermissionsBoundary=boundary)
        self.iam.create_role(RoleName="bd-role", AssumeRolePolicyDocument=ASSUME_ROLE_POLICY,
                             PermissionsBoundary=boundary, Description="not in RoleDetail")
        got = self.iam.get_account_authorization_details()
        user = [u for u in got["UserDetailList"] if u["UserName"] == "bd-user"][0]
        self.assertEqual(user["PermissionsBoundary"], {"PermissionsBoundaryType": "Policy",
                                                       "PermissionsBoundaryArn": boundary})
        self.assertNotIn("UserPolicyList", user)
        role = [r for r in got["RoleDetailList"] if r["RoleName"] == "bd-role"][0]
        self.assertEqual(role["PermissionsBoundary"]["PermissionsBoundaryArn"], boundary)
        self.assertNotIn("Description", role)
        self.assertNotIn("MaxSessionDuration", role)
        self.assertEqual(role["RoleLastUsed"], {})
        self.assertEqual(role["AssumeRolePolicyDocument"], TRUST)
        policies = {p["PolicyName"]: p for p in got["Policies"]}
        self.assertEqual(policies["bd-boundary"]["PermissionsBoundaryUsageCount"], 2)
        self.assertEqual(policies["bd-boundary"]["AttachmentCount"], 0)
        p = policies["bd-described"]
        self.assertNotIn("Description", p)
        self.assertNotIn("Tags", p)
        self.assertEqual(p["DefaultVersionId"], "v2")
        self.assertEqual([(v["VersionId"], v["IsDefaultVersion"], v["Document"])
                          for v in p["PolicyVersionList"]],
                         [("v2", True, json.loads(doc2)), ("v1", False, json.loads(MOCK_POLICY))])

    def test_documents_are_url_encoded_on_the_wire(self):
        self.iam.create_user(UserName="wire-user")
        self.iam.put_user_policy(UserName="wire-user", PolicyName="wire-inline",
                                 PolicyDocument=MOCK_POLICY)
        body = urllib.parse.urlencode({"Action": "GetAccountAuthorizationDetails",
                                       "Version": "2010-05-08", "Filter.member.1": "User"})
        request = urllib.request.Request(self.server.endpoint + "/", data=body.encode())
        with urllib.request.urlopen(request) as resp:
            xml = resp.read().decode()
        self.assertIn("<PolicyName>wire-inline</PolicyName><PolicyDocument>%7B%22Version%22%3A",
                      xml)
        self.assertIn("%22Resource%22%3A%20%22%2A%22", xml)

    def test_pagination_walks_every_entity_once_across_kinds(self):
        names = {"UserDetailList": ("UserName", ["pg-u%d" % i for i in range(3)]),
                 "GroupDetailList": ("GroupName", ["pg-g%d" % i for i in range(2)]),
                 "RoleDetailList": ("RoleName", ["pg-r%d" % i for i in range(2)]),
                 "Policies": ("PolicyName", ["pg-p%d" % i for i in range(3)])}
        for n in names["UserDetailList"][1]:
            self.iam.create_user(UserName=n, Path="/pg/")
        for n in names["GroupDetailList"][1]:
            self.iam.create_group(GroupName=n)
        for n in names["RoleDetailList"][1]:
            self.iam.create_role(RoleName=n, AssumeRolePolicyDocument=ASSUME_ROLE_POLICY)
        for n in names["Policies"][1]:
            self.iam.create_policy(PolicyName=n, PolicyDocument=MOCK_POLICY)
        everything = self.iam.get_account_authorization_details()
        total = sum(len(everything[k]) for k in names)
        seen = {k: [] for k in names}
        marker, calls = None, 0
        while True:
            kw = {"MaxItems": 3}
            if marker:
                kw["Marker"] = marker
            page = self.iam.get_account_authorization_details(**kw)
            calls += 1
            self.assertLessEqual(sum(len(page[k]) for k in names), 3)
            for key, (name_key, _) in names.items():
                seen[key] += [e[name_key] for e in page[key]]
            if not page["IsTruncated"]:
                self.assertNotIn("Marker", page)
                break
            marker = page["Marker"]
            self.assertLess(calls, 50)
        self.assertEqual(calls, (total + 2) // 3)
        for key, (name_key, wanted) in names.items():
            self.assertEqual(seen[key], [e[name_key] for e in everything[key]], key)
            self.assertEqual(len(seen[key]), len(set(seen[key])), key)
            for n in wanted:
                self.assertIn(n, seen[key])

    def test_bad_marker_and_max_items(self):
        self.assertError("ValidationError", 400, "Invalid Marker.",
                         self.iam.get_account_authorization_details, Marker="bogus")
        err = self.assertError("ValidationError", 400, None,
                               self.raw_iam.get_account_authorization_details, MaxItems=0)
        self.assertIn("'maxItems' failed to satisfy constraint", err["Error"]["Message"])
        err = self.assertError("ValidationError", 400, None,
                               self.raw_iam.get_account_authorization_details, Filter=["Users"])
        self.assertIn("Member must satisfy enum value set", err["Error"]["Message"])

    def test_cli_flow(self):
        self.server.cli("iam", "create-user", "--user-name", "cli-ad-user")
        self.server.cli("iam", "create-group", "--group-name", "cli-ad-group")
        self.server.cli("iam", "add-user-to-group", "--user-name", "cli-ad-user",
                        "--group-name", "cli-ad-group")
        self.server.cli("iam", "attach-group-policy", "--group-name", "cli-ad-group",
                        "--policy-arn", READ_ONLY)
        # --page-size 1 makes the CLI walk the markers page by page.
        _, out, _ = self.server.cli("iam", "get-account-authorization-details", "--filter",
                                    "User", "Group", "AWSManagedPolicy", "--page-size", "1")
        users = [u for u in out["UserDetailList"] if u["UserName"] == "cli-ad-user"]
        self.assertEqual(users[0]["GroupList"], ["cli-ad-group"])
        groups = [g for g in out["GroupDetailList"] if g["GroupName"] == "cli-ad-group"]
        self.assertEqual(groups[0]["AttachedManagedPolicies"],
                         [{"PolicyName": "ReadOnlyAccess", "PolicyArn": READ_ONLY}])
        self.assertIn(READ_ONLY, [p["Arn"] for p in out["Policies"]])
        self.assertEqual(out["RoleDetailList"], [])


if __name__ == "__main__":
    unittest.main()
