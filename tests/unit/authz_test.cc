// Enforce mode's authorization (core/authz): the operation table covers the model, and
// decisions and AccessDenied messages follow AWS's rules.
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "core/authz/authorize.h"
#include "core/authz/operations.h"
#include "core/model.h"
#include "core/ops/attachments.h"
#include "core/ops/boundaries.h"
#include "core/ops/effective_policies_cache.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/managed_policies.h"
#include "core/ops/roles.h"
#include "core/ops/service_linked_roles.h"
#include "core/ops/users.h"
#include "core/policy/parser.h"
#include "core/session.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using authz::FindOperationAuth;
using nlohmann::json;

TEST(AuthzTable, EveryModelOperationHasAnEntry) {
  for (const auto& [service, model] :
       {std::pair{"iam", &IamModel()}, std::pair{"sts", &StsModel()}}) {
    ASSERT_FALSE(model->operations().empty());
    for (const Operation* op : model->operations()) {
      const authz::OperationAuth* entry = FindOperationAuth(service, op->name);
      ASSERT_NE(entry, nullptr) << service << ":" << op->name << " has no authorization entry";
      EXPECT_EQ(entry->action, std::string(service) + ":" + op->name);
      // The member naming the resource is one of the operation's input members.
      if (!entry->member.empty()) {
        ASSERT_NE(op->input, nullptr) << op->name;
        bool found = false;
        for (const auto& m : op->input->members) found = found || m.name == entry->member;
        EXPECT_TRUE(found) << op->name << " has no member " << entry->member;
      }
    }
  }
}

TEST(AuthzTable, NoEntryWithoutAModelOperation) {
  for (const auto& e : authz::IamOperationAuth())
    EXPECT_NE(IamModel().FindOperation(e.operation), nullptr) << e.operation;
  for (const auto& e : authz::StsOperationAuth())
    EXPECT_NE(StsModel().FindOperation(e.operation), nullptr) << e.operation;
  std::set<std::string_view> seen;
  for (const auto& e : authz::IamOperationAuth())
    EXPECT_TRUE(seen.insert(e.operation).second) << "duplicate " << e.operation;
}

TEST(AuthzTable, ResourceKindsOfKnownOperations) {
  struct Case {
    const char* op;
    authz::ResourceKind kind;
    const char* member;
  } cases[] = {
      {"CreateUser", authz::ResourceKind::kUser, "UserName"},
      {"ListUsers", authz::ResourceKind::kAll, ""},
      {"AttachGroupPolicy", authz::ResourceKind::kGroup, "GroupName"},
      {"CreatePolicyVersion", authz::ResourceKind::kPolicy, "PolicyArn"},
      {"CreateAccessKey", authz::ResourceKind::kUser, "UserName"},
      {"CreateServiceLinkedRole", authz::ResourceKind::kServiceLinkedRole, "AWSServiceName"},
      {"TagMFADevice", authz::ResourceKind::kMfa, "SerialNumber"},
      {"GetOpenIDConnectProvider", authz::ResourceKind::kOidcProvider, "OpenIDConnectProviderArn"},
  };
  for (const auto& c : cases) {
    const auto* e = FindOperationAuth("iam", c.op);
    ASSERT_NE(e, nullptr) << c.op;
    EXPECT_EQ(e->resource, c.kind) << c.op;
    EXPECT_EQ(e->member, c.member) << c.op;
  }
  EXPECT_EQ(FindOperationAuth("sts", "GetCallerIdentity")->resource,
            authz::ResourceKind::kNotAuthorized);
  EXPECT_TRUE(FindOperationAuth("iam", "AttachUserPolicy")->keys & authz::kPolicyArn);
  EXPECT_TRUE(FindOperationAuth("iam", "TagUser")->keys & authz::kRequestTags);
  EXPECT_TRUE(FindOperationAuth("iam", "UntagRole")->keys & authz::kTagKeys);
}

constexpr const char* kAccount = "123456789012";

ops::CreateUserInput UserInput(std::string name, std::string path = "/", Tags tags = {}) {
  ops::CreateUserInput in;
  in.user_name = std::move(name);
  in.path = std::move(path);
  in.tags = std::move(tags);
  return in;
}

ops::CreateRoleInput RoleInput(std::string name, std::string trust) {
  ops::CreateRoleInput in;
  in.role_name = std::move(name);
  in.assume_role_policy_document = std::move(trust);
  return in;
}

ops::CreatePolicyInput PolicyInput(std::string name, std::string document) {
  ops::CreatePolicyInput in;
  in.policy_name = std::move(name);
  in.document = std::move(document);
  return in;
}

std::string Doc(const std::string& effect, const std::string& action,
                const std::string& resource = "*", const std::string& condition = "") {
  std::string s = R"({"Version":"2012-10-17","Statement":[{"Effect":")" + effect +
                  R"(","Action":")" + action + R"(","Resource":")" + resource + "\"";
  if (!condition.empty()) s += ",\"Condition\":" + condition;
  return s + "}]}";
}

// Every case runs twice: with the effective policies computed afresh for each decision, and
// through one cache kept for the whole case, as the server does (the cases that change the
// state between decisions then check that the cache follows).
class AuthzTest : public testing::OpTest, public ::testing::WithParamInterface<bool> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, UserInput("jane", "/company/")).has_value());
    jane_.account = kAccount;
    jane_.type = Caller::Type::kUser;
    jane_.arn = "arn:aws:iam::123456789012:user/company/jane";
    jane_.user_name = "jane";
  }

  authz::Outcome Run(const Caller& caller, const char* op, const json& input,
                     const char* service = "iam") {
    const auto* entry = FindOperationAuth(service, op);
    EXPECT_NE(entry, nullptr) << op;
    return authz::AuthorizeOperation(store_, caller, *entry, input,
                                     {clock_.Now(), "us-east-1", false},
                                     GetParam() ? &cache_ : nullptr);
  }

  void PutUserPolicy(const std::string& doc, const std::string& name = "p") {
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, ops::EntityKind::kUser, "jane", name, doc).has_value());
  }

  Caller jane_;
  ops::EffectivePoliciesCache cache_;
};

INSTANTIATE_TEST_SUITE_P(Policies, AuthzTest, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Cached" : "Afresh"; });

TEST_P(AuthzTest, RootIsAlwaysAllowed) {
  auto out = Run(caller_, "CreateUser", {{"UserName", "bob"}});
  EXPECT_TRUE(out.allowed);
  EXPECT_FALSE(out.evaluated);
}

TEST_P(AuthzTest, NoPolicyIsDeniedWithAwsMessage) {
  auto out = Run(jane_, "CreateUser", {{"UserName", "bob"}});
  EXPECT_FALSE(out.allowed);
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->code, "AccessDenied");
  EXPECT_EQ(out.error->http_status, 403);
  EXPECT_EQ(out.error->message,
            "User: arn:aws:iam::123456789012:user/company/jane is not authorized to perform: "
            "iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob because no "
            "identity-based policy allows the iam:CreateUser action");
}

TEST_P(AuthzTest, ResourceArnCarriesTheGivenPathOrTheEntitysPath) {
  EXPECT_EQ(Run(jane_, "CreateUser", {{"UserName", "bob"}, {"Path", "/eng/"}}).resource,
            "arn:aws:iam::123456789012:user/eng/bob");
  EXPECT_EQ(Run(jane_, "GetUser", {{"UserName", "jane"}}).resource,
            "arn:aws:iam::123456789012:user/company/jane");
  // UserName omitted: the caller's own user.
  EXPECT_EQ(Run(jane_, "ListAccessKeys", json::object()).resource,
            "arn:aws:iam::123456789012:user/company/jane");
  EXPECT_EQ(Run(jane_, "ListUsers", json::object()).resource, "*");
  EXPECT_EQ(Run(jane_, "CreateServiceLinkedRole", {{"AWSServiceName", "autoscaling.amazonaws.com"}})
                .resource,
            "arn:aws:iam::123456789012:role/aws-service-role/autoscaling.amazonaws.com/"
            "AWSServiceRoleForAutoScaling");
  EXPECT_EQ(Run(jane_, "GetFederationToken", {{"Name", "fed"}}, "sts").resource,
            "arn:aws:sts::123456789012:federated-user/fed");
}

TEST_P(AuthzTest, IdentityPolicyAllows) {
  PutUserPolicy(Doc("Allow", "iam:CreateUser", "arn:aws:iam::123456789012:user/*"));
  EXPECT_TRUE(Run(jane_, "CreateUser", {{"UserName", "bob"}}).allowed);
  EXPECT_FALSE(Run(jane_, "DeleteUser", {{"UserName", "bob"}}).allowed);
}

TEST_P(AuthzTest, GroupPolicyAllows) {
  ASSERT_TRUE(ops::CreateGroup(ctx_, "admins").has_value());
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "admins", "jane").has_value());
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kGroup, "admins",
                                "arn:aws:iam::aws:policy/IAMFullAccess")
                  .has_value());
  EXPECT_TRUE(Run(jane_, "CreateUser", {{"UserName", "bob"}}).allowed);
}

TEST_P(AuthzTest, DecisionsFollowEveryChangeToThePrincipalsPolicies) {
  auto create = [&] { return Run(jane_, "CreateUser", {{"UserName", "bob"}}).allowed; };
  EXPECT_FALSE(create());
  PutUserPolicy(Doc("Allow", "iam:CreateUser"));
  EXPECT_TRUE(create());
  ASSERT_TRUE(ops::DeleteInlinePolicy(ctx_, ops::EntityKind::kUser, "jane", "p").has_value());
  EXPECT_FALSE(create());
  ASSERT_TRUE(ops::CreateGroup(ctx_, "admins").has_value());
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kGroup, "admins",
                                "arn:aws:iam::aws:policy/IAMFullAccess")
                  .has_value());
  EXPECT_FALSE(create());
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "admins", "jane").has_value());
  EXPECT_TRUE(create());
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, ops::EntityKind::kGroup, "admins", "no",
                                   Doc("Deny", "iam:CreateUser"))
                  .has_value());
  EXPECT_FALSE(create());
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "admins", "jane").has_value());
  PutUserPolicy(Doc("Allow", "iam:*"));
  EXPECT_TRUE(create());
  EXPECT_EQ(cache_.size(), GetParam() ? 1u : 0u);
}

TEST_P(AuthzTest, ExplicitDenyWins) {
  PutUserPolicy(Doc("Allow", "iam:*"), "allow");
  PutUserPolicy(Doc("Deny", "iam:DeleteUser"), "deny");
  EXPECT_TRUE(Run(jane_, "CreateUser", {{"UserName", "bob"}}).allowed);
  auto out = Run(jane_, "DeleteUser", {{"UserName", "jane"}});
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->message,
            "User: arn:aws:iam::123456789012:user/company/jane is not authorized to perform: "
            "iam:DeleteUser on resource: arn:aws:iam::123456789012:user/company/jane with an "
            "explicit deny in an identity-based policy");
}

TEST_P(AuthzTest, BoundaryCutsAllows) {
  PutUserPolicy(Doc("Allow", "iam:*"));
  ASSERT_TRUE(
      ops::CreatePolicy(ctx_, PolicyInput("OnlyList", Doc("Allow", "iam:List*"))).has_value());
  ASSERT_TRUE(
      ops::PutUserPermissionsBoundary(ctx_, "jane", "arn:aws:iam::123456789012:policy/OnlyList")
          .has_value());
  EXPECT_TRUE(Run(jane_, "ListUsers", json::object()).allowed);
  auto out = Run(jane_, "CreateUser", {{"UserName", "bob"}});
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->message,
            "User: arn:aws:iam::123456789012:user/company/jane is not authorized to perform: "
            "iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob because no "
            "permissions boundary allows the iam:CreateUser action");
}

TEST_P(AuthzTest, ConditionKeysFromTheRequest) {
  PutUserPolicy(Doc("Allow", "iam:CreateServiceLinkedRole", "*",
                    R"({"StringLike":{"iam:AWSServiceName":"autoscaling.amazonaws.com"}})"),
                "slr");
  PutUserPolicy(Doc("Allow", "iam:AttachUserPolicy", "*",
                    R"({"ArnEquals":{"iam:PolicyARN":"arn:aws:iam::aws:policy/ReadOnlyAccess"}})"),
                "attach");
  PutUserPolicy(Doc("Allow", "iam:TagUser", "*",
                    R"({"StringEquals":{"aws:RequestTag/team":"web"},)"
                    R"("ForAllValues:StringEquals":{"aws:TagKeys":["team"]}})"),
                "tag");
  EXPECT_TRUE(
      Run(jane_, "CreateServiceLinkedRole", {{"AWSServiceName", "autoscaling.amazonaws.com"}})
          .allowed);
  EXPECT_FALSE(
      Run(jane_, "CreateServiceLinkedRole", {{"AWSServiceName", "ecs.amazonaws.com"}}).allowed);
  EXPECT_TRUE(Run(jane_, "AttachUserPolicy",
                  {{"UserName", "jane"}, {"PolicyArn", "arn:aws:iam::aws:policy/ReadOnlyAccess"}})
                  .allowed);
  EXPECT_FALSE(
      Run(jane_, "AttachUserPolicy",
          {{"UserName", "jane"}, {"PolicyArn", "arn:aws:iam::aws:policy/AdministratorAccess"}})
          .allowed);
  json web = {{"UserName", "jane"}, {"Tags", {{{"Key", "team"}, {"Value", "web"}}}}};
  json ops = {{"UserName", "jane"}, {"Tags", {{{"Key", "team"}, {"Value", "ops"}}}}};
  json two = {{"UserName", "jane"},
              {"Tags", {{{"Key", "team"}, {"Value", "web"}}, {{"Key", "cost"}, {"Value", "1"}}}}};
  EXPECT_TRUE(Run(jane_, "TagUser", web).allowed);
  EXPECT_FALSE(Run(jane_, "TagUser", ops).allowed);
  EXPECT_FALSE(Run(jane_, "TagUser", two).allowed);
}

TEST_P(AuthzTest, ResourceTagsOfTheTarget) {
  ASSERT_TRUE(ops::CreateUser(ctx_, UserInput("tagged", "/", {{"team", "web"}})).has_value());
  ASSERT_TRUE(ops::CreateUser(ctx_, UserInput("other", "/", {{"team", "ops"}})).has_value());
  PutUserPolicy(
      Doc("Allow", "iam:GetUser", "*", R"({"StringEquals":{"iam:ResourceTag/team":"web"}})"));
  EXPECT_TRUE(Run(jane_, "GetUser", {{"UserName", "tagged"}}).allowed);
  EXPECT_FALSE(Run(jane_, "GetUser", {{"UserName", "other"}}).allowed);
}

TEST_P(AuthzTest, PrincipalTagsAndPolicyVariables) {
  ASSERT_TRUE(ops::TagUser(ctx_, "jane", {{"team", "web"}}).has_value());
  PutUserPolicy(Doc("Allow", "iam:GetUser", "arn:aws:iam::123456789012:user/*/${aws:username}",
                    R"({"StringEquals":{"aws:PrincipalTag/team":"web"}})"));
  EXPECT_TRUE(Run(jane_, "GetUser", {{"UserName", "jane"}}).allowed);
  ASSERT_TRUE(ops::CreateUser(ctx_, UserInput("bob")).has_value());
  EXPECT_FALSE(Run(jane_, "GetUser", {{"UserName", "bob"}}).allowed);
}

TEST_P(AuthzTest, RoleSessionUsesTheRolesPoliciesAndSessionPolicies) {
  const char* trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"sts:AssumeRole"}]})";
  ASSERT_TRUE(ops::CreateRole(ctx_, RoleInput("admin", trust)).has_value());
  ASSERT_TRUE(
      ops::PutInlinePolicy(ctx_, ops::EntityKind::kRole, "admin", "all", Doc("Allow", "iam:*"))
          .has_value());
  auto session = std::make_shared<StsSession>();
  session->account = kAccount;
  session->arn = "arn:aws:sts::123456789012:assumed-role/admin/s1";
  session->role_name = "admin";
  session->role_arn = "arn:aws:iam::123456789012:role/admin";
  session->session_name = "s1";
  Caller c;
  c.account = kAccount;
  c.type = Caller::Type::kAssumedRole;
  c.arn = session->arn;
  c.role_name = "admin";
  c.session_name = "s1";
  c.session = session;
  EXPECT_TRUE(Run(c, "CreateUser", {{"UserName", "bob"}}).allowed);
  // A session policy narrows it.
  session->inline_policies.emplace_back(Doc("Allow", "iam:List*"),
                                        policy::PolicyKind::kInlineIdentity);
  EXPECT_TRUE(Run(c, "ListUsers", json::object()).allowed);
  auto out = Run(c, "CreateUser", {{"UserName", "bob"}});
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->message,
            "User: arn:aws:sts::123456789012:assumed-role/admin/s1 is not authorized to perform: "
            "iam:CreateUser on resource: arn:aws:iam::123456789012:user/bob because no session "
            "policy allows the iam:CreateUser action");
}

TEST_P(AuthzTest, GetCallerIdentityNeedsNoPermission) {
  auto out = Run(jane_, "GetCallerIdentity", json::object(), "sts");
  EXPECT_TRUE(out.allowed);
  EXPECT_FALSE(out.evaluated);
}

TEST_P(AuthzTest, AssumeRoleAllowedByTheTrustPolicyNamingTheUser) {
  const char* trust =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:user/company/jane"},"Action":"sts:AssumeRole"}]})";
  ASSERT_TRUE(ops::CreateRole(ctx_, RoleInput("r", trust)).has_value());
  ASSERT_TRUE(
      ops::CreateRole(
          ctx_,
          RoleInput(
              "other",
              R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})"))
          .has_value());
  json in = {{"RoleArn", "arn:aws:iam::123456789012:role/r"}, {"RoleSessionName", "s"}};
  EXPECT_TRUE(Run(jane_, "AssumeRole", in, "sts").allowed);
  in["RoleArn"] = "arn:aws:iam::123456789012:role/other";
  EXPECT_FALSE(Run(jane_, "AssumeRole", in, "sts").allowed);
}

TEST(ServiceLinkedRoleNames, AsAwsFormsThem) {
  EXPECT_EQ(*ops::ServiceLinkedRoleName("autoscaling.amazonaws.com", std::nullopt),
            "AWSServiceRoleForAutoScaling");
  EXPECT_EQ(*ops::ServiceLinkedRoleName("autoscaling.amazonaws.com", "web"),
            "AWSServiceRoleForAutoScaling_web");
  auto no_suffix = ops::ServiceLinkedRoleName("ecs.amazonaws.com", "x");
  ASSERT_FALSE(no_suffix.has_value());
  EXPECT_EQ(no_suffix.error().message, "Custom suffix is not allowed for ecs.amazonaws.com");
  auto unknown = ops::ServiceLinkedRoleName("nope.amazonaws.com", std::nullopt);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "InvalidInput");
  EXPECT_EQ(ops::ServiceLinkedRolePath("batch.amazonaws.com"),
            "/aws-service-role/batch.amazonaws.com/");
  EXPECT_EQ(*ops::DeletionTaskRoleArn(
                "task/aws-service-role/batch.amazonaws.com/AWSServiceRoleForBatch/abc", kAccount),
            "arn:aws:iam::123456789012:role/aws-service-role/batch.amazonaws.com/"
            "AWSServiceRoleForBatch");
  EXPECT_FALSE(ops::DeletionTaskRoleArn("task/other", kAccount).has_value());
}

class ServiceLinkedRoleTest : public testing::OpTest {};

TEST_F(ServiceLinkedRoleTest, CreateDeleteAndStatus) {
  auto role =
      ops::CreateServiceLinkedRole(ctx_, {"autoscaling.amazonaws.com", std::nullopt, std::nullopt});
  ASSERT_TRUE(role.has_value()) << role.error().message;
  EXPECT_EQ(role->name, "AWSServiceRoleForAutoScaling");
  EXPECT_EQ(role->path, "/aws-service-role/autoscaling.amazonaws.com/");
  EXPECT_EQ(role->attached_policies,
            std::vector<std::string>{
                "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy"});
  EXPECT_NE(role->assume_role_policy.text().find("autoscaling.amazonaws.com"), std::string::npos);
  auto again =
      ops::CreateServiceLinkedRole(ctx_, {"autoscaling.amazonaws.com", std::nullopt, std::nullopt});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().message,
            "Service role name AWSServiceRoleForAutoScaling has been taken in this account, "
            "please try a different suffix.");
  auto plain = ops::DeleteRole(ctx_, "AWSServiceRoleForAutoScaling");
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, "UnmodifiableEntity");
  auto task = ops::DeleteServiceLinkedRole(ctx_, "AWSServiceRoleForAutoScaling");
  ASSERT_TRUE(task.has_value());
  EXPECT_TRUE(task->starts_with(
      "task/aws-service-role/autoscaling.amazonaws.com/AWSServiceRoleForAutoScaling/"));
  EXPECT_EQ(*ops::GetServiceLinkedRoleDeletionStatus(ctx_, *task), "SUCCEEDED");
  bool attached = true;
  store_.Read(kAccount, [&](const AccountState& s) {
    attached = s.settings->aws_policy_attachments.contains(
        "arn:aws:iam::aws:policy/aws-service-role/AutoScalingServiceRolePolicy");
  });
  EXPECT_FALSE(attached);
}

}  // namespace
}  // namespace iamlite
