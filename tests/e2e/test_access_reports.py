"""Access reports (access advisor) end to end: what iamlite saw becomes LastAuthenticated."""
import time
import unittest

import boto3

from harness import ServerTestCase

POLICY = ('{"Version":"2012-10-17","Statement":[{"Effect":"Allow",'
          '"Action":["iam:Get*","iam:List*","s3:GetObject","sts:GetCallerIdentity"],'
          '"Resource":"*"}]}')
NO_ORG = ("Your account isn't a member of an organization. To make this request, you must use "
          "the credentials of an account that belongs to an organization.")


class AccessReports(ServerTestCase):
    def user_with_policy(self, name):
        self.iam.create_user(UserName=name)
        self.iam.put_user_policy(UserName=name, PolicyName="p", PolicyDocument=POLICY)
        return self.iam.get_user(UserName=name)["User"]["Arn"]

    def client_as(self, user, service):
        key = self.iam.create_access_key(UserName=user)["AccessKey"]
        return boto3.client(service, endpoint_url=self.server.endpoint, region_name="eu-west-1",
                            aws_access_key_id=key["AccessKeyId"],
                            aws_secret_access_key=key["SecretAccessKey"])

    def wait(self, job_id, **kwargs):
        for _ in range(50):
            r = self.iam.get_service_last_accessed_details(JobId=job_id, **kwargs)
            if r["JobStatus"] != "IN_PROGRESS":
                return r
            time.sleep(0.1)
        self.fail("job did not finish")

    def test_service_level_report_from_seen_calls(self):
        arn = self.user_with_policy("ar-alice")
        before = self.wait(self.iam.generate_service_last_accessed_details(Arn=arn)["JobId"])
        self.assertEqual(before["JobStatus"], "COMPLETED")
        self.assertEqual(before["JobType"], "SERVICE_LEVEL")
        self.assertEqual([s["ServiceNamespace"] for s in before["ServicesLastAccessed"]],
                         ["iam", "s3", "sts"])
        self.assertTrue(all("LastAuthenticated" not in s for s in before["ServicesLastAccessed"]))
        self.client_as("ar-alice", "iam").list_users()
        self.client_as("ar-alice", "sts").get_caller_identity()
        after = self.wait(self.iam.generate_service_last_accessed_details(Arn=arn)["JobId"])
        by_ns = {s["ServiceNamespace"]: s for s in after["ServicesLastAccessed"]}
        self.assertEqual(by_ns["iam"]["LastAuthenticatedEntity"], arn)
        self.assertEqual(by_ns["iam"]["LastAuthenticatedRegion"], "eu-west-1")
        self.assertEqual(by_ns["iam"]["TotalAuthenticatedEntities"], 1)
        self.assertEqual(by_ns["iam"]["ServiceName"], "AWS Identity and Access Management")
        self.assertIn("LastAuthenticated", by_ns["sts"])
        self.assertNotIn("LastAuthenticated", by_ns["s3"])
        self.assertEqual(by_ns["s3"]["TotalAuthenticatedEntities"], 0)

    def test_action_level_and_entities(self):
        arn = self.user_with_policy("ar-bob")
        self.iam.create_group(GroupName="ar-team")
        self.iam.add_user_to_group(GroupName="ar-team", UserName="ar-bob")
        self.iam.attach_group_policy(GroupName="ar-team",
                                     PolicyArn="arn:aws:iam::aws:policy/IAMReadOnlyAccess")
        self.client_as("ar-bob", "iam").get_user()
        job = self.iam.generate_service_last_accessed_details(
            Arn="arn:aws:iam::123456789012:group/ar-team", Granularity="ACTION_LEVEL")["JobId"]
        r = self.wait(job)
        self.assertEqual(r["JobType"], "ACTION_LEVEL")
        iam = [s for s in r["ServicesLastAccessed"] if s["ServiceNamespace"] == "iam"][0]
        actions = {a["ActionName"]: a for a in iam["TrackedActionsLastAccessed"]}
        self.assertIn("GetUser", actions)
        self.assertEqual(actions["GetUser"]["LastAccessedEntity"], arn)
        self.assertNotIn("LastAccessedTime", actions["ListRoles"])
        self.assertNotIn("CreateUser", actions)  # IAMReadOnlyAccess does not allow it
        ents = self.iam.get_service_last_accessed_details_with_entities(
            JobId=job, ServiceNamespace="iam")
        self.assertEqual(ents["JobStatus"], "COMPLETED")
        self.assertEqual(len(ents["EntityDetailsList"]), 1)
        info = ents["EntityDetailsList"][0]["EntityInfo"]
        self.assertEqual((info["Name"], info["Type"], info["Arn"]), ("ar-bob", "USER", arn))
        self.assertIn("LastAuthenticated", ents["EntityDetailsList"][0])

    def test_pagination_walks_to_the_end(self):
        arn = self.user_with_policy("ar-carol")
        job = self.iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
        seen, marker = [], None
        while True:
            kwargs = {"JobId": job, "MaxItems": 1}
            if marker:
                kwargs["Marker"] = marker
            page = self.iam.get_service_last_accessed_details(**kwargs)
            seen += [s["ServiceNamespace"] for s in page["ServicesLastAccessed"]]
            if not page["IsTruncated"]:
                break
            marker = page["Marker"]
        self.assertEqual(seen, ["iam", "s3", "sts"])

    def test_errors(self):
        self.assertError("NoSuchEntity", 404, "The user with name ar-nobody cannot be found.",
                         self.iam.generate_service_last_accessed_details,
                         Arn="arn:aws:iam::123456789012:user/ar-nobody")
        self.assertError("InvalidInput", 400, None,
                         self.iam.generate_service_last_accessed_details,
                         Arn="arn:aws:s3:::some-bucket/key")
        self.assertError("NoSuchEntity", 404, None, self.iam.get_service_last_accessed_details,
                         JobId="00000000-0000-0000-0000-000000000000")
        self.assertError("ValidationError", 400, None,
                         self.raw_iam.generate_service_last_accessed_details,
                         Arn="arn:aws:iam::123456789012:user/x", Granularity="BOGUS")

    def test_policies_granting_service_access(self):
        self.user_with_policy("ar-dave")
        self.iam.attach_user_policy(UserName="ar-dave",
                                    PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        r = self.iam.list_policies_granting_service_access(
            Arn="arn:aws:iam::123456789012:user/ar-dave", ServiceNamespaces=["s3", "ec2"])
        self.assertFalse(r["IsTruncated"])
        s3, ec2 = r["PoliciesGrantingServiceAccess"]
        self.assertEqual(s3["ServiceNamespace"], "s3")
        self.assertEqual(s3["Policies"][0], {"PolicyName": "p", "PolicyType": "INLINE",
                                             "EntityType": "USER", "EntityName": "ar-dave"})
        self.assertEqual(s3["Policies"][1]["PolicyArn"],
                         "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")
        self.assertEqual(ec2["Policies"], [])

    def test_organizations_report_fails_outside_an_organization(self):
        job = self.iam.generate_organizations_access_report(
            EntityPath="o-a1b2c3d4e5/r-f6g7h8i9j0example")["JobId"]
        r = self.iam.get_organizations_access_report(JobId=job)
        self.assertEqual(r["JobStatus"], "FAILED")
        self.assertEqual(r["ErrorDetails"]["Message"], NO_ORG)
        self.assertError("NoSuchEntity", 404, None, self.iam.get_organizations_access_report,
                         JobId="00000000-0000-0000-0000-000000000000")

    def test_cli_generate_and_get(self):
        arn = self.user_with_policy("ar-erin")
        _, out, _ = self.server.cli("iam", "generate-service-last-accessed-details", "--arn", arn)
        _, got, _ = self.server.cli("iam", "get-service-last-accessed-details", "--job-id",
                                    out["JobId"])
        self.assertEqual(got["JobStatus"], "COMPLETED")



class ResetForgetsActivity(ServerTestCase):
    """POST /iamlite/reset empties what iamlite saw and the report jobs, with the entities."""
    user_with_policy = AccessReports.user_with_policy
    client_as = AccessReports.client_as
    wait = AccessReports.wait

    def test_reset(self):
        import urllib.request
        arn = self.user_with_policy("ar-reset")
        self.client_as("ar-reset", "iam").list_users()
        job = self.iam.generate_service_last_accessed_details(Arn=arn)["JobId"]
        seen = {s["ServiceNamespace"]: s for s in self.wait(job)["ServicesLastAccessed"]}
        self.assertIn("LastAuthenticated", seen["iam"])
        urllib.request.urlopen(urllib.request.Request(self.server.endpoint + "/iamlite/reset",
                                                      data=b"", method="POST")).read()
        self.assertError("NoSuchEntity", 404, None, self.iam.get_service_last_accessed_details,
                         JobId=job)
        arn = self.user_with_policy("ar-reset")
        fresh = self.wait(self.iam.generate_service_last_accessed_details(Arn=arn)["JobId"])
        self.assertTrue(all("LastAuthenticated" not in s for s in fresh["ServicesLastAccessed"]))


if __name__ == "__main__":
    unittest.main()
