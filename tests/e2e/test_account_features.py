"""STS preferences, outbound web identity federation, organizations features, delegation
requests and GetHumanReadableSummary end to end."""
import unittest

from harness import ServerTestCase

NO_ORG = "The request was rejected because no organization is associated with your account."


class StsPreferencesAndFederation(ServerTestCase):
    def test_sts_preferences_reported_by_account_summary(self):
        summary = self.iam.get_account_summary()["SummaryMap"]
        self.assertEqual(summary["GlobalEndpointTokenVersion"], 1)
        self.iam.set_security_token_service_preferences(GlobalEndpointTokenVersion="v2Token")
        summary = self.iam.get_account_summary()["SummaryMap"]
        self.assertEqual(summary["GlobalEndpointTokenVersion"], 2)
        self.server.cli("iam", "set-security-token-service-preferences",
                        "--global-endpoint-token-version", "v1Token")
        self.assertEqual(
            self.iam.get_account_summary()["SummaryMap"]["GlobalEndpointTokenVersion"], 1)
        self.assertError("ValidationError", 400, None,
                         self.raw_iam.set_security_token_service_preferences,
                         GlobalEndpointTokenVersion="v3Token")

    def test_outbound_web_identity_federation_state(self):
        self.assertError("FeatureDisabled", 404, None,
                         self.iam.get_outbound_web_identity_federation_info)
        self.assertError("FeatureDisabled", 404, None,
                         self.iam.disable_outbound_web_identity_federation)
        issuer = self.iam.enable_outbound_web_identity_federation()["IssuerIdentifier"]
        self.assertRegex(issuer, r"^https://[0-9a-f-]{36}\.tokens\.sts\.global\.api\.aws$")
        info = self.iam.get_outbound_web_identity_federation_info()
        self.assertEqual(info["IssuerIdentifier"], issuer)
        self.assertTrue(info["JwtVendingEnabled"])
        self.assertError("FeatureEnabled", 409, None,
                         self.iam.enable_outbound_web_identity_federation)
        self.iam.disable_outbound_web_identity_federation()
        self.assertError("FeatureDisabled", 404, None,
                         self.iam.get_outbound_web_identity_federation_info)

    def test_organizations_features_for_a_standalone_account(self):
        for call in (self.iam.list_organizations_features,
                     self.iam.enable_organizations_root_credentials_management,
                     self.iam.disable_organizations_root_credentials_management,
                     self.iam.enable_organizations_root_sessions,
                     self.iam.disable_organizations_root_sessions):
            err = self.assertError("OrganizationNotFoundException", 400, NO_ORG, call)
            self.assertEqual(err["Error"]["Type"], "Sender")
        code, _, stderr = self.server.cli("iam", "list-organizations-features", check=False)
        self.assertNotEqual(code, 0)
        self.assertIn("OrganizationNotFoundException", stderr)


PERMS = {"PolicyTemplateArn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
         "Parameters": [{"Name": "bucketName", "Values": ["b1"], "Type": "string"}]}


class DelegationRequests(ServerTestCase):
    def create(self, workflow, **extra):
        return self.iam.create_delegation_request(
            Description="deploy stack", Permissions=PERMS, RequestorWorkflowId=workflow,
            NotificationChannel="arn:aws:sns:us-east-1:123456789012:topic",
            SessionDuration=900, **extra)

    def test_lifecycle(self):
        out = self.create("wf-life", RequestMessage="please")
        rid = out["DelegationRequestId"]
        self.assertIn(rid, out["ConsoleDeepLink"])
        got = self.iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]
        self.assertEqual(got["State"], "UNASSIGNED")
        self.assertEqual(got["RequestorId"], "123456789012")
        self.assertEqual(got["SessionDuration"], 900)
        self.assertEqual(got["Permissions"]["Parameters"][0]["Values"], ["b1"])
        self.iam.associate_delegation_request(DelegationRequestId=rid)
        got = self.iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]
        self.assertEqual((got["State"], got["OwnerId"]),
                         ("ASSIGNED", "arn:aws:iam::123456789012:root"))
        self.iam.update_delegation_request(DelegationRequestId=rid, Notes="looks fine")
        self.iam.accept_delegation_request(DelegationRequestId=rid)
        self.assertError("InvalidInput", 400, None, self.iam.reject_delegation_request,
                         DelegationRequestId=rid)
        self.iam.send_delegation_token(DelegationRequestId=rid)
        got = self.iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]
        self.assertEqual(got["State"], "FINALIZED")
        self.assertEqual(got["Notes"], "looks fine")
        listed = self.iam.list_delegation_requests()
        self.assertIn(rid, [r["DelegationRequestId"] for r in listed["DelegationRequests"]])
        summary = self.iam.get_human_readable_summary(
            EntityArn="arn:aws:iam::123456789012:delegation-request/" + rid)
        self.assertEqual(summary["SummaryState"], "AVAILABLE")
        self.assertIn("deploy stack", summary["SummaryContent"])

    def test_reject_and_errors(self):
        rid = self.create("wf-reject")["DelegationRequestId"]
        self.assertError("EntityAlreadyExists", 409, None, self.create, "wf-reject")
        self.assertError("InvalidInput", 400, None, self.iam.send_delegation_token,
                         DelegationRequestId=rid)
        self.iam.reject_delegation_request(DelegationRequestId=rid, Notes="no thanks")
        got = self.iam.get_delegation_request(DelegationRequestId=rid)["DelegationRequest"]
        self.assertEqual((got["State"], got["RejectionReason"]), ("REJECTED", "no thanks"))
        self.assertError("NoSuchEntity", 404, None, self.iam.get_delegation_request,
                         DelegationRequestId="DRNOSUCHREQUEST00000")
        self.assertError("InvalidInput", 400, None, self.iam.get_human_readable_summary,
                         EntityArn="arn:aws:iam::123456789012:user/someone")

    def test_other_account_cannot_act_on_targeted_request(self):
        rid = self.create("wf-target", OwnerAccountId="210987654321")["DelegationRequestId"]
        self.assertError("NoSuchEntity", 404, None, self.iam.associate_delegation_request,
                         DelegationRequestId=rid)


if __name__ == "__main__":
    unittest.main()
