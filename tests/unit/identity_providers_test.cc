// OpenID Connect and SAML providers: core rules with AWS's recorded messages, and their
// place in the state document (export / import round trip).
#include "core/ops/identity_providers.h"

#include <gtest/gtest.h>

#include "core/ops/sts.h"
#include "core/state/entity_json.h"
#include "core/state/sts_json.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr char kMetadata[] =
    R"(<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml" validUntil="2030-01-01T00:00:00Z"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/></md:EntityDescriptor>)";

class IdentityProvidersTest : public testing::OpTest {};

TEST_F(IdentityProvidersTest, OidcLifecycle) {
  auto p = ops::CreateOidcProvider(
      ctx_, {"https://auth.example.com/tenant/", {"a", "a", "b"}, {std::string(40, 'f')}, {}});
  ASSERT_TRUE(p.has_value()) << p.error().message;
  const std::string arn = "arn:aws:iam::123456789012:oidc-provider/auth.example.com/tenant";
  EXPECT_EQ(p->Arn("123456789012"), arn);
  EXPECT_EQ(p->client_ids, (std::vector<std::string>{"a", "b"}));
  auto dup = ops::CreateOidcProvider(ctx_, {"https://auth.example.com/tenant", {}, {}, {}});
  ASSERT_FALSE(dup.has_value());
  EXPECT_EQ(dup.error().code, "EntityAlreadyExists");
  EXPECT_EQ(dup.error().message,
            "Provider with url https://auth.example.com/tenant already exists.");
  ASSERT_TRUE(ops::AddClientIdToOidcProvider(ctx_, arn, "c"));
  ASSERT_TRUE(ops::AddClientIdToOidcProvider(ctx_, arn, "c"));  // already there: fine
  ASSERT_TRUE(ops::RemoveClientIdFromOidcProvider(ctx_, arn, "a"));
  ASSERT_TRUE(ops::UpdateOidcProviderThumbprint(ctx_, arn, {std::string(40, 'c')}));
  ASSERT_TRUE(ops::TagOidcProvider(ctx_, arn, {{"k1", "v1"}, {"k2", "v2"}}));
  ASSERT_TRUE(ops::UntagOidcProvider(ctx_, arn, {"k2"}));
  auto got = ops::GetOidcProvider(ctx_, arn);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->url, "auth.example.com/tenant");
  EXPECT_EQ(got->client_ids, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(got->thumbprints, (std::vector<std::string>{std::string(40, 'c')}));
  EXPECT_EQ(got->tags, (Tags{{"k1", "v1"}}));
  EXPECT_EQ(ops::ListOidcProviders(ctx_), (std::vector<std::string>{arn}));
  ASSERT_TRUE(ops::DeleteOidcProvider(ctx_, arn));
  auto gone = ops::GetOidcProvider(ctx_, arn);
  EXPECT_EQ(gone.error().message, "OpenIDConnect Provider not found for arn " + arn);
  auto again = ops::DeleteOidcProvider(ctx_, arn);
  EXPECT_EQ(again.error().code, "NoSuchEntity");
  EXPECT_EQ(again.error().message, "OpenId connect Provider " + arn + " cannot be found.");
}

TEST_F(IdentityProvidersTest, OidcInputRules) {
  struct Case {
    ops::CreateOidcProviderInput in;
    const char* code;
    const char* message;
  } cases[] = {
      {{"http://plain.example.com", {}, {}, {}},
       "ValidationError",
       "Invalid Open ID Connect Provider URL"},
      {{"example.com", {}, {}, {}}, "ValidationError", "Invalid Open ID Connect Provider URL"},
      {{"https://a.example.com", {}, std::vector<std::string>(6, std::string(40, 'a')), {}},
       "InvalidInput",
       "Thumbprint list must contain fewer than 5 entries."},
  };
  for (const auto& c : cases) {
    auto r = ops::CreateOidcProvider(ctx_, c.in);
    ASSERT_FALSE(r.has_value()) << c.in.url;
    EXPECT_EQ(r.error().code, c.code) << c.in.url;
    EXPECT_EQ(r.error().message, c.message) << c.in.url;
  }
  std::vector<std::string> many;
  for (int i = 0; i < 101; ++i) many.push_back("id" + std::to_string(i));
  auto r = ops::CreateOidcProvider(ctx_, {"https://b.example.com", many, {}, {}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "LimitExceeded");
  EXPECT_EQ(r.error().message, "Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100");
  EXPECT_EQ(ops::GetOidcProvider(ctx_, "not-an-arn").error().code, "InvalidInput");
}

TEST_F(IdentityProvidersTest, SamlLifecycle) {
  auto p = ops::CreateSamlProvider(ctx_, {"Corp", kMetadata, {{"k", "v"}}, ""});
  ASSERT_TRUE(p.has_value()) << p.error().message;
  const std::string arn = "arn:aws:iam::123456789012:saml-provider/Corp";
  EXPECT_EQ(p->entity_id, "https://idp.example.com/saml");
  EXPECT_EQ(p->assertion_encryption_mode, "Allowed");
  EXPECT_EQ(p->valid_until, 1893456000000);
  EXPECT_EQ(ops::CreateSamlProvider(ctx_, {"corp", kMetadata, {}, ""}).error().code,
            "EntityAlreadyExists");
  auto updated = ops::UpdateSamlProvider(ctx_, {arn, std::nullopt, "Required"});
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->assertion_encryption_mode, "Required");
  EXPECT_EQ(ops::ListSamlProviders(ctx_).size(), 1u);
  ASSERT_TRUE(ops::DeleteSamlProvider(ctx_, arn));
  auto gone = ops::GetSamlProvider(ctx_, arn);
  EXPECT_EQ(gone.error().code, "NoSuchEntity");
  EXPECT_EQ(gone.error().message, "Manifest not found for arn " + arn);
}

TEST_F(IdentityProvidersTest, SamlMetadataMustBeIdpMetadata) {
  for (const std::string& bad :
       {std::string("<not-closed"), std::string("<a/>"),
        std::string(R"(<EntityDescriptor entityID="x"><SPSSODescriptor/></EntityDescriptor>)")}) {
    auto r = ops::ParseSamlMetadata(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, "InvalidInput");
    EXPECT_EQ(r.error().message, "Could not parse metadata");
  }
  auto ok = ops::ParseSamlMetadata(
      R"(<EntitiesDescriptor><EntityDescriptor entityID="e"><IDPSSODescriptor/></EntityDescriptor></EntitiesDescriptor>)");
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->entity_id, "e");
}

TEST_F(IdentityProvidersTest, StateRoundTrip) {
  ASSERT_TRUE(ops::CreateOidcProvider(ctx_, {"https://o.example.com", {"x"}, {}, {{"a", "b"}}}));
  ASSERT_TRUE(ops::CreateSamlProvider(ctx_, {"corp", kMetadata, {}, ""}));
  auto session = ops::GetFederationToken(
      ctx_, {"fed",
             {R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})", {}},
             std::nullopt,
             {{"t", "1"}}});
  ASSERT_TRUE(session.has_value()) << session.error().message;
  AccountState s;
  store_.Read("123456789012", [&](const AccountState& st) { s = st; });
  auto json = state::ToJson(s, state::EncodeOptions{true});
  ASSERT_TRUE(json.contains("oidc_providers"));
  ASSERT_TRUE(json.contains("sts_sessions"));
  EXPECT_FALSE(state::ToJson(s, state::EncodeOptions{false}).contains("sts_sessions"));
  state::DecodeContext dctx;
  AccountState back = state::DecodeAccount(state::JsonIn(json), "123456789012", dctx);
  EXPECT_EQ(state::ToJson(back, state::EncodeOptions{true}), json);
  ASSERT_EQ(back.sts_sessions.size(), 1u);
  const StsSession& restored = *back.sts_sessions.begin()->second;
  EXPECT_EQ(restored.inline_policies.size(), 1u);
  EXPECT_TRUE(restored.inline_policies[0].Parsed());
}

}  // namespace
}  // namespace iamlite
