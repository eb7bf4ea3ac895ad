#include "core/ops/users.h"

#include <gtest/gtest.h>

#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class UsersTest : public testing::OpTest {
 protected:
  User MustCreate(const std::string& name, const std::string& path = "/") {
    auto u = ops::CreateUser(ctx_, {name, path, "", {}});
    EXPECT_TRUE(u.has_value()) << name;
    return *u;
  }
  // Sets fields AWS's DeleteConflict rules look at, as later operations will.
  void Modify(const std::string& name, const std::function<void(User&)>& f) {
    ASSERT_TRUE(store_.Mutate(caller_.account, [&](const AccountState& s) -> Result<Change> {
      User u = *s.users.at(name);
      f(u);
      return Change().Upsert(name, u);
    }));
  }
};

TEST_F(UsersTest, CreateAssignsIdsArnAndTime) {
  User u = MustCreate("sally", "/dev/");
  EXPECT_EQ(u.name, "sally");
  EXPECT_EQ(u.Arn("123456789012"), "arn:aws:iam::123456789012:user/dev/sally");
  EXPECT_EQ(u.create_date, 1'700'000'000'000);
  EXPECT_EQ(u.id.size(), 21u);
  EXPECT_TRUE(u.id.starts_with("AIDA"));
  EXPECT_EQ(u.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), std::string::npos);
}

TEST_F(UsersTest, DuplicateNamesWithoutRegardToCase) {
  MustCreate("Sally");
  auto again = ops::CreateUser(ctx_, {"sALLY", "/", "", {}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, "EntityAlreadyExists");
  EXPECT_EQ(again.error().http_status, 409);
  EXPECT_EQ(again.error().message, "User with name sALLY already exists.");
}

TEST_F(UsersTest, AccountsAreSeparate) {
  MustCreate("sally");
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other};
  EXPECT_FALSE(ops::GetUser(ctx2, std::string("sally")).has_value());
  EXPECT_TRUE(ops::CreateUser(ctx2, {"sally", "/", "", {}}).has_value());
}

TEST_F(UsersTest, GetUserWithoutNameIsTheCaller) {
  auto root = ops::GetUser(ctx_, std::nullopt);
  ASSERT_TRUE(root.has_value());
  EXPECT_EQ(root->id, "123456789012");
  EXPECT_TRUE(root->name.empty());
  MustCreate("jane");
  Caller jane;
  jane.type = Caller::Type::kUser;
  jane.user_name = "jane";
  OpContext as_jane{store_, clock_, ids_, jane};
  auto me = ops::GetUser(as_jane, std::nullopt);
  ASSERT_TRUE(me.has_value());
  EXPECT_EQ(me->name, "jane");
}

TEST_F(UsersTest, ListPaginatesInNameOrderWithPrefix) {
  for (const char* n : {"delta", "Alpha", "charlie", "bravo", "echo"}) MustCreate(n, "/p/");
  MustCreate("zulu", "/q/");
  PageRequest req{std::nullopt, 2};
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = ops::ListUsers(ctx_, "/p/", req);
    ASSERT_TRUE(page.has_value());
    ++pages;
    for (const auto& u : page->items) seen.push_back(u->name);
    if (!page->truncated) break;
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Alpha", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(pages, 3);
  auto bad = ops::ListUsers(ctx_, "/", PageRequest{"garbage", 10});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "Invalid Marker.");
}

TEST_F(UsersTest, MarkerSurvivesDeletionOfTheLastSeenUser) {
  for (const char* n : {"a", "b", "c", "d"}) MustCreate(n);
  auto first = ops::ListUsers(ctx_, "/", PageRequest{std::nullopt, 2});
  ASSERT_TRUE(first.has_value() && first->truncated);
  ASSERT_TRUE(ops::DeleteUser(ctx_, "b"));
  auto rest = ops::ListUsers(ctx_, "/", PageRequest{first->next_marker, 10});
  ASSERT_TRUE(rest.has_value());
  ASSERT_EQ(rest->items.size(), 2u);
  EXPECT_EQ(rest->items[0]->name, "c");
}

TEST_F(UsersTest, UpdateRenamesMovesAndRefusesCollisions) {
  MustCreate("old");
  MustCreate("other");
  auto clash = ops::UpdateUser(ctx_, {"old", std::string("OTHER"), std::nullopt});
  ASSERT_FALSE(clash.has_value());
  EXPECT_EQ(clash.error().code, "EntityAlreadyExists");
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"old", std::string("new"), std::string("/x/")}));
  EXPECT_FALSE(ops::GetUser(ctx_, std::string("old")).has_value());
  auto u = ops::GetUser(ctx_, std::string("new"));
  ASSERT_TRUE(u.has_value());
  EXPECT_EQ(u->path, "/x/");
  auto missing = ops::UpdateUser(ctx_, {"ghost", std::nullopt, std::nullopt});
  EXPECT_EQ(missing.error().message, "The user with name ghost cannot be found.");
}

TEST_F(UsersTest, DeleteConflictsInAwsOrder) {
  struct Case {
    std::function<void(User&)> set;
    const char* message;
  };
  std::vector<Case> cases = {
      {[](User& u) { u.login_profile = LoginProfile{}; },
       "Cannot delete entity, must delete login profile first."},
      {[](User& u) { u.access_keys = {"AKIAEXAMPLE"}; },
       "Cannot delete entity, must delete access keys first."},
      {[](User& u) { u.other_credentials = 1; },
       "Cannot delete entity, must remove referenced objects first."},
      {[](User& u) { u.groups = {"devops"}; },
       "Cannot delete entity, must remove users from group first."},
      {[](User& u) { u.inline_policies["p"] = PolicyDocument{}; },
       "Cannot delete entity, must delete policies first."},
      {[](User& u) { u.attached_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess"}; },
       "Cannot delete entity, must detach all policies first."},
  };
  for (const auto& c : cases) {
    MustCreate("victim");
    Modify("victim", c.set);
    auto r = ops::DeleteUser(ctx_, "victim");
    ASSERT_FALSE(r.has_value()) << c.message;
    EXPECT_EQ(r.error().code, "DeleteConflict");
    EXPECT_EQ(r.error().http_status, 409);
    EXPECT_EQ(r.error().message, c.message);
    Modify("victim", [](User& u) {
      User clean;
      clean.id = u.id;
      clean.name = u.name;
      u = clean;
    });
    ASSERT_TRUE(ops::DeleteUser(ctx_, "victim"));
  }
}

TEST_F(UsersTest, TagsMergeRemoveAndLimit) {
  ASSERT_TRUE(ops::CreateUser(ctx_, {"t", "/", "", {{"Env", "prod"}}}));
  ASSERT_TRUE(ops::TagUser(ctx_, "t", {{"env", "dev"}, {"Team", "a"}}));
  auto tags = ops::ListUserTags(ctx_, "t", {});
  ASSERT_TRUE(tags.has_value());
  EXPECT_EQ(tags->items, (Tags{{"env", "dev"}, {"Team", "a"}}));
  ASSERT_TRUE(ops::UntagUser(ctx_, "t", {"Team", "missing"}));
  EXPECT_EQ(ops::ListUserTags(ctx_, "t", {})->items, (Tags{{"env", "dev"}}));
  Tags many;
  for (int i = 0; i < 50; ++i) many.push_back({"k" + std::to_string(i), "v"});
  auto over = ops::TagUser(ctx_, "t", many);
  ASSERT_FALSE(over.has_value());
  EXPECT_EQ(over.error().code, "LimitExceeded");
  EXPECT_EQ(ops::ListUserTags(ctx_, "t", {})->items.size(), 1u);  // unchanged
  auto dup = ops::TagUser(ctx_, "t", {{"a", "1"}, {"A", "2"}});
  EXPECT_EQ(dup.error().code, "InvalidInput");
  auto reserved = ops::CreateUser(ctx_, {"r", "/", "", {{"aws:x", "1"}}});
  EXPECT_EQ(reserved.error().code, "InvalidInput");
}

TEST_F(UsersTest, BoundaryArnForm) {
  EXPECT_TRUE(ops::CheckPolicyArn("arn:aws:iam::aws:policy/ReadOnlyAccess"));
  EXPECT_TRUE(ops::CheckPolicyArn("arn:aws:iam::123456789012:policy/team/Boundary"));
  for (const char* bad : {"arn:aws:iam::12345:policy/x", "arn:aws:iam::123456789012:role/x",
                          "arn:aws:iam::123456789012:policy/", "ReadOnlyAccess"}) {
    auto r = ops::CheckPolicyArn(bad);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().message, std::string("ARN ") + bad + " is not valid.");
  }
}

TEST_F(UsersTest, GenerationCountsChanges) {
  std::uint64_t before = 0, after = 0;
  store_.Read(caller_.account, [&](const AccountState& s) { before = s.generation; });
  MustCreate("g");
  (void)ops::CreateUser(ctx_, {"g", "/", "", {}});  // fails: no change
  store_.Read(caller_.account, [&](const AccountState& s) { after = s.generation; });
  EXPECT_EQ(after, before + 1);
}

}  // namespace
}  // namespace iamlite
