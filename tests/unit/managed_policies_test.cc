#include "core/ops/managed_policies.h"

#include <gtest/gtest.h>

#include <set>

#include "core/aws_managed_policies.h"
#include "core/names.h"
#include "core/ops/attachments.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"
#include "tests/unit/policy_recorded_cases.h"

namespace iamlite {
namespace {

constexpr const char* kDoc =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]})";
constexpr const char* kDoc2 =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"ec2:DescribeInstances","Resource":"*"}]})";
constexpr const char* kAccount = "123456789012";
constexpr const char* kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";

std::string Arn(const std::string& name, const std::string& path = "/") {
  return std::string("arn:aws:iam::") + kAccount + ":policy" + path + name;
}

class ManagedPoliciesTest : public testing::OpTest {
 protected:
  ops::PolicyView MustCreate(const std::string& name, const std::string& path = "/",
                             Tags tags = {}) {
    auto p = ops::CreatePolicy(ctx_, {name, path, kDoc, "", std::move(tags)});
    EXPECT_TRUE(p.has_value()) << name << ": " << (p ? "" : p.error().message);
    return p.value_or(ops::PolicyView{});
  }
  void PutGroup(const std::string& name, const std::string& path = "/") {
    Group g;
    g.id = "AGPA" + name;
    g.name = name;
    g.path = path;
    ASSERT_TRUE(store_.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
      return Change().Upsert(FoldName(name), g);
    }));
  }
  void PutRole(const std::string& name, const std::string& path = "/",
               const std::string& boundary = "") {
    Role r;
    r.id = "AROA" + name;
    r.name = name;
    r.path = path;
    r.permissions_boundary = boundary;
    ASSERT_TRUE(store_.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
      return Change().Upsert(FoldName(name), r);
    }));
  }
  std::vector<std::string> ListNames(const ops::ListPoliciesInput& in, int page_size = 1000) {
    std::vector<std::string> names;
    PageRequest req{std::nullopt, page_size};
    while (true) {
      auto page = ops::ListPolicies(ctx_, in, req);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      for (const auto& p : page->items) names.push_back(p.arn);
      if (!page->truncated) break;
      req.marker = page->next_marker;
    }
    return names;
  }
};

void ExpectError(const IamError& e, const std::string& code, int status, const std::string& msg) {
  EXPECT_EQ(e.code, code) << msg;
  EXPECT_EQ(e.http_status, status) << msg;
  EXPECT_EQ(e.message, msg);
}

TEST_F(ManagedPoliciesTest, CreateAssignsIdArnFirstVersionAndZeroCounts) {
  clock_.Set(1'700'000'123'000);
  auto p = MustCreate("ReadLogs", "/team/");
  EXPECT_EQ(p.arn, Arn("ReadLogs", "/team/"));
  EXPECT_EQ(p.path, "/team/");
  EXPECT_TRUE(p.id.starts_with("ANPA"));
  EXPECT_EQ(p.id.size(), 21u);
  EXPECT_EQ(p.default_version_id, "v1");
  EXPECT_EQ(p.attachment_count, 0);
  EXPECT_EQ(p.boundary_usage_count, 0);
  EXPECT_TRUE(p.attachable);
  EXPECT_EQ(p.create_date, 1'700'000'123'000);
  EXPECT_EQ(p.update_date, p.create_date);
  auto v1 = ops::GetPolicyVersion(ctx_, p.arn, "v1");
  ASSERT_TRUE(v1.has_value());
  EXPECT_EQ(v1->document, kDoc);
  EXPECT_TRUE(v1->is_default);
}

TEST_F(ManagedPoliciesTest, NamesAreUniqueWithoutCaseAcrossPaths) {
  MustCreate("Shared", "/a/");
  auto again = ops::CreatePolicy(ctx_, {"sHARED", "/b/", kDoc, "", {}});
  ASSERT_FALSE(again.has_value());
  ExpectError(again.error(), "EntityAlreadyExists", 409,
              "A policy called sHARED already exists. Duplicate names are not allowed.");
}

TEST_F(ManagedPoliciesTest, PolicyTagKeysAreCaseSensitive) {
  auto p = MustCreate("Tagged", "/", {{"a", "lower"}, {"A", "upper"}});
  EXPECT_EQ(p.tags.size(), 2u);
  auto dup = ops::CreatePolicy(ctx_, {"Dup", "/", kDoc, "", {{"k", "1"}, {"k", "2"}}});
  ASSERT_FALSE(dup.has_value());
  ExpectError(dup.error(), "InvalidInput", 400, "Duplicate tag keys found.");
  auto reserved = ops::CreatePolicy(ctx_, {"Res", "/", kDoc, "", {{"aws:x", "1"}}});
  ASSERT_FALSE(reserved.has_value());
  EXPECT_EQ(reserved.error().code, "InvalidInput");
}

TEST_F(ManagedPoliciesTest, DocumentsFollowManagedPolicyRules) {
  struct Case {
    std::string doc;
    std::string code;
    std::string message;
  };
  std::string big = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":")" +
                    std::string(6200, 'a') + R"(:x","Resource":"*"}]})";
  std::vector<Case> cases = {
      {"not json", "MalformedPolicyDocument", "Syntax errors in policy."},
      {R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})",
       "MalformedPolicyDocument", "Policy document must be version 2012-10-17 or greater."},
      {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*"}]})",
       "MalformedPolicyDocument", "Policy statement must contain resources."},
      {big, "LimitExceeded", "Cannot exceed quota for PolicySize: 6144"},
  };
  for (const auto& c : cases) {
    auto r = ops::CreatePolicy(ctx_, {"P", "/", c.doc, "", {}});
    ASSERT_FALSE(r.has_value()) << c.message;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().message, c.message);
  }
  store_.Read(kAccount, [](const AccountState& s) { EXPECT_TRUE(s.policies.empty()); });
}

// Every document real AWS refused or accepted in CreatePolicy (test_iam_policies recordings),
// replayed through the operation: the same answer, nothing stored for a refusal, and the
// accepted text returned unchanged by GetPolicyVersion.
TEST_F(ManagedPoliciesTest, ReplaysRecordedCreatePolicyAnswers) {
  for (const auto& c : policy::recorded::kRefused) {
    auto r = ops::CreatePolicy(ctx_, {"refused", "/", c.document, "", {}});
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().code, "MalformedPolicyDocument") << c.name;
    EXPECT_EQ(r.error().http_status, 400) << c.name;
    EXPECT_EQ(r.error().message, c.message) << c.name;
  }
  int n = 0;
  for (const auto& c : policy::recorded::kAccepted) {
    std::string name = "accepted-" + std::to_string(n++);
    auto r = ops::CreatePolicy(ctx_, {name, "/", c.document, "", {}});
    ASSERT_TRUE(r.has_value()) << c.name << ": " << r.error().message;
    EXPECT_EQ(ops::GetPolicyVersion(ctx_, r->arn, "v1")->document, c.document) << c.name;
  }
  EXPECT_GT(n, 0);
  store_.Read(kAccount, [&](const AccountState& s) { EXPECT_EQ(s.policies.size(), size_t(n)); });
}

TEST_F(ManagedPoliciesTest, QuotaOfCustomerManagedPolicies) {
  for (size_t i = 0; i < ops::kMaxCustomerPoliciesPerAccount; ++i)
    ASSERT_TRUE(ops::CreatePolicy(ctx_, {"p" + std::to_string(i), "/", kDoc, "", {}}));
  auto over = ops::CreatePolicy(ctx_, {"one-more", "/", kDoc, "", {}});
  ASSERT_FALSE(over.has_value());
  ExpectError(over.error(), "LimitExceeded", 409,
              "Cannot exceed quota for PoliciesPerAccount: 1500");
}

TEST_F(ManagedPoliciesTest, GetCustomerAndAwsPolicies) {
  MustCreate("Mine");
  auto mine = ops::GetPolicy(ctx_, Arn("Mine"));
  ASSERT_TRUE(mine.has_value());
  EXPECT_EQ(mine->name, "Mine");
  auto aws = ops::GetPolicy(ctx_, kReadOnly);
  ASSERT_TRUE(aws.has_value());
  EXPECT_EQ(aws->name, "ReadOnlyAccess");
  EXPECT_EQ(aws->attachment_count, 0);
  struct Case {
    std::string arn;
    std::string code;
    std::string message;
  };
  std::vector<Case> cases = {
      {Arn("Nope"), "NoSuchEntity", "Policy " + Arn("Nope") + " was not found."},
      {Arn("Mine", "/other/"), "NoSuchEntity",
       "Policy " + Arn("Mine", "/other/") + " was not found."},
      {"arn:aws:iam::aws:policy/NoSuchAwsPolicy", "NoSuchEntity",
       "Policy arn:aws:iam::aws:policy/NoSuchAwsPolicy was not found."},
      {"arn:aws:iam::210987654321:policy/Mine", "NoSuchEntity",
       "Policy arn:aws:iam::210987654321:policy/Mine was not found."},
      {"Mine", "ValidationError", "ARN Mine is not valid."},
  };
  for (const auto& c : cases) {
    auto r = ops::GetPolicy(ctx_, c.arn);
    ASSERT_FALSE(r.has_value()) << c.arn;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST_F(ManagedPoliciesTest, AwsPolicyCountsArePerAccount) {
  ASSERT_TRUE(ops::CreateUser(ctx_, {"u", "/", "", {}}));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kUser, "u", kReadOnly));
  EXPECT_EQ(ops::GetPolicy(ctx_, kReadOnly)->attachment_count, 1);
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other};
  EXPECT_EQ(ops::GetPolicy(ctx2, kReadOnly)->attachment_count, 0);
}

TEST_F(ManagedPoliciesTest, ListScopesMergeAwsAndLocalByName) {
  MustCreate("AAA-mine");
  MustCreate("ReadOnlyAccess");  // same name as an AWS policy: both listed, AWS first
  MustCreate("zzz", "/deep/");
  size_t aws_count = AwsManagedPoliciesSorted().size();
  EXPECT_EQ(
      ListNames({ops::PolicyScope::kLocal}),
      (std::vector<std::string>{Arn("AAA-mine"), Arn("ReadOnlyAccess"), Arn("zzz", "/deep/")}));
  EXPECT_EQ(ListNames({ops::PolicyScope::kAws}).size(), aws_count);
  auto all = ListNames({ops::PolicyScope::kAll}, 97);
  ASSERT_EQ(all.size(), aws_count + 3);
  EXPECT_EQ(std::set<std::string>(all.begin(), all.end()).size(), all.size());  // each once
  auto ro = std::find(all.begin(), all.end(), kReadOnly);
  ASSERT_NE(ro, all.end());
  EXPECT_EQ(*(ro + 1), Arn("ReadOnlyAccess"));
  auto names = ListNames({ops::PolicyScope::kAll});
  EXPECT_EQ(names, all);  // page size does not change the order
  ops::ListPoliciesInput deep{ops::PolicyScope::kAll, false, "/deep/"};
  EXPECT_EQ(ListNames(deep), (std::vector<std::string>{Arn("zzz", "/deep/")}));
}

TEST_F(ManagedPoliciesTest, ListOnlyAttachedAndUsageFilter) {
  MustCreate("Used");
  MustCreate("Unused");
  ASSERT_TRUE(ops::CreateUser(ctx_, {"u", "/", "", {}}));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kUser, "u", Arn("Used")));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kUser, "u", kReadOnly));
  ops::ListPoliciesInput in{ops::PolicyScope::kAll, true};
  EXPECT_EQ(ListNames(in), (std::vector<std::string>{kReadOnly, Arn("Used")}));
  in.scope = ops::PolicyScope::kLocal;
  EXPECT_EQ(ListNames(in), (std::vector<std::string>{Arn("Used")}));
  in = {ops::PolicyScope::kAll, false, "/", ops::PolicyUsage::kPermissionsPolicy};
  EXPECT_EQ(ListNames(in), (std::vector<std::string>{kReadOnly, Arn("Used")}));
  in.usage = ops::PolicyUsage::kPermissionsBoundary;
  EXPECT_TRUE(ListNames(in).empty());
}

TEST_F(ManagedPoliciesTest, ListMarkerIsOpaqueAndChecked) {
  auto bad = ops::ListPolicies(ctx_, {}, PageRequest{"garbage", 10});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "Invalid Marker.");
  auto first = ops::ListPolicies(ctx_, {}, PageRequest{std::nullopt, 1});
  ASSERT_TRUE(first.has_value() && first->truncated);
  auto wrong = ops::ListPolicyTags(ctx_, kReadOnly, PageRequest{first->next_marker, 1});
  EXPECT_FALSE(wrong.has_value());
}

TEST_F(ManagedPoliciesTest, DeleteRules) {
  auto denied = ops::DeletePolicy(ctx_, kReadOnly);
  ASSERT_FALSE(denied.has_value());
  ExpectError(denied.error(), "AccessDenied", 403,
              "Cannot delete policies outside your own account.");
  auto missing = ops::DeletePolicy(ctx_, Arn("non-existent-policy"));
  ExpectError(missing.error(), "NoSuchEntity", 404,
              "Policy " + Arn("non-existent-policy") + " was not found.");

  MustCreate("Attached");
  ASSERT_TRUE(ops::CreateUser(ctx_, {"u", "/", "", {}}));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kUser, "u", Arn("Attached")));
  ExpectError(ops::DeletePolicy(ctx_, Arn("Attached")).error(), "DeleteConflict", 409,
              "Cannot delete a policy attached to entities.");
  ASSERT_TRUE(ops::DetachPolicy(ctx_, ops::EntityKind::kUser, "u", Arn("Attached")));
  EXPECT_TRUE(ops::DeletePolicy(ctx_, Arn("Attached")));

  MustCreate("Boundary");
  PutRole("bounded", "/", Arn("Boundary"));
  ExpectError(ops::DeletePolicy(ctx_, Arn("Boundary")).error(), "DeleteConflict", 409,
              "Cannot delete a policy attached to entities.");

  MustCreate("Versioned");
  ASSERT_TRUE(ops::CreatePolicyVersion(ctx_, Arn("Versioned"), kDoc2, false));
  ExpectError(ops::DeletePolicy(ctx_, Arn("Versioned")).error(), "DeleteConflict", 409,
              "This policy has more than one version. Before you delete a policy, you must "
              "delete the policy's versions. The default version is deleted with the policy.");
  ASSERT_TRUE(ops::DeletePolicyVersion(ctx_, Arn("Versioned"), "v2"));
  EXPECT_TRUE(ops::DeletePolicy(ctx_, Arn("Versioned")));
  EXPECT_FALSE(ops::GetPolicy(ctx_, Arn("Versioned")).has_value());
}

TEST_F(ManagedPoliciesTest, VersionLifecycleNeverReusesNumbers) {
  auto p = MustCreate("V");
  clock_.Advance(1000);
  auto v2 = ops::CreatePolicyVersion(ctx_, p.arn, kDoc2, true);
  ASSERT_TRUE(v2.has_value());
  EXPECT_EQ(v2->version_id, "v2");
  EXPECT_TRUE(v2->is_default);
  auto got = ops::GetPolicy(ctx_, p.arn);
  EXPECT_EQ(got->default_version_id, "v2");
  EXPECT_EQ(got->update_date, p.create_date + 1000);
  EXPECT_EQ(ops::GetPolicyVersion(ctx_, p.arn, "v2")->document, kDoc2);
  EXPECT_FALSE(ops::GetPolicyVersion(ctx_, p.arn, "v1")->is_default);
  for (const char* id : {"v3", "v4", "v5"}) {
    auto v = ops::CreatePolicyVersion(ctx_, p.arn, kDoc, false);
    ASSERT_TRUE(v.has_value());
    EXPECT_EQ(v->version_id, id);
    EXPECT_FALSE(v->is_default);
  }
  auto over = ops::CreatePolicyVersion(ctx_, p.arn, kDoc, false);
  ExpectError(over.error(), "LimitExceeded", 409,
              "A managed policy can have up to 5 versions. Before you create a new version, "
              "you must delete an existing version.");
  auto list = ops::ListPolicyVersions(ctx_, p.arn, {});
  ASSERT_TRUE(list.has_value());
  std::vector<std::string> ids;
  for (const auto& v : list->items) ids.push_back(v.version_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"v5", "v4", "v3", "v2", "v1"}));
  ASSERT_TRUE(ops::DeletePolicyVersion(ctx_, p.arn, "v5"));
  EXPECT_EQ(ops::CreatePolicyVersion(ctx_, p.arn, kDoc, false)->version_id, "v6");
  auto two = ops::ListPolicyVersions(ctx_, p.arn, PageRequest{std::nullopt, 2});
  ASSERT_TRUE(two->truncated);
  auto rest = ops::ListPolicyVersions(ctx_, p.arn, PageRequest{two->next_marker, 10});
  EXPECT_EQ(rest->items.size(), 3u);
}

TEST_F(ManagedPoliciesTest, VersionErrors) {
  auto p = MustCreate("V");
  const std::string ghost = Arn("TestNonExistingPolicy");
  ExpectError(ops::GetPolicyVersion(ctx_, ghost, "v1").error(), "NoSuchEntity", 404,
              "Policy " + ghost + " version v1 does not exist or is not attachable.");
  ExpectError(ops::GetPolicyVersion(ctx_, p.arn, "v9").error(), "NoSuchEntity", 404,
              "Policy " + p.arn + " version v9 does not exist or is not attachable.");
  ExpectError(ops::SetDefaultPolicyVersion(ctx_, ghost, "v1").error(), "NoSuchEntity", 404,
              "Policy " + ghost + " version v1 does not exist or is not attachable.");
  ExpectError(ops::SetDefaultPolicyVersion(ctx_, p.arn, "v4").error(), "NoSuchEntity", 404,
              "Policy " + p.arn + " version v4 does not exist or is not attachable.");
  ExpectError(ops::DeletePolicyVersion(ctx_, p.arn, "v9").error(), "NoSuchEntity", 404,
              "Policy " + p.arn + " version v9 does not exist or is not attachable.");
  ExpectError(ops::DeletePolicyVersion(ctx_, p.arn, "v1").error(), "DeleteConflict", 409,
              "Cannot delete the default version of a policy.");
  auto malformed = ops::CreatePolicyVersion(ctx_, p.arn, "{", false);
  EXPECT_EQ(malformed.error().code, "MalformedPolicyDocument");
  auto nowhere = ops::CreatePolicyVersion(ctx_, ghost, kDoc, false);
  EXPECT_EQ(nowhere.error().message, "Policy " + ghost + " was not found.");
  // Setting the default moves it; the old default can then go.
  ASSERT_TRUE(ops::CreatePolicyVersion(ctx_, p.arn, kDoc2, false));
  ASSERT_TRUE(ops::SetDefaultPolicyVersion(ctx_, p.arn, "v2"));
  EXPECT_TRUE(ops::DeletePolicyVersion(ctx_, p.arn, "v1"));
  EXPECT_EQ(ops::GetPolicy(ctx_, p.arn)->default_version_id, "v2");
}

TEST_F(ManagedPoliciesTest, AwsPoliciesAreReadOnly) {
  const auto* aws = FindAwsManagedPolicy(kReadOnly);
  ASSERT_NE(aws, nullptr);
  auto v = ops::GetPolicyVersion(ctx_, kReadOnly, aws->default_version_id);
  ASSERT_TRUE(v.has_value());
  EXPECT_TRUE(v->is_default);
  EXPECT_EQ(v->document, aws->DefaultVersion()->document);
  auto versions = ops::ListPolicyVersions(ctx_, kReadOnly, {});
  ASSERT_TRUE(versions.has_value());
  EXPECT_EQ(versions->items.size(), aws->versions.size());
  ExpectError(ops::DeletePolicyVersion(ctx_, kReadOnly, "v1").error(), "AccessDenied", 403,
              "Cannot delete policy versions for policies outside your own account.");
  ExpectError(ops::SetDefaultPolicyVersion(ctx_, kReadOnly, "v1").error(), "AccessDenied", 403,
              "Cannot update policies outside your own account.");
  EXPECT_EQ(ops::CreatePolicyVersion(ctx_, kReadOnly, kDoc, true).error().code, "AccessDenied");
  EXPECT_EQ(ops::TagPolicy(ctx_, kReadOnly, {{"k", "v"}}).error().code, "AccessDenied");
  auto tags = ops::ListPolicyTags(ctx_, kReadOnly, {});
  ASSERT_TRUE(tags.has_value());
  EXPECT_TRUE(tags->items.empty());
}

TEST_F(ManagedPoliciesTest, TagsAreCaseSensitiveAndListedShortestFirst) {
  auto p = MustCreate("T", "/", {{"abc", "first"}, {"b", "second"}, {"z", "third"}, {"a", "4"}});
  auto list = [&] { return ops::ListPolicyTags(ctx_, p.arn, {})->items; };
  EXPECT_EQ(list(), (Tags{{"a", "4"}, {"b", "second"}, {"z", "third"}, {"abc", "first"}}));
  ASSERT_TRUE(ops::TagPolicy(ctx_, p.arn, {{"A", "upper"}, {"a", "new"}}));
  EXPECT_EQ(
      list(),
      (Tags{{"A", "upper"}, {"a", "new"}, {"b", "second"}, {"z", "third"}, {"abc", "first"}}));
  ASSERT_TRUE(ops::UntagPolicy(ctx_, p.arn, {"a", "b", "z", "abc", "absent"}));
  EXPECT_EQ(list(), (Tags{{"A", "upper"}}));
  ExpectError(ops::TagPolicy(ctx_, p.arn, {{"k", "1"}, {"k", "2"}}).error(), "InvalidInput", 400,
              "Duplicate tag keys found.");
  Tags many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  EXPECT_EQ(ops::TagPolicy(ctx_, p.arn, many).error().code, "LimitExceeded");
  auto page = ops::ListPolicyTags(ctx_, p.arn, PageRequest{std::nullopt, 1});
  EXPECT_FALSE(page->truncated);
  const std::string ghost = Arn("NotAPolicy");
  for (auto r : {ops::TagPolicy(ctx_, ghost, {{"k", "v"}}), ops::UntagPolicy(ctx_, ghost, {"k"})})
    ExpectError(r.error(), "NoSuchEntity", 404, "Policy " + ghost + " was not found.");
}

TEST_F(ManagedPoliciesTest, ListEntitiesForPolicy) {
  auto p = MustCreate("Shared");
  ASSERT_TRUE(ops::CreateUser(ctx_, {"alice", "/eng/", "", {}}));
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/ops/", Arn("Shared"), {}}));  // boundary only
  PutGroup("devs", "/eng/");
  PutRole("runner", "/eng/");
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kUser, "alice", p.arn));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kGroup, "devs", p.arn));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kRole, "runner", p.arn));
  auto names = [&](ops::ListEntitiesInput in, int page_size = 100) {
    in.policy_arn = p.arn;
    std::vector<std::string> out;
    PageRequest req{std::nullopt, page_size};
    while (true) {
      auto page = ops::ListEntitiesForPolicy(ctx_, in, req);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      for (const auto& e : page->items) out.push_back(e.name);
      if (!page->truncated) break;
      req.marker = page->next_marker;
    }
    return out;
  };
  using F = ops::EntityFilter;
  using U = ops::PolicyUsage;
  EXPECT_EQ(names({}), (std::vector<std::string>{"devs", "alice", "bob", "runner"}));
  EXPECT_EQ(names({}, 1), (std::vector<std::string>{"devs", "alice", "bob", "runner"}));
  EXPECT_EQ(names({"", F::kUser}), (std::vector<std::string>{"alice", "bob"}));
  EXPECT_EQ(names({"", F::kGroup}), (std::vector<std::string>{"devs"}));
  EXPECT_EQ(names({"", F::kRole}), (std::vector<std::string>{"runner"}));
  EXPECT_TRUE(names({"", F::kLocalManagedPolicy}).empty());
  EXPECT_EQ(names({"", F::kAll, "/eng/"}), (std::vector<std::string>{"devs", "alice", "runner"}));
  EXPECT_EQ(names({"", F::kAll, "/", U::kPermissionsBoundary}), (std::vector<std::string>{"bob"}));
  EXPECT_EQ(names({"", F::kAll, "/", U::kPermissionsPolicy}),
            (std::vector<std::string>{"devs", "alice", "runner"}));
  auto ghost = ops::ListEntitiesForPolicy(ctx_, {Arn("NonExistentPolicy")}, {});
  ExpectError(ghost.error(), "NoSuchEntity", 404,
              "Policy " + Arn("NonExistentPolicy") + " does not exist or is not attachable.");
}

}  // namespace
}  // namespace iamlite
