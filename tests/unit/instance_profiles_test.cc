#include "core/ops/instance_profiles.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "core/ops/roles.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class InstanceProfilesTest : public testing::OpTest {
 protected:
  InstanceProfile MustCreate(const std::string& name, const std::string& path = "/") {
    auto p = ops::CreateInstanceProfile(ctx_, {name, path, {}});
    EXPECT_TRUE(p.has_value()) << name;
    return p.value_or(InstanceProfile{});
  }
  void MustCreateRole(const std::string& name) {
    ops::CreateRoleInput in;
    in.role_name = name;
    in.assume_role_policy_document = kTrust;
    ASSERT_TRUE(ops::CreateRole(ctx_, in)) << name;
  }
  std::vector<std::string> RoleSide(const std::string& role) {
    std::vector<std::string> out;
    store_.Read(caller_.account, [&](const AccountState& s) {
      out = s.roles.at(FoldName(role))->instance_profiles;
    });
    return out;
  }
  std::vector<std::string> ProfileSide(const std::string& profile) {
    std::vector<std::string> out;
    store_.Read(caller_.account, [&](const AccountState& s) {
      out = s.instance_profiles.at(FoldName(profile))->roles;
    });
    return out;
  }
  static void ExpectError(const Result<void>& r, const std::string& code, int status,
                          const std::string& message) {
    ASSERT_FALSE(r.has_value()) << message;
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().http_status, status);
    EXPECT_EQ(r.error().message, message);
  }
  template <class T>
  static Result<void> Void(const Result<T>& r) {
    if (!r) return std::unexpected(r.error());
    return Ok();
  }
};

TEST_F(InstanceProfilesTest, CreateAssignsIdsArnAndRefusesDuplicates) {
  InstanceProfile p = MustCreate("Web", "/app/");
  EXPECT_TRUE(p.id.starts_with("AIPA"));
  EXPECT_EQ(p.id.size(), 21u);
  EXPECT_EQ(p.Arn("123456789012"), "arn:aws:iam::123456789012:instance-profile/app/Web");
  EXPECT_EQ(p.create_date, 1'700'000'000'000);
  EXPECT_TRUE(p.roles.empty());
  ExpectError(Void(ops::CreateInstanceProfile(ctx_, {"WEB", "/", {}})), "EntityAlreadyExists", 409,
              "Instance Profile WEB already exists.");
  ExpectError(Void(ops::CreateInstanceProfile(ctx_, {"t", "/", {{"a", "1"}, {"A", "2"}}})),
              "InvalidInput", 400,
              "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
}

TEST_F(InstanceProfilesTest, QuotaOfInstanceProfilesPerAccount) {
  for (size_t i = 0; i < ops::kMaxInstanceProfilesPerAccount; ++i)
    MustCreate("p" + std::to_string(i));
  ExpectError(Void(ops::CreateInstanceProfile(ctx_, {"extra", "/", {}})), "LimitExceeded", 409,
              "Cannot exceed quota for InstanceProfilesPerAccount: 1000");
}

TEST_F(InstanceProfilesTest, AddAndRemoveChangeBothSides) {
  MustCreate("web");
  MustCreateRole("WebRole");
  ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, "WEB", "webrole"));
  EXPECT_EQ(ProfileSide("web"), std::vector<std::string>{"webrole"});
  EXPECT_EQ(RoleSide("WebRole"), std::vector<std::string>{"web"});
  auto view = ops::GetInstanceProfile(ctx_, "web");
  ASSERT_TRUE(view.has_value());
  ASSERT_EQ(view->roles.size(), 1u);
  EXPECT_EQ(view->roles[0]->name, "WebRole");
  ASSERT_TRUE(ops::RemoveRoleFromInstanceProfile(ctx_, "web", "WebRole"));
  EXPECT_TRUE(ProfileSide("web").empty());
  EXPECT_TRUE(RoleSide("WebRole").empty());
  EXPECT_TRUE(ops::GetInstanceProfile(ctx_, "web")->roles.empty());
}

TEST_F(InstanceProfilesTest, OneRoleAtMost) {
  MustCreate("web");
  MustCreateRole("a");
  MustCreateRole("b");
  ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, "web", "a"));
  for (const char* role : {"b", "a"}) {
    ExpectError(ops::AddRoleToInstanceProfile(ctx_, "web", role), "LimitExceeded", 409,
                "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
  }
  EXPECT_TRUE(RoleSide("b").empty());
  EXPECT_EQ(ProfileSide("web"), std::vector<std::string>{"a"});
}

TEST_F(InstanceProfilesTest, MissingEntitiesAsRecorded) {
  MustCreate("web");
  MustCreateRole("r");
  const std::string no_profile = "Instance Profile nope cannot be found.";
  const std::string no_role = "The role with name ghost cannot be found.";
  struct Case {
    const char* op;
    Result<void> result;
    std::string message;
  };
  std::vector<Case> cases = {
      {"Get", Void(ops::GetInstanceProfile(ctx_, "nope")), no_profile},
      {"Delete", ops::DeleteInstanceProfile(ctx_, "nope"), no_profile},
      {"AddNoProfile", ops::AddRoleToInstanceProfile(ctx_, "nope", "r"), no_profile},
      {"AddNoRole", ops::AddRoleToInstanceProfile(ctx_, "web", "ghost"), no_role},
      {"AddNeither", ops::AddRoleToInstanceProfile(ctx_, "nope", "ghost"), no_profile},
      {"RemoveNoProfile", ops::RemoveRoleFromInstanceProfile(ctx_, "nope", "r"), no_profile},
      {"RemoveNoRole", ops::RemoveRoleFromInstanceProfile(ctx_, "web", "ghost"), no_role},
      {"RemoveUnattached", ops::RemoveRoleFromInstanceProfile(ctx_, "web", "r"),
       "Role r in Instance Profile web cannot be found."},
      {"ListForRole", Void(ops::ListInstanceProfilesForRole(ctx_, "ghost", {})), no_role},
      {"Tag", ops::TagInstanceProfile(ctx_, "nope", {{"k", "v"}}), no_profile},
      {"Untag", ops::UntagInstanceProfile(ctx_, "nope", {"k"}), no_profile},
      {"ListTags", Void(ops::ListInstanceProfileTags(ctx_, "nope", {})), no_profile},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.op);
    ExpectError(c.result, "NoSuchEntity", 404, c.message);
  }
}

TEST_F(InstanceProfilesTest, DeleteConflictsWhileARoleIsIn) {
  MustCreate("web");
  MustCreateRole("r");
  ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, "web", "r"));
  const char* msg = "Cannot delete entity, must remove roles from instance profile first.";
  ExpectError(ops::DeleteInstanceProfile(ctx_, "web"), "DeleteConflict", 409, msg);
  ExpectError(ops::DeleteRole(ctx_, "r"), "DeleteConflict", 409, msg);
  ASSERT_TRUE(ops::RemoveRoleFromInstanceProfile(ctx_, "web", "r"));
  ASSERT_TRUE(ops::DeleteInstanceProfile(ctx_, "web"));
  ASSERT_TRUE(ops::DeleteRole(ctx_, "r"));
  EXPECT_FALSE(ops::GetInstanceProfile(ctx_, "web").has_value());
}

TEST_F(InstanceProfilesTest, ListsFilterByPathAndRoleAndPaginate) {
  for (const char* n : {"c", "a", "e", "b", "d"}) MustCreate(n, "/x/");
  MustCreate("z", "/y/");
  MustCreateRole("r");
  MustCreateRole("idle");
  for (const char* n : {"a", "d", "z"}) ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, n, "r"));

  PageRequest req{std::nullopt, 2};
  std::vector<std::string> seen;
  while (true) {
    auto page = ops::ListInstanceProfiles(ctx_, "/x/", req);
    ASSERT_TRUE(page.has_value());
    for (const auto& v : page->items) seen.push_back(v.profile->name);
    if (!page->truncated) break;
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"a", "b", "c", "d", "e"}));

  auto first = ops::ListInstanceProfilesForRole(ctx_, "r", PageRequest{std::nullopt, 2});
  ASSERT_TRUE(first.has_value() && first->truncated);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].profile->name, "a");
  EXPECT_EQ(first->items[1].profile->name, "d");
  EXPECT_EQ(first->items[0].roles.at(0)->name, "r");
  auto rest = ops::ListInstanceProfilesForRole(ctx_, "R", PageRequest{first->next_marker, 2});
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->items.size(), 1u);
  EXPECT_EQ(rest->items[0].profile->name, "z");
  EXPECT_FALSE(rest->truncated);
  EXPECT_TRUE(ops::ListInstanceProfilesForRole(ctx_, "idle", {})->items.empty());
  // A marker of one listing is not a marker of another.
  EXPECT_FALSE(ops::ListInstanceProfiles(ctx_, "/", PageRequest{first->next_marker, 2}));
}

TEST_F(InstanceProfilesTest, TagsLifecycle) {
  ASSERT_TRUE(ops::CreateInstanceProfile(ctx_, {"t", "/", {{"InitialKey", "InitialValue"}}}));
  ASSERT_TRUE(ops::TagInstanceProfile(ctx_, "t", {{"MyKey", "myValue"}, {"initialkey", "x"}}));
  EXPECT_EQ(ops::ListInstanceProfileTags(ctx_, "t", {})->items,
            (Tags{{"initialkey", "x"}, {"MyKey", "myValue"}}));
  ASSERT_TRUE(ops::UntagInstanceProfile(ctx_, "t", {"initialkey"}));
  EXPECT_EQ(ops::GetInstanceProfile(ctx_, "t")->profile->tags, (Tags{{"MyKey", "myValue"}}));
  ExpectError(ops::TagInstanceProfile(ctx_, "t", {{"a", "1"}, {"A", "2"}}), "InvalidInput", 400,
              "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  Tags many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  EXPECT_EQ(ops::TagInstanceProfile(ctx_, "t", many).error().code, "LimitExceeded");
}

}  // namespace
}  // namespace iamlite
