"""Service-specific credentials end to end with boto3 and the AWS CLI."""
import unittest

from harness import ServerTestCase

NO_SERVICE = "No such service %s is supported for Service Specific Credentials"


class ServiceCredentials(ServerTestCase):
    def setUp(self):
        self.user = "ssc-" + self.id().rsplit(".", 1)[1][:40]
        self.iam.create_user(UserName=self.user)

    def test_lifecycle_codecommit_and_cassandra(self):
        for service in ("codecommit.amazonaws.com", "cassandra.amazonaws.com"):
            created = self.iam.create_service_specific_credential(
                UserName=self.user, ServiceName=service)["ServiceSpecificCredential"]
            cid = created["ServiceSpecificCredentialId"]
            self.assertEqual(created["ServiceName"], service)
            self.assertEqual(created["ServiceUserName"], self.user + "-at-123456789012")
            self.assertEqual(created["Status"], "Active")
            self.assertEqual(created["UserName"], self.user)
            self.assertEqual(len(created["ServicePassword"]), 44)
            self.assertRegex(cid, r"^ACCA[A-Z0-9]{17}$")
            self.assertNotIn("ServiceCredentialSecret", created)
            listed = self.iam.list_service_specific_credentials(
                UserName=self.user, ServiceName=service)
            self.assertFalse(listed["IsTruncated"])
            meta = listed["ServiceSpecificCredentials"]
            self.assertEqual(len(meta), 1)
            self.assertEqual(set(meta[0]), {"CreateDate", "ServiceName", "ServiceUserName",
                                            "ServiceSpecificCredentialId", "Status", "UserName"})
            self.iam.update_service_specific_credential(
                UserName=self.user, ServiceSpecificCredentialId=cid, Status="Inactive")
            reset = self.iam.reset_service_specific_credential(
                UserName=self.user, ServiceSpecificCredentialId=cid)["ServiceSpecificCredential"]
            self.assertEqual(reset["Status"], "Inactive")
            self.assertNotEqual(reset["ServicePassword"], created["ServicePassword"])
            self.iam.delete_service_specific_credential(
                UserName=self.user, ServiceSpecificCredentialId=cid)
        self.assertEqual(self.iam.list_service_specific_credentials(
            UserName=self.user)["ServiceSpecificCredentials"], [])

    def test_bedrock_api_key_with_expiry(self):
        created = self.iam.create_service_specific_credential(
            UserName=self.user, ServiceName="bedrock.amazonaws.com",
            CredentialAgeDays=30)["ServiceSpecificCredential"]
        self.assertTrue(created["ServiceCredentialSecret"].startswith("ABSK"))
        self.assertIn("ServiceCredentialAlias", created)
        self.assertNotIn("ServicePassword", created)
        days = (created["ExpirationDate"] - created["CreateDate"]).days
        self.assertEqual(days, 30)
        meta = self.iam.list_service_specific_credentials(
            UserName=self.user)["ServiceSpecificCredentials"][0]
        self.assertNotIn("ServiceCredentialSecret", meta)
        self.assertEqual(meta["ServiceCredentialAlias"], created["ServiceCredentialAlias"])

    def test_errors_as_recorded(self):
        self.assertError("NoSuchEntity", 404, "The user with name non-existent-user cannot be found.",
                         self.iam.create_service_specific_credential,
                         UserName="non-existent-user", ServiceName="codecommit.amazonaws.com")
        for service in ("nonexistentservice.amazonaws.com", "o3on3n3onosneo",
                        "lambda.amazonaws.com"):
            self.assertError("NoSuchEntity", 404, NO_SERVICE % service,
                             self.iam.create_service_specific_credential,
                             UserName=self.user, ServiceName=service)
        self.assertError("NoSuchEntity", 404, NO_SERVICE % "nonexistentservice.amazonaws.com",
                         self.iam.list_service_specific_credentials, UserName=self.user,
                         ServiceName="nonexistentservice.amazonaws.com")
        cid = self.iam.create_service_specific_credential(
            UserName=self.user, ServiceName="codecommit.amazonaws.com")[
            "ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
        pattern = ("1 validation error detected: Value at 'serviceSpecificCredentialId' failed to "
                   "satisfy constraint: Member must satisfy regular expression pattern: [\\w]+")
        for call in (self.raw_iam.update_service_specific_credential,
                     self.raw_iam.reset_service_specific_credential,
                     self.raw_iam.delete_service_specific_credential):
            extra = {"Status": "Active"} if call == self.raw_iam.update_service_specific_credential else {}
            self.assertError("ValidationError", 400, pattern, call, UserName=self.user,
                             ServiceSpecificCredentialId="totally-wrong-credential-id-with-hyphens",
                             **extra)
            self.assertError("NoSuchEntity", 404,
                             "No such credential satisfiesregexbutstillinvalid exists", call,
                             UserName=self.user,
                             ServiceSpecificCredentialId="satisfiesregexbutstillinvalid", **extra)
            self.assertError("NoSuchEntity", 404,
                             "The user with name wrong-user-name cannot be found.", call,
                             UserName="wrong-user-name", ServiceSpecificCredentialId=cid, **extra)
        self.assertError("ValidationError", 400,
                         "1 validation error detected: Value at 'status' failed to satisfy "
                         "constraint: Member must satisfy enum value set",
                         self.raw_iam.update_service_specific_credential, UserName=self.user,
                         ServiceSpecificCredentialId=cid, Status="Bogus")

    def test_two_per_service_then_limit(self):
        for _ in range(2):
            self.iam.create_service_specific_credential(
                UserName=self.user, ServiceName="codecommit.amazonaws.com")
        self.assertError("LimitExceeded", 409, None, self.iam.create_service_specific_credential,
                         UserName=self.user, ServiceName="codecommit.amazonaws.com")
        self.iam.create_service_specific_credential(UserName=self.user,
                                                    ServiceName="cassandra.amazonaws.com")

    def test_delete_user_conflict_and_rename(self):
        cid = self.iam.create_service_specific_credential(
            UserName=self.user, ServiceName="codecommit.amazonaws.com")[
            "ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
        self.assertError("DeleteConflict", 409,
                         "Cannot delete entity, must remove referenced objects first.",
                         self.iam.delete_user, UserName=self.user)
        new_name = self.user[:30] + "-new"
        self.iam.update_user(UserName=self.user, NewUserName=new_name)
        meta = self.iam.list_service_specific_credentials(
            UserName=new_name)["ServiceSpecificCredentials"][0]
        self.assertEqual(meta["UserName"], new_name)
        self.assertEqual(meta["ServiceUserName"], self.user + "-at-123456789012")
        self.iam.delete_service_specific_credential(UserName=new_name,
                                                    ServiceSpecificCredentialId=cid)
        self.iam.delete_user(UserName=new_name)
        self.iam.create_user(UserName=self.user)  # for tearDown-free symmetry with setUp

    def test_list_all_users_and_pagination(self):
        other = self.user[:40] + "-b"
        self.iam.create_user(UserName=other)
        for user in (self.user, other):
            self.iam.create_service_specific_credential(UserName=user,
                                                        ServiceName="cassandra.amazonaws.com")
        seen, marker = [], None
        while True:
            kwargs = {"AllUsers": True, "MaxItems": 1, "ServiceName": "cassandra.amazonaws.com"}
            if marker:
                kwargs["Marker"] = marker
            page = self.iam.list_service_specific_credentials(**kwargs)
            seen += [c["UserName"] for c in page["ServiceSpecificCredentials"]]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertIn(self.user, seen)
        self.assertIn(other, seen)

    def test_cli_create_and_list(self):
        _, out, _ = self.server.cli("iam", "create-service-specific-credential", "--user-name",
                                    self.user, "--service-name", "codecommit.amazonaws.com")
        cid = out["ServiceSpecificCredential"]["ServiceSpecificCredentialId"]
        _, listed, _ = self.server.cli("iam", "list-service-specific-credentials", "--user-name",
                                       self.user)
        self.assertEqual([c["ServiceSpecificCredentialId"]
                          for c in listed["ServiceSpecificCredentials"]], [cid])


if __name__ == "__main__":
    unittest.main()
