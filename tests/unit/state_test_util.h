// A state with every kind of entity and every optional field set, built through the core
// operations (plus the few fields only later work sets), shared by the state tests.
#pragma once

#include <gtest/gtest.h>

#include "core/names.h"
#include "core/ops/access_keys.h"
#include "core/ops/account.h"
#include "core/ops/attachments.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/instance_profiles.h"
#include "core/ops/login_profiles.h"
#include "core/ops/managed_policies.h"
#include "core/ops/password_policy.h"
#include "core/ops/roles.h"
#include "core/ops/users.h"
#include "core/store.h"

namespace iamlite::testing {

inline constexpr const char* kTrustPolicy =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
inline constexpr const char* kS3Read =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",)"
    R"("Resource":"*"}]})";
inline constexpr const char* kS3List =
    R"({"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:List*",)"
    R"( "Resource": "*"}})";
inline constexpr const char* kInline =
    R"({"Statement":[{"Effect":"Deny","Action":"iam:*","Resource":"*"}]})";

#define IAMLITE_MUST(expr)                                              \
  do {                                                                  \
    auto _r = (expr);                                                   \
    ASSERT_TRUE(_r.has_value()) << #expr << ": " << _r.error().message; \
  } while (0)

// Fills the account of `ctx` with users, groups, roles, policies, keys, profiles and
// settings. Passwords are hashed with one iteration count to keep tests fast.
inline void BuildRichAccount(OpContext& ctx, FakeClock& clock) {
  const std::string acct = ctx.account();
  ops::UpdatePasswordPolicyInput password_policy;
  password_policy.minimum_password_length = 10;
  password_policy.require_symbols = true;
  password_policy.max_password_age = 90;
  password_policy.password_reuse_prevention = 3;
  IAMLITE_MUST(ops::UpdateAccountPasswordPolicy(ctx, password_policy));
  IAMLITE_MUST(ops::CreateAccountAlias(ctx, "acme-" + acct.substr(8)));
  auto policy = ops::CreatePolicy(
      ctx, {"ReadS3", "/data/", kS3Read, "Reads objects", {{"team", "data"}, {"env", "test"}}});
  ASSERT_TRUE(policy.has_value());
  clock.Advance(1234);
  IAMLITE_MUST(ops::CreatePolicyVersion(ctx, policy->arn, kS3List, true));
  IAMLITE_MUST(ops::CreatePolicy(ctx, {"Boundary", "/", kS3Read, "", {}}));
  const std::string boundary = "arn:aws:iam::" + acct + ":policy/Boundary";
  const std::string aws_s3 = "arn:aws:iam::aws:policy/AmazonS3FullAccess";

  IAMLITE_MUST(ops::CreateGroup(ctx, "Developers", "/eng/"));
  IAMLITE_MUST(ops::CreateGroup(ctx, "admins"));
  IAMLITE_MUST(ops::AttachPolicy(ctx, ops::EntityKind::kGroup, "Developers", policy->arn));
  IAMLITE_MUST(ops::AttachPolicy(ctx, ops::EntityKind::kGroup, "admins", aws_s3));
  IAMLITE_MUST(ops::PutInlinePolicy(ctx, ops::EntityKind::kGroup, "admins", "deny-iam", kInline));

  IAMLITE_MUST(ops::CreateUser(ctx, {"Sally", "/eng/", boundary, {{"job", "devops"}}}));
  IAMLITE_MUST(ops::CreateUser(ctx, {"bob", "/", "", {}}));
  IAMLITE_MUST(ops::CreateUser(ctx, {"mary", "/", aws_s3, {}}));
  IAMLITE_MUST(ops::AddUserToGroup(ctx, "Developers", "Sally"));
  IAMLITE_MUST(ops::AddUserToGroup(ctx, "admins", "sally"));
  IAMLITE_MUST(ops::AddUserToGroup(ctx, "Developers", "bob"));
  IAMLITE_MUST(ops::AttachPolicy(ctx, ops::EntityKind::kUser, "bob", aws_s3));
  IAMLITE_MUST(ops::AttachPolicy(ctx, ops::EntityKind::kUser, "bob", policy->arn));
  IAMLITE_MUST(ops::PutInlinePolicy(ctx, ops::EntityKind::kUser, "bob", "b", kInline));
  IAMLITE_MUST(ops::PutInlinePolicy(ctx, ops::EntityKind::kUser, "bob", "a", kInline));
  IAMLITE_MUST(ops::CreateLoginProfile(ctx, {"Sally", "Correct-Horse-42!", true}));
  auto k1 = ops::CreateAccessKey(ctx, "Sally");
  auto k2 = ops::CreateAccessKey(ctx, "Sally");
  ASSERT_TRUE(k1 && k2);
  IAMLITE_MUST(ops::UpdateAccessKey(ctx, "Sally", k2->key.id, "Inactive"));
  IAMLITE_MUST(
      ops::RecordAccessKeyUse(ctx.store, acct, k1->key.id, "iam", "us-east-1", clock.Now() + 5000));
  IAMLITE_MUST(ops::CreateAccessKey(ctx, "bob"));

  ops::CreateRoleInput role;
  role.role_name = "App";
  role.assume_role_policy_document = kTrustPolicy;
  role.path = "/svc/";
  role.description = "The app's role";
  role.max_session_duration = 7200;
  role.permissions_boundary = boundary;
  role.tags = {{"app", "web"}};
  IAMLITE_MUST(ops::CreateRole(ctx, role));
  IAMLITE_MUST(ops::AttachPolicy(ctx, ops::EntityKind::kRole, "App", aws_s3));
  IAMLITE_MUST(ops::PutInlinePolicy(ctx, ops::EntityKind::kRole, "App", "inline", kInline));
  IAMLITE_MUST(ops::CreateInstanceProfile(ctx, {"AppProfile", "/svc/", {{"k", "v"}}}));
  IAMLITE_MUST(ops::CreateInstanceProfile(ctx, {"Empty", "/", {}}));
  IAMLITE_MUST(ops::AddRoleToInstanceProfile(ctx, "AppProfile", "App"));
  IAMLITE_MUST(ops::GenerateCredentialReport(ctx));

  // Fields only later work (authentication, MFA) sets.
  IAMLITE_MUST(ctx.store.Mutate(acct, [&](const AccountState& s) -> Result<Change> {
    User u = *s.users.at("sally");
    u.password_last_used = clock.Now() + 99;
    u.other_credentials = 1;
    Role r = *s.roles.at("app");
    r.last_used = RoleLastUsed{clock.Now() + 7, "eu-west-1"};
    return Change().Upsert("sally", u).Upsert("app", r);
  }));
}

}  // namespace iamlite::testing
