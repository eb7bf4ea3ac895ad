"""IAM identity providers (OpenID Connect and SAML) end to end with boto3 and the AWS CLI."""
import unittest

from harness import ServerTestCase

ACCOUNT = "123456789012"
METADATA = ('<?xml version="1.0"?><md:EntityDescriptor '
            'xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            'entityID="https://idp.example.com/saml" validUntil="2031-01-01T00:00:00Z">'
            '<md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:'
            'protocol"/></md:EntityDescriptor><!--' + "x" * 1000 + "-->")


class OidcProviders(ServerTestCase):
    def create(self, url, **kw):
        arn = self.iam.create_open_id_connect_provider(Url=url, **kw)["OpenIDConnectProviderArn"]
        self.addCleanup(self.iam.delete_open_id_connect_provider, OpenIDConnectProviderArn=arn)
        return arn

    def test_lifecycle(self):
        arn = self.create("https://oidc-a.example.com", ClientIDList=["client-id-1"],
                          ThumbprintList=["b" * 40])
        self.assertEqual(arn, "arn:aws:iam::%s:oidc-provider/oidc-a.example.com" % ACCOUNT)
        got = self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
        self.assertEqual(got["Url"], "oidc-a.example.com")
        self.assertEqual(got["ClientIDList"], ["client-id-1"])
        self.assertEqual(got["ThumbprintList"], ["b" * 40])
        self.assertEqual(got["Tags"], [])
        self.assertIn("CreateDate", got)
        self.iam.add_client_id_to_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                           ClientID="client-id-2")
        self.iam.remove_client_id_from_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                                                ClientID="client-id-1")
        self.iam.update_open_id_connect_provider_thumbprint(
            OpenIDConnectProviderArn=arn, ThumbprintList=["c" * 40, "d" * 40])
        got = self.iam.get_open_id_connect_provider(OpenIDConnectProviderArn=arn)
        self.assertEqual(got["ClientIDList"], ["client-id-2"])
        self.assertEqual(got["ThumbprintList"], ["c" * 40, "d" * 40])
        listed = self.iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
        self.assertIn({"Arn": arn}, listed)

    def test_tags(self):
        arn = self.create("https://oidc-t.example.com", Tags=[{"Key": "k1", "Value": "v1"}])
        self.iam.tag_open_id_connect_provider(OpenIDConnectProviderArn=arn,
                                              Tags=[{"Key": "k2", "Value": "v2"}])
        tags = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)
        self.assertEqual(tags["Tags"], [{"Key": "k1", "Value": "v1"}, {"Key": "k2", "Value": "v2"}])
        self.assertFalse(tags["IsTruncated"])
        page = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn, MaxItems=1)
        self.assertTrue(page["IsTruncated"])
        rest = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn,
                                                           Marker=page["Marker"])
        self.assertEqual(rest["Tags"], [{"Key": "k2", "Value": "v2"}])
        self.iam.untag_open_id_connect_provider(OpenIDConnectProviderArn=arn, TagKeys=["k2"])
        tags = self.iam.list_open_id_connect_provider_tags(OpenIDConnectProviderArn=arn)["Tags"]
        self.assertEqual(tags, [{"Key": "k1", "Value": "v1"}])
        self.assertError("LimitExceeded", 409, "The number of tags has reached the maximum limit.",
                         self.iam.tag_open_id_connect_provider, OpenIDConnectProviderArn=arn,
                         Tags=[{"Key": "t%d" % i, "Value": "v"} for i in range(50)])

    def test_errors_recorded_from_aws(self):
        self.create("https://oidc-dup.example.com")
        self.assertError("EntityAlreadyExists", 409,
                         "Provider with url https://oidc-dup.example.com already exists.",
                         self.iam.create_open_id_connect_provider,
                         Url="https://oidc-dup.example.com")
        self.assertError("InvalidInput", 400, "Thumbprint list must contain fewer than 5 entries.",
                         self.iam.create_open_id_connect_provider,
                         Url="https://oidc-many.example.com", ThumbprintList=["a" * 40] * 6)
        self.assertError("LimitExceeded", 409,
                         "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100",
                         self.iam.create_open_id_connect_provider,
                         Url="https://oidc-quota.example.com",
                         ClientIDList=["c%d" % i for i in range(101)])
        self.assertError("ValidationError", 400, "Invalid Open ID Connect Provider URL",
                         self.iam.create_open_id_connect_provider, Url="http://insecure.example.com")
        missing = "arn:aws:iam::%s:oidc-provider/non-existent.example.com" % ACCOUNT
        self.assertError("NoSuchEntity", 404, "OpenIDConnect Provider not found for arn " + missing,
                         self.iam.get_open_id_connect_provider, OpenIDConnectProviderArn=missing)
        self.assertError("NoSuchEntity", 404,
                         "OpenId connect Provider %s cannot be found." % missing,
                         self.iam.delete_open_id_connect_provider,
                         OpenIDConnectProviderArn=missing)

    def test_cli(self):
        rc, out, err = self.server.cli("iam", "create-open-id-connect-provider", "--url",
                                       "https://oidc-cli.example.com", "--client-id-list", "x")
        self.assertEqual(rc, 0, err)
        arn = out["OpenIDConnectProviderArn"]
        rc, out, err = self.server.cli("iam", "list-open-id-connect-providers")
        self.assertIn({"Arn": arn}, out["OpenIDConnectProviderList"])
        rc, _, err = self.server.cli("iam", "delete-open-id-connect-provider",
                                     "--open-id-connect-provider-arn", arn)
        self.assertEqual(rc, 0, err)


class SamlProviders(ServerTestCase):
    def test_lifecycle(self):
        arn = self.iam.create_saml_provider(Name="corp-idp", SAMLMetadataDocument=METADATA,
                                            Tags=[{"Key": "k", "Value": "v"}])["SAMLProviderArn"]
        self.assertEqual(arn, "arn:aws:iam::%s:saml-provider/corp-idp" % ACCOUNT)
        got = self.iam.get_saml_provider(SAMLProviderArn=arn)
        self.assertEqual(got["SAMLMetadataDocument"], METADATA)
        self.assertEqual(got["AssertionEncryptionMode"], "Allowed")
        self.assertEqual(got["PrivateKeyList"], [])
        self.assertEqual(got["ValidUntil"].year, 2031)
        self.assertTrue(got["SAMLProviderUUID"])
        self.assertEqual(got["Tags"], [{"Key": "k", "Value": "v"}])
        listed = self.iam.list_saml_providers()["SAMLProviderList"]
        mine = [p for p in listed if p["Arn"] == arn]
        self.assertEqual(len(mine), 1)
        self.assertIn("CreateDate", mine[0])
        self.assertEqual(self.iam.update_saml_provider(
            SAMLProviderArn=arn, SAMLMetadataDocument=METADATA,
            AssertionEncryptionMode="Required")["SAMLProviderArn"], arn)
        self.assertEqual(self.iam.get_saml_provider(SAMLProviderArn=arn)["AssertionEncryptionMode"],
                         "Required")
        self.iam.tag_saml_provider(SAMLProviderArn=arn, Tags=[{"Key": "k2", "Value": "v2"}])
        self.iam.untag_saml_provider(SAMLProviderArn=arn, TagKeys=["k"])
        self.assertEqual(self.iam.list_saml_provider_tags(SAMLProviderArn=arn)["Tags"],
                         [{"Key": "k2", "Value": "v2"}])
        self.iam.delete_saml_provider(SAMLProviderArn=arn)
        self.assertError("NoSuchEntity", 404, "Manifest not found for arn " + arn,
                         self.iam.get_saml_provider, SAMLProviderArn=arn)
        self.assertError("NoSuchEntity", 404, "Manifest not found for arn " + arn,
                         self.iam.delete_saml_provider, SAMLProviderArn=arn)

    def test_metadata_must_be_xml(self):
        self.assertError("InvalidInput", 400, "Could not parse metadata",
                         self.iam.create_saml_provider, Name="bad-idp",
                         SAMLMetadataDocument="<not xml" + "x" * 1000)

    def test_cli(self):
        rc, out, err = self.server.cli("iam", "create-saml-provider", "--name", "cli-idp",
                                       "--saml-metadata-document", METADATA)
        self.assertEqual(rc, 0, err)
        rc, out, err = self.server.cli("iam", "get-saml-provider", "--saml-provider-arn",
                                       out["SAMLProviderArn"])
        self.assertEqual(rc, 0, err)
        self.assertEqual(out["SAMLMetadataDocument"], METADATA)


if __name__ == "__main__":
    unittest.main()
