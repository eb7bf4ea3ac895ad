#include "core/ops/attachments.h"

#include <gtest/gtest.h>

#include "core/aws_managed_policies.h"
#include "core/names.h"
#include "core/ops/managed_policies.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using ops::EntityKind;

constexpr const char* kAccount = "123456789012";
constexpr const char* kDoc =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
constexpr const char* kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

std::string Arn(const std::string& name, const std::string& path = "/") {
  return std::string("arn:aws:iam::") + kAccount + ":policy" + path + name;
}

class AttachmentsTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, {"alice", "/", "", {}}));
    // Groups and roles are created through the store here; their own operations live
    // elsewhere.
    Group g;
    g.id = "AGPAEXAMPLE";
    g.name = "Devs";
    Role r;
    r.id = "AROAEXAMPLE";
    r.name = "Runner";
    ASSERT_TRUE(store_.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
      return Change().Upsert(FoldName(g.name), g).Upsert(FoldName(r.name), r);
    }));
  }
  void MustCreatePolicy(const std::string& name, const std::string& path = "/") {
    ASSERT_TRUE(ops::CreatePolicy(ctx_, {name, path, kDoc, "", {}})) << name;
  }
  int Count(const std::string& arn) { return ops::GetPolicy(ctx_, arn)->attachment_count; }
  std::vector<std::string> Attached(EntityKind kind, const std::string& name,
                                    const std::string& prefix = "/") {
    std::vector<std::string> out;
    auto page = ops::ListAttachedPolicies(ctx_, kind, name, prefix, {});
    EXPECT_TRUE(page.has_value());
    if (page)
      for (const auto& a : page->items) out.push_back(a.name + "=" + a.arn);
    return out;
  }
};

struct EntityCase {
  EntityKind kind;
  std::string name;
  std::string quota;
  std::string missing_message;
};

std::vector<EntityCase> Entities() {
  return {
      {EntityKind::kUser, "alice", "PoliciesPerUser", "The user with name ghost cannot be found."},
      {EntityKind::kGroup, "devs", "PoliciesPerGroup",
       "The group with name ghost cannot be found."},
      {EntityKind::kRole, "runner", "PoliciesPerRole",
       "The role with name ghost cannot be found."}};
}

TEST_F(AttachmentsTest, AttachAndDetachKeepBothSidesInStep) {
  MustCreatePolicy("Mine", "/team/");
  for (const auto& e : Entities()) {
    ASSERT_TRUE(ops::AttachPolicy(ctx_, e.kind, e.name, Arn("Mine", "/team/"))) << e.name;
    ASSERT_TRUE(ops::AttachPolicy(ctx_, e.kind, e.name, kReadOnly));
    ASSERT_TRUE(ops::AttachPolicy(ctx_, e.kind, e.name, kReadOnly));  // again: no-op
    EXPECT_EQ(Attached(e.kind, e.name),
              (std::vector<std::string>{"Mine=" + Arn("Mine", "/team/"),
                                        std::string("ReadOnlyAccess=") + kReadOnly}));
  }
  EXPECT_EQ(Count(Arn("Mine", "/team/")), 3);
  EXPECT_EQ(Count(kReadOnly), 3);
  for (const auto& e : Entities()) {
    ASSERT_TRUE(ops::DetachPolicy(ctx_, e.kind, e.name, kReadOnly));
    auto again = ops::DetachPolicy(ctx_, e.kind, e.name, kReadOnly);
    ASSERT_FALSE(again.has_value());
    EXPECT_EQ(again.error().code, "NoSuchEntity");
    EXPECT_EQ(again.error().http_status, 404);
    EXPECT_EQ(again.error().message, std::string("Policy ") + kReadOnly + " was not found.");
  }
  EXPECT_EQ(Count(kReadOnly), 0);
  store_.Read(kAccount, [](const AccountState& s) {
    EXPECT_FALSE(s.settings->aws_policy_attachments.contains(kReadOnly));
  });
  EXPECT_EQ(Count(Arn("Mine", "/team/")), 3);
}

TEST_F(AttachmentsTest, ErrorsPerEntityKind) {
  MustCreatePolicy("Mine");
  for (const auto& e : Entities()) {
    auto bad = ops::AttachPolicy(ctx_, e.kind, e.name, "longpolicynamebutnoarn");
    ASSERT_FALSE(bad.has_value());
    EXPECT_EQ(bad.error().code, "ValidationError");
    EXPECT_EQ(bad.error().http_status, 400);
    EXPECT_EQ(bad.error().message, "ARN longpolicynamebutnoarn is not valid.");
    auto absent = ops::AttachPolicy(ctx_, e.kind, e.name, Arn("nonexistent"));
    ASSERT_FALSE(absent.has_value());
    EXPECT_EQ(absent.error().code, "NoSuchEntity");
    EXPECT_EQ(absent.error().message,
              "Policy " + Arn("nonexistent") + " does not exist or is not attachable.");
    auto aws_absent = ops::AttachPolicy(ctx_, e.kind, e.name, "arn:aws:iam::aws:policy/Nope");
    EXPECT_EQ(aws_absent.error().message,
              "Policy arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
    for (auto r : {ops::AttachPolicy(ctx_, e.kind, "ghost", Arn("Mine")),
                   ops::DetachPolicy(ctx_, e.kind, "ghost", Arn("Mine"))}) {
      ASSERT_FALSE(r.has_value());
      EXPECT_EQ(r.error().message, e.missing_message);
    }
    auto list = ops::ListAttachedPolicies(ctx_, e.kind, "ghost", "/", {});
    EXPECT_EQ(list.error().message, e.missing_message);
    auto not_attached = ops::DetachPolicy(ctx_, e.kind, e.name, Arn("Mine"));
    EXPECT_EQ(not_attached.error().message, "Policy " + Arn("Mine") + " was not found.");
  }
}

TEST_F(AttachmentsTest, ServiceRolePoliciesAreNotAttachable) {
  const AwsManagedPolicy* service = nullptr;
  for (const auto* p : AwsManagedPoliciesSorted())
    if (p->path == "/aws-service-role/") service = p;
  ASSERT_NE(service, nullptr);
  for (const auto& e : Entities()) {
    auto r = ops::AttachPolicy(ctx_, e.kind, e.name, service->arn);
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, "PolicyNotAttachable");
    EXPECT_EQ(r.error().http_status, 400);
  }
  auto role = ops::AttachPolicy(ctx_, EntityKind::kRole, "runner", service->arn);
  EXPECT_EQ(role.error().message, "Cannot attach a Service Role Policy to a Customer Role.");
  EXPECT_EQ(ops::GetPolicy(ctx_, service->arn)->attachment_count, 0);
}

TEST_F(AttachmentsTest, TenPoliciesPerEntity) {
  for (int i = 0; i < 11; ++i) MustCreatePolicy("p" + std::to_string(i));
  for (const auto& e : Entities()) {
    for (int i = 0; i < 10; ++i)
      ASSERT_TRUE(ops::AttachPolicy(ctx_, e.kind, e.name, Arn("p" + std::to_string(i))));
    auto over = ops::AttachPolicy(ctx_, e.kind, e.name, Arn("p10"));
    ASSERT_FALSE(over.has_value());
    EXPECT_EQ(over.error().code, "LimitExceeded");
    EXPECT_EQ(over.error().http_status, 409);
    EXPECT_EQ(over.error().message, "Cannot exceed quota for " + e.quota + ": 10");
    // Re-attaching one already there is still fine at the limit.
    EXPECT_TRUE(ops::AttachPolicy(ctx_, e.kind, e.name, Arn("p3")));
  }
  EXPECT_EQ(Count(Arn("p10")), 0);
  EXPECT_EQ(Count(Arn("p0")), 3);
}

TEST_F(AttachmentsTest, ListFiltersByPolicyPathAndPaginates) {
  MustCreatePolicy("a", "/x/");
  MustCreatePolicy("b", "/x/y/");
  MustCreatePolicy("c", "/");
  for (auto arn : {Arn("a", "/x/"), Arn("b", "/x/y/"), Arn("c"), std::string(kReadOnly)})
    ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kUser, "alice", arn));
  EXPECT_EQ(Attached(EntityKind::kUser, "alice", "/x/"),
            (std::vector<std::string>{"a=" + Arn("a", "/x/"), "b=" + Arn("b", "/x/y/")}));
  EXPECT_EQ(Attached(EntityKind::kUser, "alice", "/x/y").size(), 1u);
  EXPECT_EQ(Attached(EntityKind::kUser, "alice").size(), 4u);
  auto first = ops::ListAttachedPolicies(ctx_, EntityKind::kUser, "alice", "/",
                                         PageRequest{std::nullopt, 3});
  ASSERT_TRUE(first.has_value() && first->truncated);
  auto rest = ops::ListAttachedPolicies(ctx_, EntityKind::kUser, "alice", "/",
                                        PageRequest{first->next_marker, 3});
  ASSERT_TRUE(rest.has_value());
  EXPECT_FALSE(rest->truncated);
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].arn, kReadOnly);
}

TEST_F(AttachmentsTest, LookupsIgnoreCaseAndDeleteUserWaitsForDetach) {
  MustCreatePolicy("Mine");
  ASSERT_TRUE(ops::AttachPolicy(ctx_, EntityKind::kUser, "ALICE", Arn("Mine")));
  auto blocked = ops::DeleteUser(ctx_, "alice");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().message, "Cannot delete entity, must detach all policies first.");
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kUser, "Alice", Arn("Mine")));
  EXPECT_TRUE(ops::DeleteUser(ctx_, "alice"));
  EXPECT_TRUE(ops::DeletePolicy(ctx_, Arn("Mine")));
}

}  // namespace
}  // namespace iamlite
