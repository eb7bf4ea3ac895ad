"""Authentication end to end: who the caller is (friendly mode) and SigV4 checking
(--verify-signatures), with boto3, the AWS CLI and raw botocore-signed requests, using access
keys created through iamlite.
"""
import datetime
import json
import os
import subprocess
import time
import unittest
import urllib.error
import urllib.request
from unittest import mock

import boto3
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.config import Config
from botocore.credentials import Credentials
from botocore.exceptions import ClientError

from harness import Server, ServerTestCase

ACCOUNT = "123456789012"
MISMATCH = ("The request signature we calculated does not match the signature you provided. "
            "Check your AWS Secret Access Key and signing method. Consult the service "
            "documentation for details.")
INVALID_TOKEN = "The security token included in the request is invalid."


def client(server, service, key, secret, region="us-east-1"):
    return boto3.client(service, endpoint_url=server.endpoint, region_name=region,
                        aws_access_key_id=key, aws_secret_access_key=secret,
                        config=Config(retries={"max_attempts": 1}))


def raw(server, service, body, key, secret, region="us-east-1", sent_body=None, when=None,
        sign=True):
    """POSTs a form body signed by botocore's SigV4Auth (as of `when`); `sent_body` replaces the
    body after signing. Returns (status, response text)."""
    req = AWSRequest(method="POST", url=server.endpoint + "/", data=body,
                     headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"})
    if sign:
        auth = botocore.auth.SigV4Auth(Credentials(key, secret), service, region)
        if when is None:
            auth.add_auth(req)
        else:
            with mock.patch("botocore.auth.get_current_datetime", return_value=when):
                auth.add_auth(req)
    headers = dict(req.headers.items())
    data = (sent_body if sent_body is not None else body).encode()
    http = urllib.request.Request(server.endpoint + "/", data=data, headers=headers,
                                  method="POST")
    try:
        with urllib.request.urlopen(http, timeout=30) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def cli(server, key, secret, *args):
    env = dict(os.environ, AWS_ACCESS_KEY_ID=key, AWS_SECRET_ACCESS_KEY=secret,
               AWS_DEFAULT_REGION="us-east-1", AWS_PAGER="", AWS_CONFIG_FILE="/dev/null",
               AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    p = subprocess.run(["aws", "--endpoint-url", server.endpoint, "--output", "json", *args],
                       capture_output=True, text=True, env=env, timeout=120)
    return p.returncode, (json.loads(p.stdout) if p.stdout.strip() else None), p.stderr


class AuthCase(ServerTestCase):
    def user_with_key(self, name, iam=None):
        iam = iam or self.iam
        iam.create_user(UserName=name)
        key = iam.create_access_key(UserName=name)["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def assertClientError(self, code, status, message, fn, *args, **kwargs):
        with self.assertRaises(ClientError) as cm:
            fn(*args, **kwargs)
        err = cm.exception.response
        self.assertEqual(err["Error"]["Code"], code)
        self.assertEqual(err["ResponseMetadata"]["HTTPStatusCode"], status)
        if message is not None:
            self.assertEqual(err["Error"]["Message"], message)
        return err


class FriendlyMode(AuthCase):
    def test_any_credentials_are_the_default_root(self):
        for key, secret in (("AKIAIOSFODNN7EXAMPLE", "x"), ("anything", "at-all"), ("test", "no")):
            ident = client(self.server, "sts", key, secret).get_caller_identity()
            self.assertEqual(ident["Arn"], "arn:aws:iam::%s:root" % ACCOUNT)
            self.assertEqual(ident["Account"], ACCOUNT)
            self.assertEqual(ident["UserId"], ACCOUNT)
        status, text = raw(self.server, "iam", "Action=ListUsers&Version=2010-05-08", "", "",
                           sign=False)
        self.assertEqual(status, 200, text)

    def test_created_key_is_that_user(self):
        key, secret = self.user_with_key("auth-alice")
        self.iam.update_user(UserName="auth-alice", NewPath="/team/")
        user_id = self.iam.get_user(UserName="auth-alice")["User"]["UserId"]
        ident = client(self.server, "sts", key, secret).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:user/team/auth-alice" % ACCOUNT)
        self.assertEqual(ident["UserId"], user_id)
        self.assertTrue(user_id.startswith("AIDA"))
        self.assertEqual(ident["Account"], ACCOUNT)
        me = client(self.server, "iam", key, secret).get_user()["User"]
        self.assertEqual(me["UserName"], "auth-alice")
        self.assertEqual(me["Arn"], ident["Arn"])
        # The AWS CLI's whoami.
        rc, out, err = cli(self.server, key, secret, "sts", "get-caller-identity")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["Arn"], ident["Arn"])
        # The log line names the caller; no secret in the log.
        deadline = time.time() + 5
        while time.time() < deadline and not any(ident["Arn"] in l for l in self.server.log_lines):
            time.sleep(0.05)
        self.assertTrue(any(" GetCallerIdentity %s 200 " % ident["Arn"] in l
                            for l in self.server.log_lines), self.server.log_lines[-5:])
        self.assertFalse(any(secret in l for l in self.server.log_lines))

    def test_last_used_after_sts_and_iam_calls(self):
        key, secret = self.user_with_key("auth-bob")
        last = self.iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        self.assertEqual(last, {"ServiceName": "N/A", "Region": "N/A"})
        client(self.server, "sts", key, secret, region="eu-west-2").get_caller_identity()
        last = self.iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        self.assertEqual(last["ServiceName"], "sts")
        self.assertEqual(last["Region"], "eu-west-2")
        self.assertIsInstance(last["LastUsedDate"], datetime.datetime)
        client(self.server, "iam", key, secret).list_users()
        last = self.iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        self.assertEqual(last["ServiceName"], "iam")
        self.assertEqual(last["Region"], "us-east-1")

    def test_twelve_digit_key_selects_that_account(self):
        other = client(self.server, "iam", "210987654321", "whatever")
        ident = client(self.server, "sts", "210987654321", "x").get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::210987654321:root")
        self.assertEqual(ident["Account"], "210987654321")
        key, secret = self.user_with_key("auth-dan", iam=other)
        ident = client(self.server, "sts", key, secret).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::210987654321:user/auth-dan")
        self.assertClientError("NoSuchEntity", 404, None, self.iam.get_user, UserName="auth-dan")

    def test_deactivated_key_falls_back_to_root(self):
        key, secret = self.user_with_key("auth-carol")
        self.iam.update_access_key(UserName="auth-carol", AccessKeyId=key, Status="Inactive")
        ident = client(self.server, "sts", key, secret).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:root" % ACCOUNT)


class VerifyMode(AuthCase):
    server_args = ("--verify-signatures",)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.iam = client(cls.server, "iam", "test", "test")  # the root key bootstraps

    def test_root_key_bootstraps(self):
        ident = client(self.server, "sts", "test", "test").get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:root" % ACCOUNT)
        rc, out, err = cli(self.server, "test", "test", "sts", "get-caller-identity")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["Account"], ACCOUNT)

    def test_created_user_key_works(self):
        key, secret = self.user_with_key("v-alice")
        ident = client(self.server, "sts", key, secret).get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::%s:user/v-alice" % ACCOUNT)
        self.assertEqual(client(self.server, "iam", key, secret).get_user()["User"]["UserName"],
                         "v-alice")
        last = self.iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        self.assertEqual(last["ServiceName"], "iam")
        rc, out, err = cli(self.server, key, secret, "sts", "get-caller-identity")
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["Arn"], ident["Arn"])

    def test_wrong_secret(self):
        key, _ = self.user_with_key("v-bob")
        self.assertClientError("SignatureDoesNotMatch", 403, MISMATCH,
                               client(self.server, "iam", key, "wrong-secret").list_users)
        self.assertClientError("SignatureDoesNotMatch", 403, MISMATCH,
                               client(self.server, "sts", "test", "wrong").get_caller_identity)
        rc, _, err = cli(self.server, key, "wrong-secret", "sts", "get-caller-identity")
        self.assertNotEqual(rc, 0)
        self.assertIn("SignatureDoesNotMatch", err)
        # Failed requests record no use.
        last = self.iam.get_access_key_last_used(AccessKeyId=key)["AccessKeyLastUsed"]
        self.assertEqual(last["ServiceName"], "N/A")

    def test_unknown_key(self):
        self.assertClientError("InvalidClientTokenId", 403, INVALID_TOKEN,
                               client(self.server, "sts", "AKIAIOSFODNN7EXAMPLE",
                                      "x").get_caller_identity)
        self.assertClientError("InvalidClientTokenId", 403, INVALID_TOKEN,
                               client(self.server, "iam", "AKIAIOSFODNN7EXAMPLE", "x").list_users)

    def test_deactivated_key(self):
        key, secret = self.user_with_key("v-carol")
        self.iam.update_access_key(UserName="v-carol", AccessKeyId=key, Status="Inactive")
        self.assertClientError("InvalidClientTokenId", 403, INVALID_TOKEN,
                               client(self.server, "sts", key, secret).get_caller_identity)
        self.iam.update_access_key(UserName="v-carol", AccessKeyId=key, Status="Active")
        client(self.server, "sts", key, secret).get_caller_identity()

    def test_unsigned(self):
        status, text = raw(self.server, "sts", "Action=GetCallerIdentity&Version=2011-06-15",
                           "", "", sign=False)
        self.assertEqual(status, 403)
        self.assertIn("<Code>MissingAuthenticationToken</Code>", text)
        self.assertIn("<Message>Request is missing Authentication Token</Message>", text)
        self.assertIn("https://sts.amazonaws.com/doc/2011-06-15/", text)

    def test_tampered_body(self):
        key, secret = self.user_with_key("v-dan")
        body = "Action=ListUsers&Version=2010-05-08"
        status, text = raw(self.server, "iam", body, key, secret)
        self.assertEqual(status, 200, text)
        status, text = raw(self.server, "iam", body, key, secret,
                           sent_body="Action=DeleteUser&Version=2010-05-08&UserName=v-dan")
        self.assertEqual(status, 403)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", text)
        self.assertIn("https://iam.amazonaws.com/doc/2010-05-08/", text)
        self.iam.get_user(UserName="v-dan")  # still there

    def test_signed_twenty_minutes_ago(self):
        key, secret = self.user_with_key("v-erin")
        then = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None) - \
            datetime.timedelta(minutes=20)
        status, text = raw(self.server, "sts", "Action=GetCallerIdentity&Version=2011-06-15",
                           key, secret, when=then)
        self.assertEqual(status, 403, text)
        self.assertIn("<Code>SignatureDoesNotMatch</Code>", text)
        self.assertIn("<Message>Signature expired: %s is now earlier than "
                      % then.strftime("%Y%m%dT%H%M%SZ"), text)
        # Ten minutes ago is within AWS's 15-minute window.
        recent = then + datetime.timedelta(minutes=10)
        status, text = raw(self.server, "sts", "Action=GetCallerIdentity&Version=2011-06-15",
                           key, secret, when=recent)
        self.assertEqual(status, 200, text)

    def test_twelve_digit_key_with_root_secret(self):
        ident = client(self.server, "sts", "210987654321", "test").get_caller_identity()
        self.assertEqual(ident["Arn"], "arn:aws:iam::210987654321:root")
        self.assertClientError("SignatureDoesNotMatch", 403, MISMATCH,
                               client(self.server, "sts", "210987654321",
                                      "wrong").get_caller_identity)


class ConfiguredRootCredentials(unittest.TestCase):
    def test_env_and_flags(self):
        env = {"IAMLITE_VERIFY_SIGNATURES": "1", "IAMLITE_ROOT_ACCESS_KEY": "bootkey",
               "IAMLITE_ROOT_SECRET_KEY": "bootsecret"}
        with mock.patch.dict(os.environ, env):
            server = Server()
        try:
            ident = client(server, "sts", "bootkey", "bootsecret").get_caller_identity()
            self.assertEqual(ident["Arn"], "arn:aws:iam::%s:root" % ACCOUNT)
            with self.assertRaises(ClientError) as cm:
                client(server, "sts", "test", "test").get_caller_identity()
            self.assertEqual(cm.exception.response["Error"]["Code"], "InvalidClientTokenId")
        finally:
            self.assertEqual(server.stop(), 0)
        server = Server("--verify-signatures", "--root-access-key", "flagkey",
                        "--root-secret-key", "flagsecret")
        try:
            ident = client(server, "sts", "flagkey", "flagsecret").get_caller_identity()
            self.assertEqual(ident["Account"], ACCOUNT)
        finally:
            self.assertEqual(server.stop(), 0)


if __name__ == "__main__":
    unittest.main()
