"""STS end to end with boto3 and the AWS CLI: AssumeRole and the temporary credentials it
issues, GetSessionToken, GetFederationToken, web identity and SAML federation, the
informational calls, cross-account cases, and session keys under --verify-signatures."""
import base64
import json
import os
import subprocess
import time
import unittest

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

from test_mfa import now_step, totp
from harness import CREDS, ServerTestCase

ACCOUNT = "123456789012"
OTHER = "210987654321"


def trust(principal, actions=("sts:AssumeRole",), condition=None):
    stmt = {"Effect": "Allow", "Principal": principal, "Action": list(actions)}
    if condition:
        stmt["Condition"] = condition
    return json.dumps({"Version": "2012-10-17", "Statement": [stmt]})


def client(server, service, key, secret, token=None):
    return boto3.client(service, endpoint_url=server.endpoint, region_name="us-east-1",
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        aws_session_token=token,
                        config=Config(retries={"max_attempts": 1}))


def session_client(server, service, creds):
    return client(server, service, creds["AccessKeyId"], creds["SecretAccessKey"],
                  creds["SessionToken"])


def cli_with(server, creds, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=creds["AccessKeyId"],
               AWS_SECRET_ACCESS_KEY=creds["SecretAccessKey"],
               AWS_SESSION_TOKEN=creds["SessionToken"], AWS_DEFAULT_REGION="us-east-1",
               AWS_PAGER="", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    p = subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", *args],
                       capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None), p.stderr


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt(claims):
    return "%s.%s.%s" % (b64url(b'{"alg":"RS256","typ":"JWT"}'),
                         b64url(json.dumps(claims).encode()), b64url(b"sig"))


METADATA = ('<?xml version="1.0"?><md:EntityDescriptor '
            'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'entityID="https://idp.example.com/saml"><md:IDPSSODescriptor '
            'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
            'Location="https://idp.example.com/sso"/></md:IDPSSODescriptor>'
            '</md:EntityDescriptor>')
METADATA = METADATA + "<!--" + "x" * 1000 + "-->"  # the model's minimum length is 1000


def assertion(issuer, role_pair, not_after="2099-01-01T00:00:00Z"):
    xml = ('<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
           'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>%s</saml:Issuer>'
           '<saml:Assertion><saml:Issuer>%s</saml:Issuer><saml:Subject>'
           '<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:transient">alice'
           '</saml:NameID><saml:SubjectConfirmation><saml:SubjectConfirmationData '
           'NotOnOrAfter="%s" Recipient="https://signin.aws.amazon.com/saml"/>'
           '</saml:SubjectConfirmation></saml:Subject><saml:AttributeStatement>'
           '<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role">'
           '<saml:AttributeValue>%s</saml:AttributeValue></saml:Attribute>'
           '<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName">'
           '<saml:AttributeValue>alice</saml:AttributeValue></saml:Attribute>'
           '</saml:AttributeStatement></saml:Assertion></samlp:Response>'
           % (issuer, issuer, not_after, role_pair))
    return base64.b64encode(xml.encode()).decode()


class StsBoto3(ServerTestCase):
    def make_role(self, name, doc, iam=None, **kw):
        (iam or self.iam).create_role(RoleName=name, AssumeRolePolicyDocument=doc, **kw)
        self.addCleanup(lambda: (iam or self.iam).delete_role(RoleName=name))
        return "arn:aws:iam::%s:role/%s" % (ACCOUNT if iam is None else OTHER, name)

    def test_assume_role_then_call_with_the_session(self):
        arn = self.make_role("sts-app", trust({"AWS": ACCOUNT}))
        out = self.sts.assume_role(RoleArn=arn, RoleSessionName="deploy")
        creds = out["Credentials"]
        self.assertRegex(creds["AccessKeyId"], r"^ASIA[A-Z0-9]{16}$")
        self.assertEqual(len(creds["SecretAccessKey"]), 40)
        self.assertTrue(creds["SessionToken"])
        self.assertGreater(creds["Expiration"].timestamp(), time.time() + 3500)
        self.assertEqual(out["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::%s:assumed-role/sts-app/deploy" % ACCOUNT)
        role_id = self.iam.get_role(RoleName="sts-app")["Role"]["RoleId"]
        self.assertEqual(out["AssumedRoleUser"]["AssumedRoleId"], role_id + ":deploy")
        self.assertNotIn("PackedPolicySize", out)
        ident = session_client(self.server, "sts", creds).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:sts::%s:assumed-role/sts-app/deploy" % ACCOUNT)
        self.assertEqual(ident["UserId"], role_id + ":deploy")
        self.assertEqual(ident["Account"], ACCOUNT)
        # And with the AWS CLI.
        rc, got, err = cli_with(self.server, creds, "sts", "get-caller-identity")
        self.assertEqual(rc, 0, err)
        self.assertEqual(got["Arn"], ident["Arn"])
        # The session acts in IAM as well (without --enforce, everything is allowed).
        session_client(self.server, "iam", creds).list_roles()

    def test_assume_role_with_the_cli(self):
        arn = self.make_role("sts-cli", trust({"AWS": ACCOUNT}))
        rc, out, err = self.server.cli("sts", "assume-role", "--role-arn", arn,
                                       "--role-session-name", "cli", "--duration-seconds", "900")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::%s:assumed-role/sts-cli/cli" % ACCOUNT)
        self.assertTrue(out["Credentials"]["AccessKeyId"].startswith("ASIA"))

    def test_trust_policy_decides(self):
        arn = self.make_role("sts-ext", trust({"AWS": ACCOUNT}, condition={
            "StringEquals": {"sts:ExternalId": "secret-handshake"}}))
        msg = ("User: arn:aws:iam::%s:root is not authorized to perform: sts:AssumeRole on "
               "resource: %s" % (ACCOUNT, arn))
        self.assertError("AccessDenied", 403, msg, self.sts.assume_role, RoleArn=arn,
                         RoleSessionName="s1")
        self.assertError("AccessDenied", 403, msg, self.sts.assume_role, RoleArn=arn,
                         RoleSessionName="s1", ExternalId="wrong-id")
        self.sts.assume_role(RoleArn=arn, RoleSessionName="s1", ExternalId="secret-handshake")
        ghost = "arn:aws:iam::%s:role/no-such-role" % ACCOUNT
        self.assertError("AccessDenied", 403, None, self.sts.assume_role, RoleArn=ghost,
                         RoleSessionName="s1")

    def test_invalid_parameters_recorded_from_aws(self):
        for arn in ["nothing-valid-in-here", "arn::b:::something/test-role",
                    "arn:a::::something/test-role", "arn:a:::something/test-role",
                    "arn:a:a::aaaaaaaaaa:"]:
            self.assertError("ValidationError", 400, "%s is invalid" % arn,
                             self.sts.assume_role, RoleArn=arn, RoleSessionName="s1")
        arn = self.make_role("sts-val", trust({"AWS": ACCOUNT}))
        self.assertError(
            "ValidationError", 400,
            "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to "
            "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
            self.sts.assume_role, RoleArn=arn, RoleSessionName="Session1:2")

    def test_duration_limits(self):
        arn = self.make_role("sts-dur", trust({"AWS": ACCOUNT}), MaxSessionDuration=7200)
        self.assertError(
            "ValidationError", 400,
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
            self.sts.assume_role, RoleArn=arn, RoleSessionName="s1", DurationSeconds=7201)
        creds = self.sts.assume_role(RoleArn=arn, RoleSessionName="s1",
                                     DurationSeconds=7200)["Credentials"]
        self.assertGreater(creds["Expiration"].timestamp(), time.time() + 7100)
        chained = session_client(self.server, "sts", creds)
        self.assertError(
            "ValidationError", 400,
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assuming "
            "other roles.",
            chained.assume_role, RoleArn=arn, RoleSessionName="s2", DurationSeconds=3601)
        out = chained.assume_role(RoleArn=arn, RoleSessionName="s2")
        self.assertEqual(out["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::%s:assumed-role/sts-dur/s2" % ACCOUNT)

    def test_session_tags_recorded_messages(self):
        arn = self.make_role("sts-tags", trust({"AWS": ACCOUNT},
                                               ("sts:AssumeRole", "sts:TagSession")))
        self.assertError("InvalidParameterValue", 400,
                         "The specified transitive tag key must be included in the requested "
                         "tags.",
                         self.sts.assume_role, RoleArn=arn, RoleSessionName="s1",
                         Tags=[{"Key": "a", "Value": "1"}], TransitiveTagKeys=["b"])
        self.assertError("InvalidParameterValue", 400,
                         "Duplicate tag keys found. Please note that Tag keys are case "
                         "insensitive.",
                         self.sts.assume_role, RoleArn=arn, RoleSessionName="s1",
                         Tags=[{"Key": "a", "Value": "1"}, {"Key": "A", "Value": "2"}])
        out = self.sts.assume_role(RoleArn=arn, RoleSessionName="s1",
                                   Tags=[{"Key": "project", "Value": "x"}],
                                   TransitiveTagKeys=["project"])
        self.assertIn("PackedPolicySize", out)
        chained = session_client(self.server, "sts", out["Credentials"])
        self.assertError("InvalidParameterValue", 400,
                         "One of the specified transitive tag keys can't be set because it "
                         "conflicts with a transitive tag key from the calling session.",
                         chained.assume_role, RoleArn=arn, RoleSessionName="s2",
                         Tags=[{"Key": "PROJECT", "Value": "y"}])
        # Without sts:TagSession in the trust policy, tags are refused.
        plain = self.make_role("sts-notag", trust({"AWS": ACCOUNT}))
        self.assertError("AccessDenied", 403, None, self.sts.assume_role, RoleArn=plain,
                         RoleSessionName="s1", Tags=[{"Key": "a", "Value": "1"}])

    def test_session_policies(self):
        arn = self.make_role("sts-pol", trust({"AWS": ACCOUNT}))
        policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})
        out = self.sts.assume_role(RoleArn=arn, RoleSessionName="s1", Policy=policy,
                                   PolicyArns=[{"arn": "arn:aws:iam::aws:policy/ReadOnlyAccess"}])
        self.assertGreater(out["PackedPolicySize"], 0)
        self.assertLessEqual(out["PackedPolicySize"], 100)
        self.assertError("MalformedPolicyDocument", 400, None, self.sts.assume_role,
                         RoleArn=arn, RoleSessionName="s1", Policy="{not json")
        big = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:GetObject",
             "Resource": "arn:aws:s3:::bucket-%d/*" % i} for i in range(60)]})
        self.assertError("PackedPolicyTooLarge", 400, None, self.sts.assume_role,
                         RoleArn=arn, RoleSessionName="s1", Policy=big)

    def test_get_session_token(self):
        creds = self.sts.get_session_token()["Credentials"]
        self.assertTrue(creds["AccessKeyId"].startswith("ASIA"))
        # The root's sessions last at most one hour.
        self.assertLess(creds["Expiration"].timestamp(), time.time() + 3700)
        ident = session_client(self.server, "sts", creds).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:root" % ACCOUNT)
        self.assertError("AccessDenied", 403,
                         "Cannot call GetSessionToken with session credentials",
                         session_client(self.server, "sts", creds).get_session_token)
        # An IAM user's session is that user, with MFA when SerialNumber/TokenCode came along.
        self.iam.create_user(UserName="sts-mfa-user")
        key = self.iam.create_access_key(UserName="sts-mfa-user")["AccessKey"]
        self.addCleanup(self.iam.delete_user, UserName="sts-mfa-user")
        self.addCleanup(self.iam.delete_access_key, UserName="sts-mfa-user",
                        AccessKeyId=key["AccessKeyId"])
        user_sts = client(self.server, "sts", key["AccessKeyId"], key["SecretAccessKey"])
        # Its virtual MFA device, enabled with two consecutive codes.
        device = self.iam.create_virtual_mfa_device(
            VirtualMFADeviceName="sts-mfa-user")["VirtualMFADevice"]
        serial, seed, step = device["SerialNumber"], device["Base32StringSeed"].decode(), now_step()
        self.iam.enable_mfa_device(UserName="sts-mfa-user", SerialNumber=serial,
                                   AuthenticationCode1=totp(seed, step - 1),
                                   AuthenticationCode2=totp(seed, step))
        self.addCleanup(self.iam.deactivate_mfa_device, UserName="sts-mfa-user",
                        SerialNumber=serial)
        wrong = "000000" if totp(seed, step) != "000000" else "111111"
        self.assertError("AccessDenied", 403,
                         "MultiFactorAuthentication failed with invalid MFA one time pass code.",
                         user_sts.get_session_token, SerialNumber=serial, TokenCode=wrong)
        self.assertError("AccessDenied", 403,
                         "MultiFactorAuthentication failed, unable to validate MFA code.  Please "
                         "verify your MFA serial number is valid and associated with this user.",
                         user_sts.get_session_token,
                         SerialNumber="arn:aws:iam::%s:mfa/nobody" % ACCOUNT,
                         TokenCode=totp(seed, step))
        creds = user_sts.get_session_token(
            DurationSeconds=900, SerialNumber=serial, TokenCode=totp(seed, now_step()))["Credentials"]
        ident = session_client(self.server, "sts", creds).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:user/sts-mfa-user" % ACCOUNT)
        self.assertTrue(ident["UserId"].startswith("AIDA"))

    def test_get_federation_token(self):
        out = self.sts.get_federation_token(Name="bob")
        self.assertEqual(out["FederatedUser"]["Arn"],
                         "arn:aws:sts::%s:federated-user/bob" % ACCOUNT)
        self.assertEqual(out["FederatedUser"]["FederatedUserId"], "%s:bob" % ACCOUNT)
        self.assertEqual(out["PackedPolicySize"], 0)
        ident = session_client(self.server, "sts", out["Credentials"]).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:sts::%s:federated-user/bob" % ACCOUNT)
        self.assertEqual(ident["UserId"], "%s:bob" % ACCOUNT)
        long_policy = json.dumps({"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"],
             "Resource": "arn:aws:s3:::my-example-bucket-with-long-name/folder-name-%d/*" % i}
            for i in range(30)]})
        err = self.assertError("ValidationError", 400, None, self.sts.get_federation_token,
                               Name="bob", Policy=long_policy)
        self.assertIn("Member must have length less than or equal to 2048",
                      err["Error"]["Message"])

    def test_web_identity(self):
        provider = self.iam.create_open_id_connect_provider(
            Url="https://token.sts-e2e.example.com", ClientIDList=["sts.amazonaws.com"],
            ThumbprintList=["a" * 40])["OpenIDConnectProviderArn"]
        self.addCleanup(self.iam.delete_open_id_connect_provider,
                        OpenIDConnectProviderArn=provider)
        arn = self.make_role("sts-oidc", trust(
            {"Federated": provider}, ("sts:AssumeRoleWithWebIdentity",),
            {"StringEquals": {"token.sts-e2e.example.com:aud": "sts.amazonaws.com"},
             "StringLike": {"token.sts-e2e.example.com:sub": "repo:me/*"}}))
        claims = {"iss": "https://token.sts-e2e.example.com", "aud": "sts.amazonaws.com",
                  "sub": "repo:me/app", "exp": int(time.time()) + 600}
        out = self.sts.assume_role_with_web_identity(RoleArn=arn, RoleSessionName="gh",
                                                     WebIdentityToken=jwt(claims))
        self.assertEqual(out["SubjectFromWebIdentityToken"], "repo:me/app")
        self.assertEqual(out["Audience"], "sts.amazonaws.com")
        self.assertEqual(out["Provider"], "https://token.sts-e2e.example.com")
        ident = session_client(self.server, "sts", out["Credentials"]).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:sts::%s:assumed-role/sts-oidc/gh" % ACCOUNT)
        self.assertError("AccessDenied", 403,
                         "Not authorized to perform sts:AssumeRoleWithWebIdentity",
                         self.sts.assume_role_with_web_identity, RoleArn=arn,
                         RoleSessionName="gh", WebIdentityToken=jwt(dict(claims, sub="repo:x/y")))
        self.assertError("InvalidIdentityToken", 400, "Incorrect token audience",
                         self.sts.assume_role_with_web_identity, RoleArn=arn,
                         RoleSessionName="gh", WebIdentityToken=jwt(dict(claims, aud="other")))
        self.assertError("InvalidIdentityToken", 400,
                         "No OpenIDConnect provider found in your account for "
                         "https://elsewhere.example.com",
                         self.sts.assume_role_with_web_identity, RoleArn=arn,
                         RoleSessionName="gh",
                         WebIdentityToken=jwt(dict(claims, iss="https://elsewhere.example.com")))
        self.assertError("ExpiredTokenException", 400, None,
                         self.sts.assume_role_with_web_identity, RoleArn=arn,
                         RoleSessionName="gh",
                         WebIdentityToken=jwt(dict(claims, exp=int(time.time()) - 60)))

    def test_saml(self):
        provider = self.iam.create_saml_provider(Name="sts-e2e-idp",
                                                 SAMLMetadataDocument=METADATA)["SAMLProviderArn"]
        self.addCleanup(self.iam.delete_saml_provider, SAMLProviderArn=provider)
        arn = self.make_role("sts-saml", trust(
            {"Federated": provider}, ("sts:AssumeRoleWithSAML",),
            {"StringEquals": {"SAML:aud": "https://signin.aws.amazon.com/saml"}}))
        out = self.sts.assume_role_with_saml(
            RoleArn=arn, PrincipalArn=provider,
            SAMLAssertion=assertion("https://idp.example.com/saml", arn + "," + provider))
        self.assertEqual(out["Subject"], "alice")
        self.assertEqual(out["SubjectType"], "transient")
        self.assertEqual(out["Issuer"], "https://idp.example.com/saml")
        self.assertEqual(out["Audience"], "https://signin.aws.amazon.com/saml")
        self.assertTrue(out["NameQualifier"])
        self.assertEqual(out["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::%s:assumed-role/sts-saml/alice" % ACCOUNT)
        self.assertError("InvalidIdentityToken", 400, "Issuer not present in specified provider",
                         self.sts.assume_role_with_saml, RoleArn=arn, PrincipalArn=provider,
                         SAMLAssertion=assertion("https://evil.example.com",
                                                 arn + "," + provider))
        self.assertError("AccessDenied", 403, "Not authorized to perform sts:AssumeRoleWithSAML",
                         self.sts.assume_role_with_saml, RoleArn=arn, PrincipalArn=provider,
                         SAMLAssertion=assertion("https://idp.example.com/saml",
                                                 "arn:aws:iam::%s:role/x,%s" % (ACCOUNT, provider)))

    def test_access_key_info_and_authorization_messages(self):
        # The model wants 16+ characters: a 12-digit key id is refused before core sees it.
        raw = self.server.client("sts", validate=False)
        self.assertError("ValidationError", 400, None, raw.get_access_key_info, AccessKeyId=OTHER)
        self.iam.create_user(UserName="sts-info")
        key = self.iam.create_access_key(UserName="sts-info")["AccessKey"]["AccessKeyId"]
        self.addCleanup(self.iam.delete_user, UserName="sts-info")
        self.addCleanup(self.iam.delete_access_key, UserName="sts-info", AccessKeyId=key)
        other_iam = client(self.server, "iam", OTHER, "x")
        self.assertEqual(self.sts.get_access_key_info(AccessKeyId=key)["Account"], ACCOUNT)
        other_creds = client(self.server, "sts", OTHER, "x").get_session_token()["Credentials"]
        self.assertEqual(
            self.sts.get_access_key_info(AccessKeyId=other_creds["AccessKeyId"])["Account"], OTHER)
        self.assertIsNotNone(other_iam)
        self.assertError("InvalidAuthorizationMessageException", 400, None,
                         self.sts.decode_authorization_message, EncodedMessage="not-a-message")

    def test_features_iamlite_does_not_emulate(self):
        self.assertError("AccessDenied", 403, None, self.sts.assume_root,
                         TargetPrincipal=OTHER,
                         TaskPolicyArn={"arn": "arn:aws:iam::aws:policy/root-task/"
                                               "IAMAuditRootUserCredentials"})


class StsCrossAccount(ServerTestCase):
    """Keys of account 123456789012 assume roles of account 210987654321."""

    def test_cross_account(self):
        other = client(self.server, "iam", OTHER, "x")  # the root of the other account
        doc = trust({"AWS": "arn:aws:iam::%s:root" % ACCOUNT})
        other.create_role(RoleName="shared", AssumeRolePolicyDocument=doc)
        other.create_role(RoleName="closed", AssumeRolePolicyDocument=trust({"AWS": OTHER}))
        shared = "arn:aws:iam::%s:role/shared" % OTHER
        closed = "arn:aws:iam::%s:role/closed" % OTHER
        # The root of A: the trust policy suffices.
        creds = self.sts.assume_role(RoleArn=shared, RoleSessionName="x1")["Credentials"]
        ident = session_client(self.server, "sts", creds).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:sts::%s:assumed-role/shared/x1" % OTHER)
        self.assertEqual(ident["Account"], OTHER)
        self.assertError("AccessDenied", 403, None, self.sts.assume_role, RoleArn=closed,
                         RoleSessionName="x1")
        # An IAM user of A needs its own permission as well.
        self.iam.create_user(UserName="xacct")
        key = self.iam.create_access_key(UserName="xacct")["AccessKey"]
        user_sts = client(self.server, "sts", key["AccessKeyId"], key["SecretAccessKey"])
        self.assertError("AccessDenied", 403,
                         "User: arn:aws:iam::%s:user/xacct is not authorized to perform: "
                         "sts:AssumeRole on resource: %s" % (ACCOUNT, shared),
                         user_sts.assume_role, RoleArn=shared, RoleSessionName="x1")
        self.iam.put_user_policy(UserName="xacct", PolicyName="assume", PolicyDocument=json.dumps({
            "Version": "2012-10-17", "Statement": [
                {"Effect": "Allow", "Action": "sts:AssumeRole", "Resource": shared}]}))
        out = user_sts.assume_role(RoleArn=shared, RoleSessionName="y1")
        self.assertEqual(out["AssumedRoleUser"]["Arn"],
                         "arn:aws:sts::%s:assumed-role/shared/y1" % OTHER)
        # The session works in the other account's IAM.
        roles = session_client(self.server, "iam", out["Credentials"]).list_roles()["Roles"]
        self.assertIn("shared", [r["RoleName"] for r in roles])


class StsVerifySignatures(ServerTestCase):
    server_args = ("--verify-signatures",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.iam = client(cls.server, "iam", "test", "test")
        cls.sts = client(cls.server, "sts", "test", "test")

    def test_session_keys_are_verified(self):
        self.iam.create_role(RoleName="v-app", AssumeRolePolicyDocument=trust({"AWS": ACCOUNT}))
        arn = "arn:aws:iam::%s:role/v-app" % ACCOUNT
        creds = self.sts.assume_role(RoleArn=arn, RoleSessionName="v1")["Credentials"]
        ident = session_client(self.server, "sts", creds).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:sts::%s:assumed-role/v-app/v1" % ACCOUNT)
        rc, out, err = cli_with(self.server, creds, "sts", "get-caller-identity")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["Arn"], ident["Arn"])
        wrong = client(self.server, "sts", creds["AccessKeyId"], "wrong-secret",
                       creds["SessionToken"])
        self.assertError("SignatureDoesNotMatch", 403, None, wrong.get_caller_identity)
        no_token = client(self.server, "sts", creds["AccessKeyId"], creds["SecretAccessKey"])
        self.assertError("InvalidClientTokenId", 403,
                         "The security token included in the request is invalid.",
                         no_token.get_caller_identity)
        bad = dict(creds, SessionToken=creds["SessionToken"] + "x")
        rc, _, err = cli_with(self.server, bad, "sts", "get-caller-identity")
        self.assertNotEqual(rc, 0)
        self.assertIn("InvalidClientTokenId", err)


if __name__ == "__main__":
    unittest.main()
