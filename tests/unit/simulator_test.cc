// Effective policies of store principals and the policy simulator's mapping of decisions.
#include "core/ops/simulator.h"

#include <gtest/gtest.h>

#include "core/ops/attachments.h"
#include "core/ops/boundaries.h"
#include "core/ops/effective_policies.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/managed_policies.h"
#include "core/ops/roles.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using ops::EntityKind;

constexpr const char* kAccount = "123456789012";
constexpr const char* kBilling =
    R"({"Version":"2012-10-17","Statement":[{"Sid":"List","Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::billing"},{"Sid":"Read","Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::billing/*"}]})";
constexpr const char* kDenyDelete =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:DeleteObject","Resource":"*"}})";
constexpr const char* kS3Only =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*"}})";
constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}})";

class SimulatorTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, {"mary", "/company/", "", {{"team", "finance"}}}));
    ASSERT_TRUE(ops::CreateGroup(ctx_, "Accountants", "/company/"));
    ASSERT_TRUE(ops::AddUserToGroup(ctx_, "Accountants", "mary"));
    ASSERT_TRUE(ops::CreatePolicy(ctx_, {"Billing", "/", kBilling, "", {}}));
    ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kGroup, "Accountants", Arn("Billing")));
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "mary", "NoDelete", kDenyDelete));
  }
  static std::string Arn(const std::string& name) {
    return std::string("arn:aws:iam::") + kAccount + ":policy/" + name;
  }
  std::vector<ops::SimEvaluation> Run(ops::SimulationInput in) {
    auto page = ops::Simulate(ctx_, in);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->items : std::vector<ops::SimEvaluation>{};
  }
};

TEST_F(SimulatorTest, UserPoliciesIncludeInlineAttachedAndGroupPolicies) {
  auto eff = ops::EffectivePoliciesOf(ctx_, "arn:aws:iam::123456789012:user/company/mary");
  ASSERT_TRUE(eff) << eff.error().message;
  ASSERT_EQ(eff->identity.size(), 2u);
  EXPECT_EQ(eff->identity[0].id, "user_mary_NoDelete");
  EXPECT_EQ(eff->identity[1].id, "Billing");
  for (const auto& p : eff->identity) EXPECT_EQ(p.type, "IAM Policy");
  EXPECT_FALSE(eff->boundary);
  EXPECT_EQ(eff->context.Find("aws:username")->value.values[0], "mary");
  EXPECT_EQ(eff->context.Find("aws:PrincipalType")->value.values[0], "User");
  EXPECT_EQ(eff->context.Find("aws:PrincipalAccount")->value.values[0], kAccount);
  EXPECT_EQ(eff->context.Find("aws:PrincipalArn")->value.values[0],
            "arn:aws:iam::123456789012:user/company/mary");
  EXPECT_EQ(eff->context.Find("aws:principaltag/team")->value.values[0], "finance");
}

TEST_F(SimulatorTest, GroupAndRolePoliciesAndBoundary) {
  auto group =
      ops::EffectivePoliciesOf(ctx_, "arn:aws:iam::123456789012:group/company/Accountants");
  ASSERT_TRUE(group);
  ASSERT_EQ(group->identity.size(), 1u);
  EXPECT_EQ(group->identity[0].id, "Billing");

  ASSERT_TRUE(ops::CreateRole(ctx_, {"Runner", kTrust, "/", "", std::nullopt, "", {}}));
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kRole, "Runner", "All", kS3Only));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kRole, "Runner",
                                "arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess"));
  ASSERT_TRUE(ops::CreatePolicy(ctx_, {"OnlyList", "/", kBilling, "", {}}));
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "Runner", Arn("OnlyList")));
  auto role = ops::EffectivePoliciesOf(ctx_, "arn:aws:iam::123456789012:role/Runner");
  ASSERT_TRUE(role) << role.error().message;
  ASSERT_EQ(role->identity.size(), 2u);
  EXPECT_EQ(role->identity[0].id, "role_Runner_All");
  EXPECT_EQ(role->identity[1].id, "AmazonEC2ReadOnlyAccess");
  ASSERT_TRUE(role->boundary);
  EXPECT_EQ(role->boundary->id, "OnlyList");
  EXPECT_EQ(role->context.Find("aws:PrincipalType")->value.values[0], "AssumedRole");

  // The boundary caps s3:* to what OnlyList allows.
  ops::SimulationInput in;
  in.policy_source_arn = "arn:aws:iam::123456789012:role/Runner";
  in.actions = {"s3:GetObject", "s3:PutObject"};
  in.resources = {"arn:aws:s3:::billing/a"};
  auto r = Run(in);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].decision, "allowed");
  EXPECT_EQ(r[0].allowed_by_boundary, true);
  EXPECT_EQ(r[1].decision, "implicitDeny");
  EXPECT_EQ(r[1].allowed_by_boundary, false);
}

TEST_F(SimulatorTest, UnknownPrincipalsAreNoSuchEntity) {
  struct Case {
    std::string arn, code, message;
  } cases[] = {
      {"arn:aws:iam::123456789012:user/peter", "NoSuchEntity",
       "The user with name peter cannot be found."},
      {"arn:aws:iam::123456789012:role/Nope", "NoSuchEntity",
       "The role with name Nope cannot be found."},
      {"arn:aws:iam::123456789012:group/Nope", "NoSuchEntity",
       "The group with name Nope cannot be found."},
      {"arn:aws:s3:::bucket", "InvalidInput", "Invalid ARN: arn:aws:s3:::bucket"},
  };
  for (const auto& c : cases) {
    auto eff = ops::EffectivePoliciesOf(ctx_, c.arn);
    ASSERT_FALSE(eff) << c.arn;
    EXPECT_EQ(eff.error().code, c.code) << c.arn;
    EXPECT_EQ(eff.error().message, c.message) << c.arn;
  }
}

TEST_F(SimulatorTest, DecisionsAndMatchedStatements) {
  ops::SimulationInput in;
  in.policy_source_arn = "arn:aws:iam::123456789012:user/company/mary";
  in.actions = {"s3:ListBucket", "s3:DeleteObject", "s3:PutObject"};
  in.resources = {"arn:aws:s3:::billing"};
  auto r = Run(in);
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].decision, "allowed");
  ASSERT_EQ(r[0].matched.size(), 1u);
  EXPECT_EQ(r[0].matched[0].source_policy_id, "Billing");
  EXPECT_EQ(r[0].matched[0].start.line, 1);
  EXPECT_EQ(r[0].matched[0].start.column, 39);
  EXPECT_EQ(r[1].decision, "explicitDeny");
  ASSERT_EQ(r[1].matched.size(), 1u);
  EXPECT_EQ(r[1].matched[0].source_policy_id, "user_mary_NoDelete");
  EXPECT_EQ(r[2].decision, "implicitDeny");
  EXPECT_TRUE(r[2].matched.empty());
  EXPECT_FALSE(r[2].allowed_by_boundary);
  ASSERT_EQ(r[2].resource_results.size(), 1u);
  EXPECT_EQ(r[2].resource_results[0].decision, "implicitDeny");
  EXPECT_FALSE(r[0].explanation.empty());
}

// The recorded real-AWS answer (test_iam.snapshot.json, test_simulate_principle_policy): the
// statement spans columns 41 to 113 of line 1.
TEST_F(SimulatorTest, RecordedSpans) {
  ops::SimulationInput in;
  in.policy_inputs = {
      R"({"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}})"};
  in.actions = {"s3:PutObject", "s3:GetObjectVersion"};
  in.resources = {"arn:aws:s3:::bucket"};
  auto r = Run(in);
  ASSERT_EQ(r.size(), 2u);
  ASSERT_EQ(r[0].matched.size(), 1u);
  EXPECT_EQ(r[0].matched[0].source_policy_id, "PolicyInputList.1");
  EXPECT_EQ(r[0].matched[0].start.column, 41);
  EXPECT_EQ(r[0].matched[0].end.column, 113);
  EXPECT_EQ(r[1].decision, "implicitDeny");
}

TEST_F(SimulatorTest, ContextEntriesAndMissingValues) {
  const char* doc =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"ec2:RunInstances","Resource":"*","Condition":{"NumericLessThan":{"ec2:count":"5"},"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}})";
  ops::SimulationInput in;
  in.policy_inputs = {doc};
  in.actions = {"ec2:RunInstances"};
  auto missing = Run(in);
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].decision, "implicitDeny");
  EXPECT_EQ(missing[0].resource, "*");
  EXPECT_FALSE(missing[0].missing_context.empty());
  in.context = {{"ec2:count", "numeric", {"3"}}, {"aws:SourceIp", "ip", {"10.1.2.3"}}};
  EXPECT_EQ(Run(in)[0].decision, "allowed");
  in.context = {{"ec2:count", "numeric", {"9"}}, {"aws:SourceIp", "ip", {"10.1.2.3"}}};
  EXPECT_EQ(Run(in)[0].decision, "implicitDeny");
  in.context = {{"ec2:count", "weird", {"9"}}};
  auto bad = ops::Simulate(ctx_, in);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidInput");
}

TEST_F(SimulatorTest, MalformedInputIsInvalidInputAndPagesWalk) {
  ops::SimulationInput in;
  in.policy_inputs = {"{not json"};
  in.actions = {"s3:GetObject"};
  auto bad = ops::Simulate(ctx_, in);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "InvalidInput");
  EXPECT_EQ(bad.error().message, "Syntax errors in policy.");

  in.policy_inputs = {kS3Only};
  in.actions = {"s3:A", "s3:B", "s3:C"};
  in.page.max_items = 2;
  auto first = ops::Simulate(ctx_, in);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_TRUE(first->truncated);
  in.page.marker = first->next_marker;
  auto second = ops::Simulate(ctx_, in);
  ASSERT_TRUE(second);
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_EQ(second->items[0].action, "s3:C");
  EXPECT_FALSE(second->truncated);
}

TEST_F(SimulatorTest, ContextKeysAreDeduplicatedInDocumentOrder) {
  const char* doc =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::b/${aws:username}/*","Condition":{"StringEquals":{"aws:PrincipalTag/team":"x","s3:prefix":"${aws:username}"}}},{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"Bool":{"AWS:USERNAME":"x","aws:SecureTransport":"true"}}}]})";
  auto keys = ops::ContextKeysForPolicies(ctx_, std::nullopt, {doc});
  ASSERT_TRUE(keys);
  EXPECT_EQ(*keys, (std::vector<std::string>{"aws:username", "aws:PrincipalTag/team", "s3:prefix",
                                             "aws:SecureTransport"}));
  auto none = ops::ContextKeysForPolicies(ctx_, "arn:aws:iam::123456789012:user/company/mary", {});
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->empty());
  auto ghost = ops::ContextKeysForPolicies(ctx_, "arn:aws:iam::123456789012:user/peter", {});
  ASSERT_FALSE(ghost);
  EXPECT_EQ(ghost.error().code, "NoSuchEntity");
}

}  // namespace
}  // namespace iamlite
