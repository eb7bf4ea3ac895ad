#include "core/ops/roles.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "core/ops/boundaries.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow",)"
    R"("Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";

class RolesTest : public testing::OpTest {
 protected:
  static ops::CreateRoleInput Input(const std::string& name, const std::string& path = "/") {
    ops::CreateRoleInput in;
    in.role_name = name;
    in.assume_role_policy_document = kTrust;
    in.path = path;
    return in;
  }
  Role MustCreate(const std::string& name, const std::string& path = "/") {
    auto r = ops::CreateRole(ctx_, Input(name, path));
    EXPECT_TRUE(r.has_value()) << name << ": " << (r ? "" : r.error().message);
    return r.value_or(Role{});
  }
  // Sets fields that other operations (role policies, instance profiles) own.
  void Modify(const std::string& name, const std::function<void(Role&)>& f) {
    ASSERT_TRUE(store_.Mutate(caller_.account, [&](const AccountState& s) -> Result<Change> {
      Role r = *s.roles.at(FoldName(name));
      f(r);
      return Change().Upsert(FoldName(name), r);
    }));
  }
  void ExpectError(const Result<void>& r, const std::string& code, int status,
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

TEST_F(RolesTest, CreateAssignsIdsArnDefaultsAndKeepsTheText) {
  Role r = MustCreate("app", "/svc/");
  EXPECT_EQ(r.name, "app");
  EXPECT_EQ(r.Arn("123456789012"), "arn:aws:iam::123456789012:role/svc/app");
  EXPECT_EQ(r.create_date, 1'700'000'000'000);
  EXPECT_EQ(r.id.size(), 21u);
  EXPECT_TRUE(r.id.starts_with("AROA"));
  EXPECT_EQ(r.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), std::string::npos);
  EXPECT_EQ(r.max_session_duration, 3600);
  EXPECT_EQ(r.assume_role_policy.text(), kTrust);
  EXPECT_NE(r.assume_role_policy.Parsed(), nullptr);
  EXPECT_FALSE(r.last_used.has_value());
  auto got = ops::GetRole(ctx_, "APP");
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->id, r.id);
}

TEST_F(RolesTest, CreateKeepsDescriptionDurationAndTags) {
  auto in = Input("full");
  in.description = "d";
  in.max_session_duration = 43200;
  in.tags = {{"k", "v"}};
  ASSERT_TRUE(ops::CreateRole(ctx_, in));
  auto r = ops::GetRole(ctx_, "full");
  EXPECT_EQ(r->description, "d");
  EXPECT_EQ(r->max_session_duration, 43200);
  EXPECT_EQ(r->tags, (Tags{{"k", "v"}}));
}

TEST_F(RolesTest, DuplicateNamesWithoutRegardToCase) {
  MustCreate("Admin");
  ExpectError(Void(ops::CreateRole(ctx_, Input("aDMIN"))), "EntityAlreadyExists", 409,
              "Role with name aDMIN already exists.");
}

TEST_F(RolesTest, TrustPolicyIsValidatedOnCreateAndUpdate) {
  struct Case {
    std::string document;
    const char* code;
    const char* message;
  };
  std::string big = R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
                    R"({"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole","Sid":")" +
                    std::string(2100, 'a') + "\"}]}";
  std::vector<Case> cases = {
      {"not valid json", "MalformedPolicyDocument", "This policy contains invalid Json"},
      {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":)"
       R"("ec2.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]})",
       "MalformedPolicyDocument", "Has prohibited field Resource"},
      {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":)"
       R"("ec2.amazonaws.com"},"Action":"sts:InvalidAction"}]})",
       "MalformedPolicyDocument", "AssumeRole policy may only specify STS AssumeRole actions."},
      {big, "LimitExceeded", "Cannot exceed quota for ACLSizePerRole: 2048"},
  };
  MustCreate("target");
  for (const auto& c : cases) {
    auto in = Input("bad");
    in.assume_role_policy_document = c.document;
    auto created = ops::CreateRole(ctx_, in);
    ASSERT_FALSE(created.has_value()) << c.message;
    EXPECT_EQ(created.error().code, c.code);
    EXPECT_EQ(created.error().message, c.message);
    auto updated = ops::UpdateAssumeRolePolicy(ctx_, "target", c.document);
    ASSERT_FALSE(updated.has_value()) << c.message;
    EXPECT_EQ(updated.error().message, c.message);
  }
  EXPECT_FALSE(ops::GetRole(ctx_, "bad").has_value());
  EXPECT_EQ(ops::GetRole(ctx_, "target")->assume_role_policy.text(), kTrust);
}

TEST_F(RolesTest, UpdateAssumeRolePolicyReplacesTextAndCompiledForm) {
  Role before = MustCreate("r");
  std::string next =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"*"},)"
      R"("Action":["sts:AssumeRole","sts:TagSession"]}]})";
  ASSERT_TRUE(ops::UpdateAssumeRolePolicy(ctx_, "r", next));
  auto after = ops::GetRole(ctx_, "r");
  EXPECT_EQ(after->assume_role_policy.text(), next);
  EXPECT_NE(after->assume_role_policy.Parsed(), before.assume_role_policy.Parsed());
}

TEST_F(RolesTest, QuotaOfRolesPerAccount) {
  for (size_t i = 0; i < ops::kMaxRolesPerAccount; ++i) MustCreate("r" + std::to_string(i));
  ExpectError(Void(ops::CreateRole(ctx_, Input("one-more"))), "LimitExceeded", 409,
              "Cannot exceed quota for RolesPerAccount: 1000");
}

TEST_F(RolesTest, ListPaginatesInNameOrderWithPrefix) {
  for (const char* n : {"delta", "Alpha", "charlie", "bravo", "echo"}) MustCreate(n, "/p/");
  MustCreate("zulu", "/q/");
  PageRequest req{std::nullopt, 2};
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = ops::ListRoles(ctx_, "/p/", req);
    ASSERT_TRUE(page.has_value());
    ++pages;
    for (const auto& r : page->items) seen.push_back(r->name);
    if (!page->truncated) break;
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Alpha", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(ops::ListRoles(ctx_, "/", {})->items.size(), 6u);
  EXPECT_TRUE(ops::ListRoles(ctx_, "/none/", {})->items.empty());
  auto bad = ops::ListRoles(ctx_, "/", PageRequest{"garbage", 10});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "Invalid Marker.");
}

TEST_F(RolesTest, UpdateChangesOnlyWhatIsGiven) {
  auto in = Input("u");
  in.description = "initial";
  ASSERT_TRUE(ops::CreateRole(ctx_, in));
  ASSERT_TRUE(ops::UpdateRole(ctx_, {"u", std::string("updated"), 7200}));
  EXPECT_EQ(ops::GetRole(ctx_, "u")->description, "updated");
  EXPECT_EQ(ops::GetRole(ctx_, "u")->max_session_duration, 7200);
  ASSERT_TRUE(ops::UpdateRole(ctx_, {"u", std::nullopt, std::nullopt}));
  EXPECT_EQ(ops::GetRole(ctx_, "u")->description, "updated");
  EXPECT_EQ(ops::GetRole(ctx_, "u")->max_session_duration, 7200);
  ASSERT_TRUE(ops::UpdateRole(ctx_, {"u", std::nullopt, 3600}));
  EXPECT_EQ(ops::GetRole(ctx_, "u")->description, "updated");
  auto described = ops::UpdateRoleDescription(ctx_, "U", "via description");
  ASSERT_TRUE(described.has_value());
  EXPECT_EQ(described->name, "u");
  EXPECT_EQ(described->description, "via description");
  EXPECT_EQ(described->max_session_duration, 3600);
  EXPECT_EQ(ops::GetRole(ctx_, "u")->description, "via description");
}

TEST_F(RolesTest, EveryOperationNamesTheMissingRole) {
  const std::string msg = "The role with name ghost cannot be found.";
  std::vector<std::pair<const char*, Result<void>>> results = {
      {"GetRole", Void(ops::GetRole(ctx_, "ghost"))},
      {"UpdateRole", ops::UpdateRole(ctx_, {"ghost", std::string("d"), std::nullopt})},
      {"UpdateRoleDescription", Void(ops::UpdateRoleDescription(ctx_, "ghost", "d"))},
      {"UpdateAssumeRolePolicy", ops::UpdateAssumeRolePolicy(ctx_, "ghost", kTrust)},
      {"DeleteRole", ops::DeleteRole(ctx_, "ghost")},
      {"TagRole", ops::TagRole(ctx_, "ghost", {{"k", "v"}})},
      {"UntagRole", ops::UntagRole(ctx_, "ghost", {"k"})},
      {"ListRoleTags", Void(ops::ListRoleTags(ctx_, "ghost", {}))},
  };
  for (const auto& [op, r] : results) {
    SCOPED_TRACE(op);
    ExpectError(r, "NoSuchEntity", 404, msg);
  }
}

TEST_F(RolesTest, DeleteConflictsAsRecorded) {
  struct Case {
    std::function<void(Role&)> set;
    const char* message;
  };
  std::vector<Case> cases = {
      {[](Role& r) { r.instance_profiles = {"profile"}; },
       "Cannot delete entity, must remove roles from instance profile first."},
      {[](Role& r) { r.inline_policies["p"] = PolicyDocument{}; },
       "Cannot delete entity, must delete policies first."},
      {[](Role& r) { r.attached_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess"}; },
       "Cannot delete entity, must detach all policies first."},
  };
  for (const auto& c : cases) {
    MustCreate("victim");
    Modify("victim", c.set);
    ExpectError(ops::DeleteRole(ctx_, "victim"), "DeleteConflict", 409, c.message);
    Modify("victim", [](Role& r) {
      r.instance_profiles.clear();
      r.inline_policies.clear();
      r.attached_policies.clear();
    });
    ASSERT_TRUE(ops::DeleteRole(ctx_, "VICTIM"));
    EXPECT_FALSE(ops::GetRole(ctx_, "victim").has_value());
  }
}

TEST_F(RolesTest, TagsMergeReplaceCaseRemoveAndLimit) {
  MustCreate("t");
  ASSERT_TRUE(ops::TagRole(ctx_, "t", {{"somekey", "somevalue"}, {"other", "x"}}));
  ASSERT_TRUE(ops::TagRole(ctx_, "t", {{"Somekey", "updated"}}));
  EXPECT_EQ(ops::ListRoleTags(ctx_, "t", {})->items,
            (Tags{{"Somekey", "updated"}, {"other", "x"}}));
  ASSERT_TRUE(ops::UntagRole(ctx_, "t", {"Somekey", "absent"}));
  EXPECT_EQ(ops::ListRoleTags(ctx_, "t", {})->items, (Tags{{"other", "x"}}));
  ExpectError(ops::TagRole(ctx_, "t", {{"dup", "1"}, {"DUP", "2"}}), "InvalidInput", 400,
              "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
  Tags many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  auto over = ops::TagRole(ctx_, "t", many);
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, "LimitExceeded");
  EXPECT_EQ(ops::ListRoleTags(ctx_, "t", {})->items.size(), 1u);
  auto in = Input("dup");
  in.tags = {{"mykey", "1"}, {"MyKey", "2"}};
  ExpectError(Void(ops::CreateRole(ctx_, in)), "InvalidInput", 400,
              "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
}

TEST_F(RolesTest, ListRoleTagsPaginates) {
  auto in = Input("pages");
  for (int i = 0; i < 5; ++i) in.tags.push_back({"k" + std::to_string(i), "v"});
  ASSERT_TRUE(ops::CreateRole(ctx_, in));
  auto first = ops::ListRoleTags(ctx_, "pages", PageRequest{std::nullopt, 3});
  ASSERT_TRUE(first.has_value() && first->truncated);
  auto rest = ops::ListRoleTags(ctx_, "pages", PageRequest{first->next_marker, 3});
  ASSERT_TRUE(rest.has_value());
  EXPECT_FALSE(rest->truncated);
  EXPECT_EQ(rest->items.size(), 2u);
}

TEST_F(RolesTest, FailedCreateChangesNothing) {
  std::uint64_t before = 0, after = 0;
  store_.Read(caller_.account, [&](const AccountState& s) { before = s.generation; });
  auto in = Input("b");
  in.permissions_boundary = "arn:aws:iam::123456789012:policy/missing";
  auto r = ops::CreateRole(ctx_, in);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message,
            "Scope ARN: arn:aws:iam::123456789012:policy/missing does not exist or is not "
            "attachable.");
  in.permissions_boundary = "arn:aws:iam::123456789012:not_a_policy/invalid";
  ExpectError(Void(ops::CreateRole(ctx_, in)), "InvalidInput", 400,
              "ARN arn:aws:iam::123456789012:not_a_policy/invalid is not valid.");
  store_.Read(caller_.account, [&](const AccountState& s) { after = s.generation; });
  EXPECT_EQ(after, before);
}

}  // namespace
}  // namespace iamlite
