"""SSH public keys, signing certificates and server certificates end to end with boto3 and the
AWS CLI, with key and certificate material made by ssh-keygen and openssl
(tests/data/keys_certs/)."""
import datetime
import os
import unittest

from harness import ROOT, ServerTestCase

ACCOUNT = "123456789012"
DATA = os.path.join(ROOT, "tests", "data", "keys_certs")


def data(name):
    with open(os.path.join(DATA, name)) as f:
        return f.read()


def leaf_not_after():
    text = data("leaf.enddate").strip()[len("notAfter="):]
    return datetime.datetime.strptime(text, "%b %d %H:%M:%S %Y GMT").replace(
        tzinfo=datetime.timezone.utc)


class SshKeys(ServerTestCase):
    def test_lifecycle(self):
        self.iam.create_user(UserName="ssh-user")
        key = self.iam.upload_ssh_public_key(UserName="ssh-user",
                                             SSHPublicKeyBody=data("rsa2048.pub"))["SSHPublicKey"]
        self.assertRegex(key["SSHPublicKeyId"], r"^APKA[A-Z0-9]{17}$")
        self.assertEqual(key["UserName"], "ssh-user")
        self.assertEqual(key["Status"], "Active")
        self.assertEqual(key["Fingerprint"], data("rsa2048.md5").strip())
        self.assertEqual(key["SSHPublicKeyBody"], data("rsa2048.pub"))
        self.assertIn("UploadDate", key)
        kid = key["SSHPublicKeyId"]

        got = self.iam.get_ssh_public_key(UserName="ssh-user", SSHPublicKeyId=kid,
                                          Encoding="SSH")["SSHPublicKey"]
        self.assertEqual(got, key)
        pem = self.iam.get_ssh_public_key(UserName="ssh-user", SSHPublicKeyId=kid,
                                          Encoding="PEM")["SSHPublicKey"]
        self.assertEqual(pem["SSHPublicKeyBody"], data("rsa2048.pem.pub"))

        listed = self.iam.list_ssh_public_keys(UserName="ssh-user")
        self.assertEqual(listed["SSHPublicKeys"], [{
            "UserName": "ssh-user", "SSHPublicKeyId": kid, "Status": "Active",
            "UploadDate": key["UploadDate"]}])
        self.iam.update_ssh_public_key(UserName="ssh-user", SSHPublicKeyId=kid, Status="Inactive")
        got = self.iam.get_ssh_public_key(UserName="ssh-user", SSHPublicKeyId=kid,
                                          Encoding="SSH")["SSHPublicKey"]
        self.assertEqual(got["Status"], "Inactive")

        self.assertError("DuplicateSSHPublicKey", 400,
                         "The SSH public key is already associated with the specified IAM user.",
                         self.iam.upload_ssh_public_key, UserName="ssh-user",
                         SSHPublicKeyBody=data("rsa2048.ssh2"))
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must remove referenced objects first.",
                         self.iam.delete_user, UserName="ssh-user")
        self.iam.delete_ssh_public_key(UserName="ssh-user", SSHPublicKeyId=kid)
        self.assertEqual(self.iam.list_ssh_public_keys(UserName="ssh-user")["SSHPublicKeys"], [])
        self.iam.delete_user(UserName="ssh-user")

    def test_errors(self):
        self.iam.create_user(UserName="ssh-errors")
        missing = "APKAXXXXXXXXXXXXXXXXX"
        message = "The Public Key with id %s cannot be found." % missing
        self.assertError("NoSuchEntity", 404, message, self.iam.get_ssh_public_key,
                         UserName="ssh-errors", SSHPublicKeyId=missing, Encoding="SSH")
        self.assertError("NoSuchEntity", 404, message, self.iam.update_ssh_public_key,
                         UserName="ssh-errors", SSHPublicKeyId=missing, Status="Active")
        self.assertError("NoSuchEntity", 404, message, self.iam.delete_ssh_public_key,
                         UserName="ssh-errors", SSHPublicKeyId=missing)
        unrecognized = "The public key encoding format is unsupported or unrecognized."
        for body in ("not a key", data("ed25519.pub"), data("ecdsa256.pub")):
            self.assertError("UnrecognizedPublicKeyEncoding", 400, unrecognized,
                             self.iam.upload_ssh_public_key, UserName="ssh-errors",
                             SSHPublicKeyBody=body)
        self.assertError("InvalidPublicKey", 400,
                         "The public key must be at least 2048 bits long.",
                         self.iam.upload_ssh_public_key, UserName="ssh-errors",
                         SSHPublicKeyBody=data("rsa1024.pub"))
        self.assertError("InvalidPublicKey", 400,
                         "The public key is malformed or otherwise invalid.",
                         self.iam.upload_ssh_public_key, UserName="ssh-errors",
                         SSHPublicKeyBody="ssh-rsa AAAA")
        self.assertError("NoSuchEntity", 404, "The user with name nobody cannot be found.",
                         self.iam.upload_ssh_public_key, UserName="nobody",
                         SSHPublicKeyBody=data("rsa2048.pub"))
        # PEM and SSH2 uploads are the same key as the one-line form.
        key = self.iam.upload_ssh_public_key(UserName="ssh-errors",
                                             SSHPublicKeyBody=data("rsa2048.pem.pub"))
        self.assertEqual(key["SSHPublicKey"]["Fingerprint"], data("rsa2048.md5").strip())
        second = self.iam.upload_ssh_public_key(UserName="ssh-errors",
                                                SSHPublicKeyBody=data("rsa2048b.pub"))
        listed = self.iam.list_ssh_public_keys(UserName="ssh-errors", MaxItems=1)
        self.assertTrue(listed["IsTruncated"])
        rest = self.iam.list_ssh_public_keys(UserName="ssh-errors", Marker=listed["Marker"])
        self.assertFalse(rest["IsTruncated"])
        self.assertEqual([k["SSHPublicKeyId"] for k in listed["SSHPublicKeys"] + rest["SSHPublicKeys"]],
                         [key["SSHPublicKey"]["SSHPublicKeyId"],
                          second["SSHPublicKey"]["SSHPublicKeyId"]])


class SigningCertificates(ServerTestCase):
    def test_lifecycle_and_recorded_errors(self):
        self.iam.create_user(UserName="signer")
        cert = self.iam.upload_signing_certificate(UserName="signer",
                                                   CertificateBody=data("leaf.pem"))["Certificate"]
        self.assertRegex(cert["CertificateId"], r"^[A-Z0-9]{28}$")
        self.assertEqual(cert["UserName"], "signer")
        self.assertEqual(cert["Status"], "Active")
        self.assertEqual(cert["CertificateBody"], data("leaf.pem"))
        cid = cert["CertificateId"]
        self.assertEqual(self.iam.list_signing_certificates(UserName="signer")["Certificates"],
                         [cert])
        self.iam.update_signing_certificate(UserName="signer", CertificateId=cid,
                                            Status="Inactive")
        listed = self.iam.list_signing_certificates(UserName="signer")["Certificates"]
        self.assertEqual(listed[0]["Status"], "Inactive")

        self.assertError("DuplicateCertificate", 409,
                         "The same certificate is associated with an IAM user in the account.",
                         self.iam.upload_signing_certificate, UserName="signer",
                         CertificateBody=data("leaf.pem"))
        self.assertError("MalformedCertificate", 400,
                         "Certificate invalid-certificate-body is malformed.",
                         self.iam.upload_signing_certificate, UserName="signer",
                         CertificateBody="invalid-certificate-body")
        self.iam.upload_signing_certificate(UserName="signer", CertificateBody=data("signing2.pem"))
        self.assertError("LimitExceeded", 409, "Cannot exceed quota for CertificatesPerUser: 2",
                         self.iam.upload_signing_certificate, UserName="signer",
                         CertificateBody=data("signing3.pem"))
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must delete signing certificates first.",
                         self.iam.delete_user, UserName="signer")

        for fn, kw in ((self.iam.upload_signing_certificate, {"CertificateBody": data("ca.pem")}),
                       (self.iam.list_signing_certificates, {}),
                       (self.iam.delete_signing_certificate, {"CertificateId": cid}),
                       (self.iam.update_signing_certificate,
                        {"CertificateId": cid, "Status": "Active"})):
            self.assertError("NoSuchEntity", 404,
                             "The user with name nonexistent-user cannot be found.",
                             fn, UserName="nonexistent-user", **kw)
        bogus = "NONEXISTENTCERTID12345678901"
        self.assertError("NoSuchEntity", 404, "The Certificate with id %s cannot be found." % bogus,
                         self.iam.update_signing_certificate, UserName="signer",
                         CertificateId=bogus, Status="Active")
        self.assertError("NoSuchEntity", 404, "The Certificate with id %s cannot be found." % bogus,
                         self.iam.delete_signing_certificate, UserName="signer",
                         CertificateId=bogus)
        for c in self.iam.list_signing_certificates(UserName="signer")["Certificates"]:
            self.iam.delete_signing_certificate(UserName="signer", CertificateId=c["CertificateId"])
        self.iam.delete_user(UserName="signer")


class ServerCertificates(ServerTestCase):
    def upload(self, name, **kw):
        args = dict(ServerCertificateName=name, CertificateBody=data("leaf.pem"),
                    PrivateKey=data("leaf.key"))
        args.update(kw)
        return self.iam.upload_server_certificate(**args)

    def test_lifecycle(self):
        out = self.upload("web", Path="/prod/", CertificateChain=data("ca.pem"),
                          Tags=[{"Key": "env", "Value": "prod"}])
        meta = out["ServerCertificateMetadata"]
        self.assertEqual(out["Tags"], [{"Key": "env", "Value": "prod"}])
        self.assertEqual(meta["Arn"], "arn:aws:iam::%s:server-certificate/prod/web" % ACCOUNT)
        self.assertEqual(meta["Path"], "/prod/")
        self.assertEqual(meta["ServerCertificateName"], "web")
        self.assertRegex(meta["ServerCertificateId"], r"^ASCA[A-Z0-9]{17}$")
        self.assertEqual(meta["Expiration"], leaf_not_after())
        self.assertIn("UploadDate", meta)

        got = self.iam.get_server_certificate(ServerCertificateName="web")["ServerCertificate"]
        self.assertEqual(got["ServerCertificateMetadata"], meta)
        self.assertEqual(got["CertificateBody"], data("leaf.pem"))
        self.assertEqual(got["CertificateChain"], data("ca.pem"))
        self.assertEqual(got["Tags"], [{"Key": "env", "Value": "prod"}])
        self.assertNotIn("PrivateKey", got)

        self.upload("plain")
        plain = self.iam.get_server_certificate(ServerCertificateName="plain")["ServerCertificate"]
        self.assertNotIn("CertificateChain", plain)
        self.assertEqual(plain["Tags"], [])  # recorded: AWS answers an empty list

        prod = self.iam.list_server_certificates(PathPrefix="/prod/")
        self.assertEqual(prod["ServerCertificateMetadataList"], [meta])
        every = self.iam.list_server_certificates(MaxItems=1)
        self.assertTrue(every["IsTruncated"])
        rest = self.iam.list_server_certificates(Marker=every["Marker"])
        names = [m["ServerCertificateName"] for m in
                 every["ServerCertificateMetadataList"] + rest["ServerCertificateMetadataList"]]
        self.assertEqual(sorted(names), ["plain", "web"])

        self.iam.update_server_certificate(ServerCertificateName="web",
                                           NewServerCertificateName="web2", NewPath="/staging/")
        moved = self.iam.get_server_certificate(ServerCertificateName="web2")["ServerCertificate"]
        self.assertEqual(moved["ServerCertificateMetadata"]["Arn"],
                         "arn:aws:iam::%s:server-certificate/staging/web2" % ACCOUNT)
        self.assertEqual(moved["ServerCertificateMetadata"]["ServerCertificateId"],
                         meta["ServerCertificateId"])
        self.assertError("EntityAlreadyExists", 409,
                         "The Server Certificate with name plain already exists.",
                         self.iam.update_server_certificate, ServerCertificateName="web2",
                         NewServerCertificateName="plain")

        self.iam.tag_server_certificate(ServerCertificateName="web2",
                                        Tags=[{"Key": "team", "Value": "x"}])
        self.iam.untag_server_certificate(ServerCertificateName="web2", TagKeys=["env"])
        self.assertEqual(self.iam.list_server_certificate_tags(ServerCertificateName="web2")["Tags"],
                         [{"Key": "team", "Value": "x"}])

        for name in ("web2", "plain"):
            self.iam.delete_server_certificate(ServerCertificateName=name)
        self.assertError("NoSuchEntity", 404, "The Server Certificate with name web2 cannot be found.",
                         self.iam.get_server_certificate, ServerCertificateName="web2")

    def test_errors(self):
        missing = "The Server Certificate with name nonexistent-certificate cannot be found."
        self.assertError("NoSuchEntity", 404, missing, self.iam.get_server_certificate,
                         ServerCertificateName="nonexistent-certificate")
        self.assertError("NoSuchEntity", 404, missing, self.iam.delete_server_certificate,
                         ServerCertificateName="nonexistent-certificate")
        self.upload("dup")
        self.assertError("EntityAlreadyExists", 409,
                         "The Server Certificate with name dup already exists.",
                         self.upload, "dup")
        self.assertError("KeyPairMismatch", 400,
                         "The public key certificate and the private key do not match.",
                         self.upload, "mismatch", PrivateKey=data("other.key"))
        self.assertError("MalformedCertificate", 400,
                         "Unable to parse certificate. Please ensure the certificate is in PEM "
                         "format.", self.upload, "bad-body", CertificateBody="garbage")
        self.assertError("MalformedCertificate", 400,
                         "Unable to parse private key. Please ensure the private key is in PEM "
                         "format.", self.upload, "bad-key", PrivateKey="garbage")
        self.assertError("MalformedCertificate", 400,
                         "Unable to parse certificate chain. Please ensure the certificate chain "
                         "is in PEM format.", self.upload, "bad-chain", CertificateChain="garbage")
        self.iam.delete_server_certificate(ServerCertificateName="dup")


class KeysCertsCli(ServerTestCase):
    def test_main_flow(self):
        self.server.cli("iam", "create-user", "--user-name", "cli-keys")
        _, out, _ = self.server.cli("iam", "upload-ssh-public-key", "--user-name", "cli-keys",
                                    "--ssh-public-key-body",
                                    "file://" + os.path.join(DATA, "rsa2048.pub"))
        kid = out["SSHPublicKey"]["SSHPublicKeyId"]
        _, out, _ = self.server.cli("iam", "list-ssh-public-keys", "--user-name", "cli-keys")
        self.assertEqual([k["SSHPublicKeyId"] for k in out["SSHPublicKeys"]], [kid])
        _, out, _ = self.server.cli("iam", "upload-server-certificate",
                                    "--server-certificate-name", "cli-cert",
                                    "--certificate-body", "file://" + os.path.join(DATA, "leaf.pem"),
                                    "--private-key", "file://" + os.path.join(DATA, "leaf.key"))
        self.assertEqual(out["ServerCertificateMetadata"]["ServerCertificateName"], "cli-cert")
        self.server.cli("iam", "delete-server-certificate", "--server-certificate-name", "cli-cert")
        self.server.cli("iam", "delete-ssh-public-key", "--user-name", "cli-keys",
                        "--ssh-public-key-id", kid)
        self.server.cli("iam", "delete-user", "--user-name", "cli-keys")


if __name__ == "__main__":
    unittest.main()
