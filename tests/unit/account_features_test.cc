#include <gtest/gtest.h>

#include "core/ops/account.h"
#include "core/ops/delegation.h"
#include "core/ops/organizations.h"
#include "core/ops/sts_preferences.h"
#include "core/runtime.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class AccountFeaturesTest : public testing::OpTest {
 protected:
  void SetUp() override { ctx_.runtime = &runtime_; }
  ops::DelegationRequest Request(const std::string& workflow) {
    ops::DelegationRequest r;
    r.description = "deploy";
    r.requestor_workflow_id = workflow;
    r.notification_channel = "arn:aws:sns:us-east-1:123456789012:t";
    r.session_duration = 900;
    return r;
  }
  Runtime runtime_;
};

TEST_F(AccountFeaturesTest, TokenVersionShowsInAccountSummary) {
  EXPECT_EQ(ops::AccountSummary(ctx_)["GlobalEndpointTokenVersion"], 1);
  ASSERT_TRUE(ops::SetSecurityTokenServicePreferences(ctx_, "v2Token"));
  EXPECT_EQ(ops::AccountSummary(ctx_)["GlobalEndpointTokenVersion"], 2);
  ASSERT_TRUE(ops::SetSecurityTokenServicePreferences(ctx_, "v1Token"));
  EXPECT_EQ(ops::AccountSummary(ctx_)["GlobalEndpointTokenVersion"], 1);
}

TEST_F(AccountFeaturesTest, OutboundFederationIsPerAccountState) {
  auto off = ops::GetOutboundWebIdentityFederationInfo(ctx_);
  ASSERT_FALSE(off.has_value());
  EXPECT_EQ(off.error().code, "FeatureDisabled");
  EXPECT_EQ(off.error().http_status, 404);
  auto issuer = ops::EnableOutboundWebIdentityFederation(ctx_);
  ASSERT_TRUE(issuer.has_value());
  EXPECT_TRUE(issuer->ends_with(".tokens.sts.global.api.aws"));
  auto again = ops::EnableOutboundWebIdentityFederation(ctx_);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "FeatureEnabled");
  EXPECT_EQ(again.error().http_status, 409);
  EXPECT_EQ(*ops::GetOutboundWebIdentityFederationInfo(ctx_), *issuer);
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other, &runtime_};
  EXPECT_FALSE(ops::GetOutboundWebIdentityFederationInfo(ctx2).has_value());
  ASSERT_TRUE(ops::DisableOutboundWebIdentityFederation(ctx_));
  EXPECT_FALSE(ops::DisableOutboundWebIdentityFederation(ctx_).has_value());
}

TEST_F(AccountFeaturesTest, OrganizationNotFound) {
  IamError e = ops::OrganizationNotFound();
  EXPECT_EQ(e.code, "OrganizationNotFoundException");
  EXPECT_EQ(e.http_status, 400);
  EXPECT_EQ(e.message,
            "The request was rejected because no organization is associated with your account.");
}

TEST_F(AccountFeaturesTest, DelegationRequestStates) {
  auto created = ops::CreateDelegationRequest(ctx_, Request("wf"));
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->state, "UNASSIGNED");
  EXPECT_FALSE(ops::CreateDelegationRequest(ctx_, Request("wf")).has_value());
  const std::string id = created->id;
  EXPECT_FALSE(ops::AcceptDelegationRequest(ctx_, id).has_value());  // not yet associated
  ASSERT_TRUE(ops::AssociateDelegationRequest(ctx_, id));
  EXPECT_EQ(ops::GetDelegationRequest(ctx_, id)->owner_id, "arn:aws:iam::123456789012:root");
  EXPECT_FALSE(ops::SendDelegationToken(ctx_, id).has_value());  // not accepted
  ASSERT_TRUE(ops::AcceptDelegationRequest(ctx_, id));
  ASSERT_TRUE(ops::SendDelegationToken(ctx_, id));
  EXPECT_EQ(ops::GetDelegationRequest(ctx_, id)->state, "FINALIZED");
  auto summary = ops::GetHumanReadableSummary(
      ctx_, "arn:aws:iam::123456789012:delegation-request/" + id, std::nullopt);
  ASSERT_TRUE(summary.has_value());
  EXPECT_EQ(summary->state, "AVAILABLE");
  EXPECT_EQ(summary->locale, "en");
}

TEST_F(AccountFeaturesTest, DelegationRequestsExpireAndStayWithTheirAccounts) {
  auto r = Request("wf2");
  r.owner_account = "210987654321";
  auto created = ops::CreateDelegationRequest(ctx_, r);
  ASSERT_TRUE(created.has_value());
  Caller third = Caller::Root("333333333333");
  OpContext ctx3{store_, clock_, ids_, third, &runtime_};
  auto hidden = ops::GetDelegationRequest(ctx3, created->id);
  ASSERT_FALSE(hidden.has_value());
  EXPECT_EQ(hidden.error().code, "NoSuchEntity");
  Caller owner = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, owner, &runtime_};
  EXPECT_TRUE(ops::GetDelegationRequest(ctx2, created->id).has_value());
  clock_.Advance(25LL * 3600 * 1000);
  EXPECT_EQ(ops::GetDelegationRequest(ctx2, created->id)->state, "EXPIRED");
  EXPECT_FALSE(ops::AssociateDelegationRequest(ctx2, created->id).has_value());
}

}  // namespace
}  // namespace iamlite
