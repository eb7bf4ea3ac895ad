#include "core/ops/boundaries.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "core/ops/roles.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kAccount = "123456789012";
const std::string kCustomer = "arn:aws:iam::123456789012:policy/team/Boundary";
const std::string kOther = "arn:aws:iam::123456789012:policy/Other";
const std::string kAws = "arn:aws:iam::aws:policy/PowerUserAccess";
const std::string kAws2 = "arn:aws:iam::aws:policy/ReadOnlyAccess";

class BoundariesTest : public testing::OpTest {
 protected:
  void SetUp() override {
    // Customer managed policies as CreatePolicy will store them.
    for (auto [name, path] : {std::pair{"Boundary", "/team/"}, std::pair{"Other", "/"}}) {
      ASSERT_TRUE(store_.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
        ManagedPolicy p;
        p.id = "ANPA" + std::string(17, 'X');
        p.name = name;
        p.path = path;
        return Change().Upsert(FoldName(name), p);
      }));
    }
    ASSERT_TRUE(ops::CreateUser(ctx_, {"alice", "/", "", {}}));
    ops::CreateRoleInput in;
    in.role_name = "app";
    in.assume_role_policy_document = kTrust;
    ASSERT_TRUE(ops::CreateRole(ctx_, in));
  }
  int CustomerUsage(const std::string& name) {
    int n = -1;
    store_.Read(kAccount, [&](const AccountState& s) {
      n = s.policies.at(FoldName(name))->boundary_usage_count;
    });
    return n;
  }
  int AwsUsage(const std::string& arn) {
    int n = -1;
    store_.Read(kAccount, [&](const AccountState& s) {
      auto it = s.settings->aws_policy_boundary_usage.find(arn);
      n = it == s.settings->aws_policy_boundary_usage.end() ? 0 : it->second;
    });
    return n;
  }
  std::string UserBoundary() {
    return ops::GetUser(ctx_, std::string("alice"))->permissions_boundary;
  }
  std::string RoleBoundary() { return ops::GetRole(ctx_, "app")->permissions_boundary; }
};

TEST_F(BoundariesTest, FindBoundaryChecksFormThenExistence) {
  store_.Read(kAccount, [&](const AccountState& s) {
    auto customer = ops::FindBoundary(s, kCustomer);
    ASSERT_TRUE(customer.has_value());
    EXPECT_EQ(customer->customer->name, "Boundary");
    auto aws = ops::FindBoundary(s, kAws);
    ASSERT_TRUE(aws.has_value());
    EXPECT_EQ(aws->aws->name, "PowerUserAccess");
    struct Case {
      std::string arn;
      const char* code;
      std::string message;
    };
    std::vector<Case> cases = {
        {"arn:aws:iam::123456789012:not_a_policy/invalid", "InvalidInput",
         "ARN arn:aws:iam::123456789012:not_a_policy/invalid is not valid."},
        {"Boundary", "InvalidInput", "ARN Boundary is not valid."},
        {"arn:aws:iam::123456789012:policy/nonexistent-policy", "NoSuchEntity",
         "Scope ARN: arn:aws:iam::123456789012:policy/nonexistent-policy does not exist or is "
         "not attachable."},
        // The right name under another path is another policy.
        {"arn:aws:iam::123456789012:policy/Boundary", "NoSuchEntity",
         "Scope ARN: arn:aws:iam::123456789012:policy/Boundary does not exist or is not "
         "attachable."},
        {"arn:aws:iam::210987654321:policy/team/Boundary", "NoSuchEntity",
         "Scope ARN: arn:aws:iam::210987654321:policy/team/Boundary does not exist or is not "
         "attachable."},
        {"arn:aws:iam::aws:policy/NoSuchAwsPolicy", "NoSuchEntity",
         "Scope ARN: arn:aws:iam::aws:policy/NoSuchAwsPolicy does not exist or is not "
         "attachable."},
    };
    for (const auto& c : cases) {
      auto r = ops::FindBoundary(s, c.arn);
      ASSERT_FALSE(r.has_value()) << c.arn;
      EXPECT_EQ(r.error().code, c.code);
      EXPECT_EQ(r.error().message, c.message);
    }
  });
}

TEST_F(BoundariesTest, PutCountsAndReplacingMovesTheCount) {
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "APP", kCustomer));
  EXPECT_EQ(RoleBoundary(), kCustomer);
  EXPECT_EQ(CustomerUsage("Boundary"), 1);
  // The same boundary again counts once.
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "app", kCustomer));
  EXPECT_EQ(CustomerUsage("Boundary"), 1);
  ASSERT_TRUE(ops::PutUserPermissionsBoundary(ctx_, "alice", kCustomer));
  EXPECT_EQ(CustomerUsage("Boundary"), 2);
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "app", kOther));
  EXPECT_EQ(CustomerUsage("Boundary"), 1);
  EXPECT_EQ(CustomerUsage("Other"), 1);
  ASSERT_TRUE(ops::PutUserPermissionsBoundary(ctx_, "alice", kAws));
  EXPECT_EQ(CustomerUsage("Boundary"), 0);
  EXPECT_EQ(AwsUsage(kAws), 1);
  ASSERT_TRUE(ops::PutUserPermissionsBoundary(ctx_, "alice", kAws2));
  EXPECT_EQ(AwsUsage(kAws), 0);
  EXPECT_EQ(AwsUsage(kAws2), 1);
  EXPECT_EQ(UserBoundary(), kAws2);
}

TEST_F(BoundariesTest, DeleteReleasesAndIsQuietWithoutBoundary) {
  ASSERT_TRUE(ops::DeleteRolePermissionsBoundary(ctx_, "app"));
  ASSERT_TRUE(ops::DeleteUserPermissionsBoundary(ctx_, "alice"));
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "app", kAws));
  ASSERT_TRUE(ops::PutUserPermissionsBoundary(ctx_, "alice", kAws));
  EXPECT_EQ(AwsUsage(kAws), 2);
  ASSERT_TRUE(ops::DeleteRolePermissionsBoundary(ctx_, "app"));
  EXPECT_EQ(RoleBoundary(), "");
  EXPECT_EQ(AwsUsage(kAws), 1);
  ASSERT_TRUE(ops::DeleteUserPermissionsBoundary(ctx_, "ALICE"));
  EXPECT_EQ(UserBoundary(), "");
  EXPECT_EQ(AwsUsage(kAws), 0);
}

TEST_F(BoundariesTest, ErrorsInOrder) {
  struct Case {
    const char* what;
    Result<void> result;
    const char* code;
    std::string message;
  };
  std::string bad = "arn:aws:iam::123456789012:not_a_policy/invalid";
  std::string missing = "arn:aws:iam::123456789012:policy/nonexistent-policy";
  std::vector<Case> cases = {
      {"malformed before missing role", ops::PutRolePermissionsBoundary(ctx_, "ghost", bad),
       "InvalidInput", "ARN " + bad + " is not valid."},
      {"role before policy", ops::PutRolePermissionsBoundary(ctx_, "ghost", missing),
       "NoSuchEntity", "The role with name ghost cannot be found."},
      {"missing policy", ops::PutRolePermissionsBoundary(ctx_, "app", missing), "NoSuchEntity",
       "Scope ARN: " + missing + " does not exist or is not attachable."},
      {"user", ops::PutUserPermissionsBoundary(ctx_, "ghost", kAws), "NoSuchEntity",
       "The user with name ghost cannot be found."},
      {"user policy", ops::PutUserPermissionsBoundary(ctx_, "alice", missing), "NoSuchEntity",
       "Scope ARN: " + missing + " does not exist or is not attachable."},
      {"delete role", ops::DeleteRolePermissionsBoundary(ctx_, "ghost"), "NoSuchEntity",
       "The role with name ghost cannot be found."},
      {"delete user", ops::DeleteUserPermissionsBoundary(ctx_, "ghost"), "NoSuchEntity",
       "The user with name ghost cannot be found."},
  };
  for (const auto& c : cases) {
    ASSERT_FALSE(c.result.has_value()) << c.what;
    EXPECT_EQ(c.result.error().code, c.code) << c.what;
    EXPECT_EQ(c.result.error().message, c.message) << c.what;
  }
  EXPECT_EQ(RoleBoundary(), "");
}

TEST_F(BoundariesTest, CreateAndDeleteOfUsersAndRolesCount) {
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", kCustomer, {}}));
  ops::CreateRoleInput in;
  in.role_name = "bounded";
  in.assume_role_policy_document = kTrust;
  in.permissions_boundary = kCustomer;
  ASSERT_TRUE(ops::CreateRole(ctx_, in));
  in.role_name = "aws-bounded";
  in.permissions_boundary = kAws;
  ASSERT_TRUE(ops::CreateRole(ctx_, in));
  EXPECT_EQ(CustomerUsage("Boundary"), 2);
  EXPECT_EQ(AwsUsage(kAws), 1);
  auto missing = ops::CreateUser(ctx_, {"carol", "/", "arn:aws:iam::aws:policy/Nope", {}});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message,
            "Scope ARN: arn:aws:iam::aws:policy/Nope does not exist or is not attachable.");
  EXPECT_FALSE(ops::GetUser(ctx_, std::string("carol")).has_value());
  ASSERT_TRUE(ops::DeleteUser(ctx_, "bob"));
  ASSERT_TRUE(ops::DeleteRole(ctx_, "bounded"));
  ASSERT_TRUE(ops::DeleteRole(ctx_, "aws-bounded"));
  EXPECT_EQ(CustomerUsage("Boundary"), 0);
  EXPECT_EQ(AwsUsage(kAws), 0);
}

TEST_F(BoundariesTest, MoveBoundaryUsageSkipsVanishedPolicies) {
  ASSERT_TRUE(ops::PutRolePermissionsBoundary(ctx_, "app", kOther));
  ASSERT_TRUE(store_.Mutate(kAccount, [](const AccountState&) -> Result<Change> {
    return Change().Remove<ManagedPolicy>("other");
  }));
  // Removing a boundary whose policy is gone still works and touches no policy.
  ASSERT_TRUE(ops::DeleteRolePermissionsBoundary(ctx_, "app"));
  store_.Read(kAccount, [](const AccountState& s) { EXPECT_FALSE(s.policies.contains("other")); });
}

}  // namespace
}  // namespace iamlite
