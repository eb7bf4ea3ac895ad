// The simulator reuses compiled policies between requests (policy::CompileCached) and, with a
// Runtime, each principal's effective policies (ops::EffectivePoliciesCache): every write that
// changes a principal's policies must show in the next simulation, whatever the path (inline
// policy, managed policy version, attachment, reset, import, other accounts).
#include <gtest/gtest.h>

#include "core/ops/attachments.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/managed_policies.h"
#include "core/ops/simulator.h"
#include "core/ops/users.h"
#include "core/policy/compiled_policy.h"
#include "core/policy/parser.h"
#include "core/runtime.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using ops::EntityKind;

constexpr const char* kAccount = "123456789012";
constexpr const char* kOther = "210987654321";
constexpr const char* kAllowGet =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})";
constexpr const char* kAllowPut =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:PutObject","Resource":"*"}})";
constexpr const char* kDenyGet =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}})";

class SimulatorCacheTest : public testing::OpTest {
 protected:
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"ann", "/", "", {}})); }

  // The decision for s3:GetObject by `user` of `account`, simulated twice (the second run
  // uses the cache when the first filled it; both must agree).
  std::string GetDecision(const std::string& account = kAccount, const std::string& user = "ann") {
    Caller c = Caller::Root(account);
    OpContext ctx{store_, clock_, ids_, c, &runtime_};
    ops::SimulationInput in;
    in.policy_source_arn = "arn:aws:iam::" + account + ":user/" + user;
    in.actions = {"s3:GetObject"};
    std::string first;
    for (int i = 0; i < 2; ++i) {
      auto page = ops::Simulate(ctx, in);
      EXPECT_TRUE(page) << page.error().message;
      if (!page || page->items.size() != 1) return "error";
      if (i == 0) first = page->items[0].decision;
      EXPECT_EQ(page->items[0].decision, first);
    }
    return first;
  }
  Runtime runtime_;  // holds the effective-policies cache the simulations share

  static std::string Arn(const std::string& name, const std::string& account = kAccount) {
    return "arn:aws:iam::" + account + ":policy/" + name;
  }
};

TEST_F(SimulatorCacheTest, InlinePolicyRewriteAndDelete) {
  EXPECT_EQ(GetDecision(), "implicitDeny");
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  EXPECT_EQ(GetDecision(), "allowed");
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowPut));
  EXPECT_EQ(GetDecision(), "implicitDeny");
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  EXPECT_EQ(GetDecision(), "allowed");
  ASSERT_TRUE(ops::DeleteInlinePolicy(ctx_, EntityKind::kUser, "ann", "p"));
  EXPECT_EQ(GetDecision(), "implicitDeny");
}

TEST_F(SimulatorCacheTest, ManagedPolicyVersionsAndAttachments) {
  ASSERT_TRUE(ops::CreatePolicy(ctx_, {"m", "/", kAllowGet, "", {}}));
  ASSERT_TRUE(ops::CreateGroup(ctx_, "g", "/"));
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "g", "ann"));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kGroup, "g", Arn("m")));
  EXPECT_EQ(GetDecision(), "allowed");
  ASSERT_TRUE(ops::CreatePolicyVersion(ctx_, Arn("m"), kDenyGet, /*set_as_default=*/true));
  EXPECT_EQ(GetDecision(), "explicitDeny");
  ASSERT_TRUE(ops::SetDefaultPolicyVersion(ctx_, Arn("m"), "v1"));
  EXPECT_EQ(GetDecision(), "allowed");
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "g", "ann"));
  EXPECT_EQ(GetDecision(), "implicitDeny");
  ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kUser, "ann", Arn("m")));
  EXPECT_EQ(GetDecision(), "allowed");
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kUser, "ann", Arn("m")));
  EXPECT_EQ(GetDecision(), "implicitDeny");
}

TEST_F(SimulatorCacheTest, ResetImportAndOtherAccounts) {
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  EXPECT_EQ(GetDecision(), "allowed");
  // The same user and policy names in another account, with another document.
  Caller other = Caller::Root(kOther);
  OpContext octx{store_, clock_, ids_, other};
  ASSERT_TRUE(ops::CreateUser(octx, {"ann", "/", "", {}}));
  ASSERT_TRUE(ops::PutInlinePolicy(octx, EntityKind::kUser, "ann", "p", kDenyGet));
  EXPECT_EQ(GetDecision(kOther), "explicitDeny");
  EXPECT_EQ(GetDecision(), "allowed");

  // Reset, then the same names again with another document.
  auto saved = store_.Snapshot();
  ASSERT_TRUE(store_.Clear());
  ASSERT_TRUE(ops::CreateUser(ctx_, {"ann", "/", "", {}}));
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowPut));
  EXPECT_EQ(GetDecision(), "implicitDeny");

  // Import the state saved before the reset: its policies apply again.
  ASSERT_TRUE(store_.ReplaceAll(saved));
  EXPECT_EQ(GetDecision(), "allowed");
  EXPECT_EQ(GetDecision(kOther), "explicitDeny");
}

TEST_F(SimulatorCacheTest, EffectivePoliciesAreReusedOnlyAtTheirGeneration) {
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  const std::string arn = "arn:aws:iam::123456789012:user/ann";
  std::shared_ptr<const ops::EffectivePolicies> first, again, after;
  store_.Read(kAccount, [&](const AccountState& s) {
    first = *runtime_.effective_policies.Get(s, kAccount, arn);
    again = *runtime_.effective_policies.Get(s, kAccount, arn);
  });
  EXPECT_EQ(again, first);  // the kept object, not a recomputation
  EXPECT_EQ(runtime_.effective_policies.size(), 1u);
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "q", kAllowPut));
  store_.Read(kAccount, [&](const AccountState& s) {
    after = *runtime_.effective_policies.Get(s, kAccount, arn);
  });
  EXPECT_NE(after, first);
  EXPECT_EQ(first->identity.size(), 1u);
  EXPECT_EQ(after->identity.size(), 2u);
  // Errors are answered, not kept.
  store_.Read(kAccount, [&](const AccountState& s) {
    auto missing = runtime_.effective_policies.Get(s, kAccount, "arn:aws:iam::123456789012:user/x");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, "NoSuchEntity");
  });
  EXPECT_EQ(runtime_.effective_policies.size(), 1u);
  // The simulations of the other tests go through this cache.
  EXPECT_EQ(GetDecision(), "allowed");
  EXPECT_EQ(runtime_.effective_policies.size(), 1u);
}

TEST(CompileCacheTest, OneCompilationPerPolicyObject) {
  auto a = policy::ParsePolicy(kAllowGet, policy::PolicyKind::kIdentity);
  auto b = policy::ParsePolicy(kAllowGet, policy::PolicyKind::kIdentity);
  ASSERT_TRUE(a && b);
  auto ca = policy::CompileCached(*a);
  EXPECT_EQ(policy::CompileCached(*a), ca);  // the same object: the same compiled form
  EXPECT_NE(policy::CompileCached(*b), ca);  // an equal but distinct object: its own
  EXPECT_EQ(policy::CompileCached(nullptr), nullptr);
}

TEST(CompileCacheTest, DeadPoliciesAreNeverReturnedAndAreSwept) {
  // Many short-lived policies in turn: each gets its own compiled form even when the
  // allocator reuses a freed policy's address, and the cache does not grow without bound.
  for (int i = 0; i < 5000; ++i) {
    const char* text = i % 2 ? kAllowGet : kDenyGet;
    auto p = policy::ParsePolicy(text, policy::PolicyKind::kIdentity);
    ASSERT_TRUE(p);
    auto compiled = policy::CompileCached(*p);
    ASSERT_EQ(compiled->statements.size(), 1u);
    ASSERT_EQ(compiled->statements[0].effect,
              i % 2 ? policy::Effect::kAllow : policy::Effect::kDeny)
        << i;
  }
  EXPECT_LE(policy::CompileCacheSize(), 4096u);
}

}  // namespace
}  // namespace iamlite
