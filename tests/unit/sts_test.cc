// STS core rules: AssumeRole's trust decision, durations, tags and session policies;
// GetSessionToken, GetFederationToken, web identity and SAML federation; the informational
// calls.
#include "core/ops/sts.h"

#include <gtest/gtest.h>

#include "core/base64.h"
#include "core/ops/identity_providers.h"
#include "core/ops/inline_policies.h"
#include "core/ops/mfa.h"
#include "core/ops/roles.h"
#include "core/ops/sts_sessions.h"
#include "core/ops/users.h"
#include "core/totp.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr char kAccountA[] = "123456789012";
constexpr char kAccountB[] = "210987654321";

std::string Trust(const std::string& principal, const std::string& actions = "\"sts:AssumeRole\"",
                  const std::string& condition = "") {
  return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)" + principal +
         R"(,"Action":[)" + actions + "]" +
         (condition.empty() ? "" : ",\"Condition\":" + condition) + "}]}";
}

class StsTest : public testing::OpTest {
 protected:
  void MakeRole(const std::string& name, const std::string& trust, int max = 3600,
                const std::string& account = kAccountA) {
    Caller root = Caller::Root(account);
    OpContext c{store_, clock_, ids_, root};
    ops::CreateRoleInput in;
    in.role_name = name;
    in.assume_role_policy_document = trust;
    in.max_session_duration = max;
    auto r = ops::CreateRole(c, in);
    ASSERT_TRUE(r.has_value()) << r.error().message;
  }
  ops::AssumeRoleInput Assume(const std::string& role, const std::string& account = kAccountA) {
    ops::AssumeRoleInput in;
    in.role_arn = "arn:aws:iam::" + std::string(account) + ":role/" + role;
    in.session_name = "s1";
    return in;
  }
  Result<ops::Issued> AssumeAs(const Caller& who, const ops::AssumeRoleInput& in) {
    OpContext c{store_, clock_, ids_, who};
    return ops::AssumeRole(c, in);
  }
  Caller UserCaller(const std::string& name, const std::string& account = kAccountA) {
    Caller root = Caller::Root(account);
    OpContext c{store_, clock_, ids_, root};
    auto u = ops::CreateUser(c, {name, "/", "", {}});
    EXPECT_TRUE(u.has_value());
    Caller who;
    who.account = account;
    who.type = Caller::Type::kUser;
    who.arn = u->Arn(account);
    who.user_name = name;
    who.principal_id = u->id;
    return who;
  }
};

TEST_F(StsTest, AssumeRoleIssuesASessionOfTheRole) {
  MakeRole("app", Trust(R"({"AWS":"123456789012"})"));
  auto issued = ops::AssumeRole(ctx_, Assume("app"));
  ASSERT_TRUE(issued.has_value()) << issued.error().message;
  const StsSession& s = *issued->session;
  EXPECT_EQ(s.arn, "arn:aws:sts::123456789012:assumed-role/app/s1");
  EXPECT_TRUE(s.principal_id.starts_with("AROA"));
  EXPECT_TRUE(s.principal_id.ends_with(":s1"));
  EXPECT_TRUE(s.access_key_id.starts_with("ASIA"));
  EXPECT_EQ(s.access_key_id.size(), 20u);
  EXPECT_EQ(s.secret_access_key.size(), 40u);
  EXPECT_EQ(s.expiration - s.issued, 3600 * 1000);
  EXPECT_FALSE(issued->packed_policy_size.has_value());
  auto found = ops::FindSession(store_, s.access_key_id);
  ASSERT_TRUE(found);
  Caller c = ops::CallerOfSession(found);
  EXPECT_EQ(c.type, Caller::Type::kAssumedRole);
  EXPECT_EQ(c.role_name, "app");
  EXPECT_EQ(c.session_name, "s1");
}

TEST_F(StsTest, InvalidRoleArnsAreValidationErrors) {
  // Recorded from AWS (test_sts_invalid_parameters).
  for (const std::string arn :
       {"nothing-valid-in-here", "arn::b:::something/test-role", "arn:a::::something/test-role",
        "arn:a:::something/test-role", "arn:a:a::aaaaaaaaaa:"}) {
    auto in = Assume("x");
    in.role_arn = arn;
    auto r = ops::AssumeRole(ctx_, in);
    ASSERT_FALSE(r.has_value()) << arn;
    EXPECT_EQ(r.error().code, "ValidationError") << arn;
    EXPECT_EQ(r.error().message, arn + " is invalid");
  }
}

TEST_F(StsTest, UnknownRoleAndUntrustedCallerAreAccessDenied) {
  Caller jane = UserCaller("jane");
  auto r = AssumeAs(jane, Assume("ghost"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "AccessDenied");
  EXPECT_EQ(r.error().http_status, 403);
  EXPECT_EQ(r.error().message,
            "User: arn:aws:iam::123456789012:user/jane is not authorized to perform: "
            "sts:AssumeRole on resource: arn:aws:iam::123456789012:role/ghost");
  MakeRole("only-bob", Trust(R"({"AWS":"arn:aws:iam::123456789012:user/bob"})"));
  EXPECT_EQ(AssumeAs(jane, Assume("only-bob")).error().code, "AccessDenied");
  Caller bob = UserCaller("bob");
  EXPECT_TRUE(AssumeAs(bob, Assume("only-bob")).has_value());
}

TEST_F(StsTest, ExternalIdAndSessionNameConditions) {
  MakeRole(
      "vendor",
      Trust(
          R"({"AWS":"123456789012"})", R"("sts:AssumeRole")",
          R"({"StringEquals":{"sts:ExternalId":"abc"},"StringLike":{"sts:RoleSessionName":"ci-*"}})"));
  auto in = Assume("vendor");
  in.session_name = "ci-1";
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().code, "AccessDenied");  // no external id
  in.external_id = "wrong";
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().code, "AccessDenied");
  in.external_id = "abc";
  EXPECT_TRUE(ops::AssumeRole(ctx_, in).has_value());
  in.session_name = "dev";
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().code, "AccessDenied");
}

TEST_F(StsTest, DurationLimits) {
  MakeRole("short", Trust(R"({"AWS":"123456789012"})"), 3600);
  MakeRole("long", Trust(R"({"AWS":"123456789012"})"), 7200);
  auto in = Assume("short");
  in.duration_seconds = 3601;
  auto r = ops::AssumeRole(ctx_, in);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "ValidationError");
  EXPECT_EQ(r.error().message,
            "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
  in = Assume("long");
  in.duration_seconds = 7200;
  auto ok = ops::AssumeRole(ctx_, in);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->session->expiration - ok->session->issued, 7200 * 1000);
  // Role chaining: a role session may not ask for more than one hour.
  Caller session = ops::CallerOfSession(ok->session);
  auto chained = AssumeAs(session, in);
  ASSERT_FALSE(chained.has_value());
  EXPECT_EQ(chained.error().message,
            "The requested DurationSeconds exceeds the 1 hour session limit for roles assuming "
            "other roles.");
  in.duration_seconds = 3600;
  EXPECT_TRUE(AssumeAs(session, in).has_value());
}

TEST_F(StsTest, SessionTagsNeedTagSessionAndFollowTheTagRules) {
  MakeRole("plain", Trust(R"({"AWS":"123456789012"})"));
  MakeRole("tags", Trust(R"({"AWS":"123456789012"})", R"("sts:AssumeRole","sts:TagSession")"));
  auto in = Assume("plain");
  in.tags = {{"team", "a"}};
  auto r = ops::AssumeRole(ctx_, in);
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("sts:TagSession"), std::string::npos);
  in = Assume("tags");
  in.tags = {{"team", "a"}, {"TEAM", "b"}};
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().message,
            "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  in.tags = {{"team", "a"}};
  in.transitive_tag_keys = {"project"};
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().message,
            "The specified transitive tag key must be included in the requested tags.");
  in.tags = {{"team", "a"}, {"project", "x"}};
  auto first = ops::AssumeRole(ctx_, in);
  ASSERT_TRUE(first.has_value());
  EXPECT_TRUE(first->packed_policy_size.has_value());
  // Chained: the transitive tag comes along and may not be set again.
  Caller session = ops::CallerOfSession(first->session);
  auto chain = Assume("tags");
  auto second = AssumeAs(session, chain);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->session->tags, (Tags{{"project", "x"}}));
  chain.tags = {{"PROJECT", "y"}};
  auto conflict = AssumeAs(session, chain);
  ASSERT_FALSE(conflict.has_value());
  EXPECT_EQ(conflict.error().code, "InvalidParameterValue");
  EXPECT_EQ(conflict.error().message,
            "One of the specified transitive tag keys can't be set because it conflicts with a "
            "transitive tag key from the calling session.");
}

TEST_F(StsTest, RequestTagConditionsInTheTrustPolicy) {
  MakeRole("cc", Trust(R"({"AWS":"123456789012"})", R"("sts:AssumeRole","sts:TagSession")",
                       R"({"StringEquals":{"aws:RequestTag/cost-center":"42"}})"));
  auto in = Assume("cc");
  in.tags = {{"cost-center", "7"}};
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().code, "AccessDenied");
  in.tags = {{"cost-center", "42"}};
  EXPECT_TRUE(ops::AssumeRole(ctx_, in).has_value());
}

TEST_F(StsTest, SessionPoliciesAreValidatedAndKept) {
  MakeRole("app", Trust(R"({"AWS":"123456789012"})"));
  auto in = Assume("app");
  in.policies.policy = "{not json";
  EXPECT_EQ(ops::AssumeRole(ctx_, in).error().code, "MalformedPolicyDocument");
  in.policies.policy =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})";
  in.policies.policy_arns = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
  auto ok = ops::AssumeRole(ctx_, in);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  ASSERT_EQ(ok->session->inline_policies.size(), 1u);
  EXPECT_TRUE(ok->session->inline_policies[0].IsParsed());
  EXPECT_EQ(ok->session->policy_arns, in.policies.policy_arns);
  ASSERT_TRUE(ok->packed_policy_size.has_value());
  EXPECT_GT(*ok->packed_policy_size, 0);
  EXPECT_LE(*ok->packed_policy_size, 100);
  std::string big = R"({"Version":"2012-10-17","Statement":[)";
  for (int i = 0; i < 40; ++i)
    big += std::string(i ? "," : "") +
           R"({"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::bucket-)" +
           std::to_string(i) + R"(/*"})";
  big += "]}";
  in.policies.policy = big;
  auto large = ops::AssumeRole(ctx_, in);
  ASSERT_FALSE(large.has_value());
  EXPECT_EQ(large.error().code, "PackedPolicyTooLarge");
}

TEST_F(StsTest, CrossAccountNeedsTrustAndIdentityPolicy) {
  MakeRole("shared", Trust(R"({"AWS":"123456789012"})"), 3600, kAccountB);
  MakeRole("closed", Trust(R"({"AWS":"999999999999"})"), 3600, kAccountB);
  // The root of account A: the trust policy suffices.
  EXPECT_TRUE(ops::AssumeRole(ctx_, Assume("shared", kAccountB)).has_value());
  EXPECT_EQ(ops::AssumeRole(ctx_, Assume("closed", kAccountB)).error().code, "AccessDenied");
  // An IAM user of A: denied until its own policies allow sts:AssumeRole on the role.
  Caller jane = UserCaller("jane");
  EXPECT_EQ(AssumeAs(jane, Assume("shared", kAccountB)).error().code, "AccessDenied");
  ASSERT_TRUE(ops::PutInlinePolicy(
      ctx_, ops::EntityKind::kUser, "jane", "assume",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Resource":"arn:aws:iam::210987654321:role/shared"}]})"));
  auto ok = AssumeAs(jane, Assume("shared", kAccountB));
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->session->account, kAccountB);
  EXPECT_EQ(ok->session->arn, "arn:aws:sts::210987654321:assumed-role/shared/s1");
  EXPECT_EQ(AssumeAs(jane, Assume("closed", kAccountB)).error().code, "AccessDenied");
}

TEST_F(StsTest, GetSessionToken) {
  auto root = ops::GetSessionToken(ctx_, 7200, std::nullopt, std::nullopt);
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->session->expiration - root->session->issued, 3600 * 1000);  // root: 1 hour
  EXPECT_EQ(root->session->arn, "arn:aws:iam::123456789012:root");
  Caller jane = UserCaller("jane");
  OpContext c{store_, clock_, ids_, jane};
  // Jane's virtual MFA device, enabled with two consecutive codes of its seed.
  Caller root_caller = Caller::Root(kAccountA);
  OpContext rc{store_, clock_, ids_, root_caller};
  auto device = ops::CreateVirtualMfaDevice(rc, {"jane", "/", {}});
  ASSERT_TRUE(device.has_value());
  auto seed = totp::Base32Decode(device->base32_seed);
  auto code = [&](std::int64_t offset) {
    return totp::HotpCode(*seed, static_cast<std::uint64_t>(totp::StepAt(clock_.Now()) + offset));
  };
  ASSERT_TRUE(ops::EnableMfaDevice(rc, {"jane", device->serial_number, code(-1), code(0)}));
  // A code the device does not show now, and a device that is not jane's, are refused.
  const std::string wrong = code(0) == "000000" ? "111111" : "000000";
  auto bad = ops::GetSessionToken(c, std::nullopt, device->serial_number, wrong);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "AccessDenied");
  EXPECT_EQ(bad.error().message,
            "MultiFactorAuthentication failed with invalid MFA one time pass code.");
  auto other =
      ops::GetSessionToken(c, std::nullopt, "arn:aws:iam::123456789012:mfa/nobody", code(0));
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().message.rfind("MultiFactorAuthentication failed, unable to validate", 0),
            0u);
  auto user = ops::GetSessionToken(c, std::nullopt, device->serial_number, code(0));
  ASSERT_TRUE(user.has_value()) << user.error().message;
  EXPECT_EQ(user->session->expiration - user->session->issued, 43200LL * 1000);
  EXPECT_TRUE(user->session->mfa);
  Caller session = ops::CallerOfSession(user->session);
  EXPECT_EQ(session.type, Caller::Type::kUser);
  EXPECT_TRUE(session.mfa);
  EXPECT_EQ(session.arn, jane.arn);
  OpContext sc{store_, clock_, ids_, session};
  auto again = ops::GetSessionToken(sc, std::nullopt, std::nullopt, std::nullopt);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().message, "Cannot call GetSessionToken with session credentials");
}

TEST_F(StsTest, GetFederationToken) {
  Caller jane = UserCaller("jane");
  OpContext c{store_, clock_, ids_, jane};
  auto r = ops::GetFederationToken(c, {"bob", {}, std::nullopt, {}});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->session->arn, "arn:aws:sts::123456789012:federated-user/bob");
  EXPECT_EQ(r->session->principal_id, "123456789012:bob");
  EXPECT_EQ(r->packed_policy_size, 0);
  EXPECT_EQ(ops::CallerOfSession(r->session).type, Caller::Type::kFederatedUser);
}

std::string Jwt(const nlohmann::json& claims) {
  auto url = [](std::string s) {
    for (auto& ch : s) {
      if (ch == '+') ch = '-';
      if (ch == '/') ch = '_';
    }
    while (!s.empty() && s.back() == '=') s.pop_back();
    return s;
  };
  return url(Base64Encode(R"({"alg":"RS256","typ":"JWT"})")) + "." +
         url(Base64Encode(claims.dump())) + ".c2ln";
}

TEST_F(StsTest, WebIdentityChecksClaimsAndTrustConditions) {
  ASSERT_TRUE(
      ops::CreateOidcProvider(ctx_, {"https://token.example.com", {"sts.amazonaws.com"}, {}, {}}));
  MakeRole(
      "ci",
      Trust(
          R"({"Federated":"arn:aws:iam::123456789012:oidc-provider/token.example.com"})",
          R"("sts:AssumeRoleWithWebIdentity")",
          R"({"StringEquals":{"token.example.com:aud":"sts.amazonaws.com"},"StringLike":{"token.example.com:sub":"repo:me/*"}})"));
  const std::int64_t exp = clock_.Now() / 1000 + 600;
  nlohmann::json claims = {{"iss", "https://token.example.com"},
                           {"aud", "sts.amazonaws.com"},
                           {"sub", "repo:me/app"},
                           {"exp", exp}};
  ops::WebIdentityInput in{"arn:aws:iam::123456789012:role/ci", "gh", Jwt(claims), {}, {}, {}};
  auto ok = ops::AssumeRoleWithWebIdentity(ctx_, in);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->subject, "repo:me/app");
  EXPECT_EQ(ok->audience, "sts.amazonaws.com");
  EXPECT_EQ(ok->issued.session->arn, "arn:aws:sts::123456789012:assumed-role/ci/gh");

  struct Case {
    nlohmann::json patch;
    const char* code;
    const char* message;
  } cases[] = {
      {{{"sub", "repo:other/app"}},
       "AccessDenied",
       "Not authorized to perform sts:AssumeRoleWithWebIdentity"},
      {{{"aud", "someone-else"}}, "InvalidIdentityToken", "Incorrect token audience"},
      {{{"iss", "https://unknown.example.com"}},
       "InvalidIdentityToken",
       "No OpenIDConnect provider found in your account for https://unknown.example.com"},
      {{{"exp", exp - 1200}}, "ExpiredTokenException", nullptr},
  };
  for (const auto& c : cases) {
    nlohmann::json bad = claims;
    bad.update(c.patch);
    in.token = Jwt(bad);
    auto r = ops::AssumeRoleWithWebIdentity(ctx_, in);
    ASSERT_FALSE(r.has_value()) << c.patch.dump();
    EXPECT_EQ(r.error().code, c.code) << c.patch.dump();
    if (c.message) {
      EXPECT_EQ(r.error().message, c.message);
    }
  }
  in.token = "not-a-jwt";
  EXPECT_EQ(ops::AssumeRoleWithWebIdentity(ctx_, in).error().code, "InvalidIdentityToken");
}

constexpr char kMetadata[] =
    R"(<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>)";

std::string Assertion(const std::string& issuer, const std::string& role_pair,
                      const std::string& not_after) {
  std::string xml =
      R"(<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>)" +
      issuer + R"(</saml:Issuer><saml:Assertion><saml:Issuer>)" + issuer +
      R"(</saml:Issuer><saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">alice</saml:NameID><saml:SubjectConfirmation><saml:SubjectConfirmationData NotOnOrAfter=")" +
      not_after +
      R"(" Recipient="https://signin.aws.amazon.com/saml"/></saml:SubjectConfirmation></saml:Subject><saml:AttributeStatement><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/Role"><saml:AttributeValue>)" +
      role_pair +
      R"(</saml:AttributeValue></saml:Attribute><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/RoleSessionName"><saml:AttributeValue>alice@example.com</saml:AttributeValue></saml:Attribute><saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/PrincipalTag:dept"><saml:AttributeValue>eng</saml:AttributeValue></saml:Attribute></saml:AttributeStatement></saml:Assertion></samlp:Response>)";
  return Base64Encode(xml);
}

TEST_F(StsTest, SamlChecksIssuerRoleAttributeAndTrust) {
  auto provider = ops::CreateSamlProvider(ctx_, {"corp", kMetadata, {}, ""});
  ASSERT_TRUE(provider.has_value()) << provider.error().message;
  const std::string provider_arn = "arn:aws:iam::123456789012:saml-provider/corp";
  const std::string role_arn = "arn:aws:iam::123456789012:role/sso";
  MakeRole("sso", Trust(R"({"Federated":")" + provider_arn + R"("})",
                        R"("sts:AssumeRoleWithSAML","sts:TagSession")",
                        R"({"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}})"));
  const std::string later = "2030-01-01T00:00:00Z";
  ops::SamlInput in{role_arn,
                    provider_arn,
                    Assertion("https://idp.example.com/saml", role_arn + "," + provider_arn, later),
                    {},
                    {}};
  auto ok = ops::AssumeRoleWithSAML(ctx_, in);
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->subject, "alice");
  EXPECT_EQ(ok->subject_type, "persistent");
  EXPECT_EQ(ok->audience, "https://signin.aws.amazon.com/saml");
  EXPECT_EQ(ok->issued.session->arn,
            "arn:aws:sts::123456789012:assumed-role/sso/alice@example.com");
  EXPECT_EQ(ok->issued.session->tags, (Tags{{"dept", "eng"}}));

  in.assertion = Assertion("https://evil.example.com", role_arn + "," + provider_arn, later);
  EXPECT_EQ(ops::AssumeRoleWithSAML(ctx_, in).error().message,
            "Issuer not present in specified provider");
  in.assertion = Assertion("https://idp.example.com/saml",
                           "arn:aws:iam::123456789012:role/other," + provider_arn, later);
  EXPECT_EQ(ops::AssumeRoleWithSAML(ctx_, in).error().code, "AccessDenied");
  in.assertion = Assertion("https://idp.example.com/saml", provider_arn + "," + role_arn,
                           "2020-01-01T00:00:00Z");
  EXPECT_EQ(ops::AssumeRoleWithSAML(ctx_, in).error().code, "ExpiredTokenException");
  in.assertion = "bm90IHhtbA==";
  EXPECT_EQ(ops::AssumeRoleWithSAML(ctx_, in).error().code, "InvalidIdentityToken");
}

TEST_F(StsTest, AuthorizationMessagesRoundTrip) {
  nlohmann::json m = {{"allowed", false}, {"explicitDeny", false}};
  auto decoded = ops::DecodeAuthorizationMessage(ctx_, ops::EncodeAuthorizationMessage(m));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(nlohmann::json::parse(*decoded), m);
  for (const std::string& bad : std::vector<std::string>{"garbage", Base64Encode("{}"), ""}) {
    auto r = ops::DecodeAuthorizationMessage(ctx_, bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, "InvalidAuthorizationMessageException");
  }
}

TEST_F(StsTest, AccessKeyInfo) {
  EXPECT_EQ(ops::GetAccessKeyInfo(ctx_, "210987654321"), kAccountB);
  MakeRole("shared", Trust(R"({"AWS":"123456789012"})"), 3600, kAccountB);
  auto s = ops::AssumeRole(ctx_, Assume("shared", kAccountB));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(ops::GetAccessKeyInfo(ctx_, s->session->access_key_id), kAccountB);
  EXPECT_EQ(ops::GetAccessKeyInfo(ctx_, "AKIAUNKNOWNUNKNOWN00"), kAccountA);
}

TEST_F(StsTest, ExpiredSessionsAreDroppedByTheNextIssue) {
  auto first = ops::GetSessionToken(ctx_, 900, std::nullopt, std::nullopt);
  ASSERT_TRUE(first.has_value());
  clock_.Advance(901 * 1000);
  ASSERT_TRUE(ops::GetSessionToken(ctx_, 900, std::nullopt, std::nullopt).has_value());
  EXPECT_FALSE(ops::FindSession(store_, first->session->access_key_id));
}

TEST_F(StsTest, ResetClearsSessions) {
  auto s = ops::GetSessionToken(ctx_, 900, std::nullopt, std::nullopt);
  ASSERT_TRUE(s.has_value());
  ASSERT_TRUE(store_.Clear());
  EXPECT_FALSE(ops::FindSession(store_, s->session->access_key_id));
}

}  // namespace
}  // namespace iamlite
