#include "core/ops/groups.h"

#include <gtest/gtest.h>

#include <functional>

#include "core/names.h"
#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class GroupsTest : public testing::OpTest {
 protected:
  Group MustCreateGroup(const std::string& name, const std::string& path = "/") {
    auto g = ops::CreateGroup(ctx_, name, path);
    EXPECT_TRUE(g.has_value()) << name;
    return g.value_or(Group{});
  }
  void MustCreateUser(const std::string& name) {
    EXPECT_TRUE(ops::CreateUser(ctx_, {name, "/", "", {}}).has_value()) << name;
  }
  void MustAdd(const std::string& group, const std::string& user) {
    auto r = ops::AddUserToGroup(ctx_, group, user);
    ASSERT_TRUE(r.has_value()) << group << " " << user << ": " << r.error().message;
  }
  // Sets fields the policy operations will fill, as those operations will.
  void ModifyGroup(const std::string& key, const std::function<void(Group&)>& f) {
    ASSERT_TRUE(store_.Mutate(caller_.account, [&](const AccountState& s) -> Result<Change> {
      Group g = *s.groups.at(key);
      f(g);
      return Change().Upsert(key, g);
    }));
  }
  // The stored state, for checking both sides of a membership.
  std::vector<std::string> MembersOf(const std::string& group_key) {
    std::vector<std::string> out;
    store_.Read(caller_.account,
                [&](const AccountState& s) { out = s.groups.at(group_key)->members; });
    return out;
  }
  std::vector<std::string> GroupsOf(const std::string& user_key) {
    std::vector<std::string> out;
    store_.Read(caller_.account,
                [&](const AccountState& s) { out = s.users.at(user_key)->groups; });
    return out;
  }
  std::uint64_t Generation() {
    std::uint64_t g = 0;
    store_.Read(caller_.account, [&](const AccountState& s) { g = s.generation; });
    return g;
  }
  std::vector<std::string> UserNamesIn(const std::string& group) {
    auto got = ops::GetGroup(ctx_, group, {});
    EXPECT_TRUE(got.has_value()) << group;
    std::vector<std::string> names;
    if (got)
      for (const auto& u : got->users.items) names.push_back(u->name);
    return names;
  }
  std::vector<std::string> GroupNamesOf(const std::string& user) {
    auto page = ops::ListGroupsForUser(ctx_, user, {});
    EXPECT_TRUE(page.has_value()) << user;
    std::vector<std::string> names;
    if (page)
      for (const auto& g : page->items) names.push_back(g->name);
    return names;
  }
};

void ExpectError(const IamError& e, const char* code, int status, const std::string& message) {
  EXPECT_EQ(e.code, code) << message;
  EXPECT_EQ(e.http_status, status) << message;
  EXPECT_EQ(e.message, message);
}

TEST_F(GroupsTest, CreateAssignsIdArnPathAndTime) {
  Group g = MustCreateGroup("Admins", "/ops/");
  EXPECT_EQ(g.name, "Admins");
  EXPECT_EQ(g.path, "/ops/");
  EXPECT_EQ(g.Arn("123456789012"), "arn:aws:iam::123456789012:group/ops/Admins");
  EXPECT_EQ(g.create_date, 1'700'000'000'000);
  EXPECT_EQ(g.id.size(), 21u);
  EXPECT_TRUE(g.id.starts_with("AGPA"));
  EXPECT_EQ(g.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", 4), std::string::npos);
  auto got = ops::GetGroup(ctx_, "admins", {});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->group.id, g.id);
  EXPECT_EQ(got->group.name, "Admins");
  EXPECT_TRUE(got->users.items.empty());
  EXPECT_FALSE(got->users.truncated);
}

TEST_F(GroupsTest, DuplicateNamesWithoutRegardToCase) {
  MustCreateGroup("Admins");
  auto again = ops::CreateGroup(ctx_, "ADMINS", "/other/");
  ASSERT_FALSE(again.has_value());
  ExpectError(again.error(), "EntityAlreadyExists", 409, "Group with name ADMINS already exists.");
}

TEST_F(GroupsTest, AccountQuotaOfThreeHundredGroups) {
  for (size_t i = 0; i < ops::kMaxGroupsPerAccount; ++i) MustCreateGroup("g" + std::to_string(i));
  auto before = Generation();
  auto over = ops::CreateGroup(ctx_, "one-more", "/");
  ASSERT_FALSE(over.has_value());
  ExpectError(over.error(), "LimitExceeded", 409, "Cannot exceed quota for GroupsPerAccount: 300");
  EXPECT_EQ(Generation(), before);
  // A duplicate name is still reported as such at the quota.
  EXPECT_EQ(ops::CreateGroup(ctx_, "g0", "/").error().code, "EntityAlreadyExists");
  ASSERT_TRUE(ops::DeleteGroup(ctx_, "g0"));
  EXPECT_TRUE(ops::CreateGroup(ctx_, "one-more", "/").has_value());
}

TEST_F(GroupsTest, UnknownGroupErrors) {
  const std::string msg = "The group with name nope cannot be found.";
  ExpectError(ops::GetGroup(ctx_, "nope", {}).error(), "NoSuchEntity", 404, msg);
  ExpectError(ops::DeleteGroup(ctx_, "nope").error(), "NoSuchEntity", 404, msg);
  ExpectError(ops::UpdateGroup(ctx_, {"nope", std::string("x"), std::nullopt}).error(),
              "NoSuchEntity", 404, msg);
}

TEST_F(GroupsTest, ListPaginatesInNameOrderWithPrefix) {
  for (const char* n : {"delta", "Alpha", "charlie", "bravo", "echo"}) MustCreateGroup(n, "/p/");
  MustCreateGroup("zulu", "/q/");
  PageRequest req{std::nullopt, 2};
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto page = ops::ListGroups(ctx_, "/p/", req);
    ASSERT_TRUE(page.has_value());
    ++pages;
    for (const auto& g : page->items) seen.push_back(g->name);
    if (!page->truncated) break;
    EXPECT_FALSE(page->next_marker.empty());
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"Alpha", "bravo", "charlie", "delta", "echo"}));
  EXPECT_EQ(pages, 3);
  auto all = ops::ListGroups(ctx_, "/", {});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->items.size(), 6u);
  auto bad = ops::ListGroups(ctx_, "/", PageRequest{"garbage", 10});
  ASSERT_FALSE(bad.has_value());
  ExpectError(bad.error(), "ValidationError", 400, "Invalid Marker.");
}

TEST_F(GroupsTest, AddKeepsBothSidesInJoinOrder) {
  MustCreateGroup("Devs");
  MustCreateGroup("Ops");
  for (const char* u : {"zed", "Amy", "mia"}) MustCreateUser(u);
  MustAdd("devs", "zed");
  MustAdd("Devs", "AMY");
  MustAdd("DEVS", "mia");
  MustAdd("ops", "amy");
  EXPECT_EQ(MembersOf("devs"), (std::vector<std::string>{"zed", "amy", "mia"}));
  EXPECT_EQ(MembersOf("ops"), (std::vector<std::string>{"amy"}));
  EXPECT_EQ(GroupsOf("amy"), (std::vector<std::string>{"devs", "ops"}));
  EXPECT_EQ(UserNamesIn("devs"), (std::vector<std::string>{"zed", "Amy", "mia"}));
  EXPECT_EQ(GroupNamesOf("amy"), (std::vector<std::string>{"Devs", "Ops"}));
  EXPECT_TRUE(GroupNamesOf("zed") == std::vector<std::string>{"Devs"});
}

TEST_F(GroupsTest, ListGroupsForUserFollowsJoinOrderNotNameOrder) {
  for (const char* g : {"aaa", "mmm", "zzz"}) MustCreateGroup(g);
  MustCreateUser("u");
  MustAdd("zzz", "u");
  MustAdd("aaa", "u");
  MustAdd("mmm", "u");
  EXPECT_EQ(GroupNamesOf("u"), (std::vector<std::string>{"zzz", "aaa", "mmm"}));
}

TEST_F(GroupsTest, AddingAMemberAgainIsANoOp) {
  MustCreateGroup("g");
  MustCreateUser("u");
  MustAdd("g", "u");
  auto before = Generation();
  MustAdd("G", "U");
  EXPECT_EQ(Generation(), before);
  EXPECT_EQ(MembersOf("g").size(), 1u);
  EXPECT_EQ(GroupsOf("u").size(), 1u);
}

TEST_F(GroupsTest, MembershipNoSuchEntityMessages) {
  MustCreateGroup("g");
  MustCreateUser("u");
  using Op = std::function<Result<void>(OpContext&, const std::string&, const std::string&)>;
  for (const Op& op : {Op(ops::AddUserToGroup), Op(ops::RemoveUserFromGroup)}) {
    ExpectError(op(ctx_, "g", "ghost").error(), "NoSuchEntity", 404,
                "The user with name ghost cannot be found.");
    ExpectError(op(ctx_, "nogroup", "u").error(), "NoSuchEntity", 404,
                "The group with name nogroup cannot be found.");
    // With neither, AWS names the user (recorded for RemoveUserFromGroup).
    ExpectError(op(ctx_, "nogroup", "ghost").error(), "NoSuchEntity", 404,
                "The user with name ghost cannot be found.");
  }
  EXPECT_TRUE(MembersOf("g").empty());
}

TEST_F(GroupsTest, RemoveUpdatesBothSidesAndIgnoresNonMembers) {
  MustCreateGroup("g");
  MustCreateGroup("h");
  MustCreateUser("a");
  MustCreateUser("b");
  MustAdd("g", "a");
  MustAdd("g", "b");
  MustAdd("h", "a");
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "G", "A"));
  EXPECT_EQ(MembersOf("g"), (std::vector<std::string>{"b"}));
  EXPECT_EQ(GroupsOf("a"), (std::vector<std::string>{"h"}));
  EXPECT_EQ(MembersOf("h"), (std::vector<std::string>{"a"}));
  auto before = Generation();
  // Not a member (any more): success, nothing changes, as AWS answers.
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "g", "a"));
  EXPECT_EQ(Generation(), before);
  EXPECT_EQ(MembersOf("g"), (std::vector<std::string>{"b"}));
  // A user can join again after leaving; they go to the end of the join order.
  MustAdd("g", "a");
  EXPECT_EQ(UserNamesIn("g"), (std::vector<std::string>{"b", "a"}));
}

TEST_F(GroupsTest, UserQuotaOfTenGroups) {
  MustCreateUser("busy");
  for (size_t i = 0; i <= ops::kMaxGroupsPerUser; ++i) MustCreateGroup("g" + std::to_string(i));
  for (size_t i = 0; i < ops::kMaxGroupsPerUser; ++i) MustAdd("g" + std::to_string(i), "busy");
  auto before = Generation();
  auto over = ops::AddUserToGroup(ctx_, "g10", "busy");
  ASSERT_FALSE(over.has_value());
  ExpectError(over.error(), "LimitExceeded", 409, "Cannot exceed quota for GroupsPerUser: 10");
  EXPECT_EQ(Generation(), before);
  EXPECT_TRUE(MembersOf("g10").empty());
  // Re-adding to a group the user is already in is still fine at the quota.
  MustAdd("g3", "busy");
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "g0", "busy"));
  MustAdd("g10", "busy");
  EXPECT_EQ(GroupsOf("busy").size(), 10u);
}

TEST_F(GroupsTest, GetGroupPaginatesMembersInJoinOrder) {
  MustCreateGroup("big");
  std::vector<std::string> joined = {"u4", "u0", "u3", "u1", "u2"};
  for (const auto& u : joined) {
    MustCreateUser(u);
    MustAdd("big", u);
  }
  PageRequest req{std::nullopt, 2};
  std::vector<std::string> seen;
  int pages = 0;
  while (true) {
    auto got = ops::GetGroup(ctx_, "big", req);
    ASSERT_TRUE(got.has_value());
    EXPECT_EQ(got->group.name, "big");
    ++pages;
    for (const auto& u : got->users.items) seen.push_back(u->name);
    if (!got->users.truncated) break;
    req.marker = got->users.next_marker;
  }
  EXPECT_EQ(seen, joined);
  EXPECT_EQ(pages, 3);
  auto bad = ops::GetGroup(ctx_, "big", PageRequest{"garbage", 2});
  ASSERT_FALSE(bad.has_value());
  ExpectError(bad.error(), "ValidationError", 400, "Invalid Marker.");
  // A marker from another listing is refused too.
  MustCreateGroup("second");
  auto list = ops::ListGroups(ctx_, "/", PageRequest{std::nullopt, 1});
  ASSERT_TRUE(list.has_value() && list->truncated);
  EXPECT_FALSE(ops::GetGroup(ctx_, "big", PageRequest{list->next_marker, 2}).has_value());
}

TEST_F(GroupsTest, ListGroupsForUserPaginatesAndKnowsUnknownUsers) {
  MustCreateUser("u");
  for (int i = 0; i < 7; ++i) {
    MustCreateGroup("g" + std::to_string(i));
    MustAdd("g" + std::to_string(i), "u");
  }
  PageRequest req{std::nullopt, 3};
  std::vector<std::string> seen;
  while (true) {
    auto page = ops::ListGroupsForUser(ctx_, "U", req);
    ASSERT_TRUE(page.has_value());
    for (const auto& g : page->items) seen.push_back(g->name);
    if (!page->truncated) break;
    req.marker = page->next_marker;
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"g0", "g1", "g2", "g3", "g4", "g5", "g6"}));
  ExpectError(ops::ListGroupsForUser(ctx_, "ghost", {}).error(), "NoSuchEntity", 404,
              "The user with name ghost cannot be found.");
  MustCreateUser("loner");
  auto none = ops::ListGroupsForUser(ctx_, "loner", {});
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->items.empty());
  EXPECT_FALSE(none->truncated);
}

TEST_F(GroupsTest, RenameRewritesMembersReferences) {
  Group original = MustCreateGroup("old", "/a/");
  MustCreateGroup("other");
  MustCreateUser("u1");
  MustCreateUser("u2");
  MustAdd("other", "u1");
  MustAdd("old", "u1");
  MustAdd("old", "u2");
  auto clash = ops::UpdateGroup(ctx_, {"old", std::string("OTHER"), std::nullopt});
  ASSERT_FALSE(clash.has_value());
  ExpectError(clash.error(), "EntityAlreadyExists", 409, "Group with name OTHER already exists.");

  ASSERT_TRUE(ops::UpdateGroup(ctx_, {"OLD", std::string("New"), std::string("/b/")}));
  ExpectError(ops::GetGroup(ctx_, "old", {}).error(), "NoSuchEntity", 404,
              "The group with name old cannot be found.");
  auto renamed = ops::GetGroup(ctx_, "new", {});
  ASSERT_TRUE(renamed.has_value());
  EXPECT_EQ(renamed->group.name, "New");
  EXPECT_EQ(renamed->group.path, "/b/");
  EXPECT_EQ(renamed->group.id, original.id);
  EXPECT_EQ(renamed->group.create_date, original.create_date);
  EXPECT_EQ(UserNamesIn("new"), (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(GroupsOf("u1"), (std::vector<std::string>{"other", "new"}));
  EXPECT_EQ(GroupsOf("u2"), (std::vector<std::string>{"new"}));
  EXPECT_EQ(GroupNamesOf("u1"), (std::vector<std::string>{"other", "New"}));
  // Membership still works under the new name on both sides.
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "new", "u1"));
  EXPECT_EQ(GroupsOf("u1"), (std::vector<std::string>{"other"}));
  EXPECT_EQ(MembersOf("new"), (std::vector<std::string>{"u2"}));
  // The old name is free again.
  MustCreateGroup("old");
}

TEST_F(GroupsTest, RenameCaseOnlyAndPathOnly) {
  MustCreateGroup("team");
  MustCreateUser("u");
  MustAdd("team", "u");
  ASSERT_TRUE(ops::UpdateGroup(ctx_, {"team", std::string("TEAM"), std::nullopt}));
  auto got = ops::GetGroup(ctx_, "team", {});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->group.name, "TEAM");
  EXPECT_EQ(got->group.path, "/");
  EXPECT_EQ(GroupsOf("u"), (std::vector<std::string>{"team"}));
  ASSERT_TRUE(ops::UpdateGroup(ctx_, {"team", std::nullopt, std::string("/moved/")}));
  got = ops::GetGroup(ctx_, "team", {});
  EXPECT_EQ(got->group.name, "TEAM");
  EXPECT_EQ(got->group.path, "/moved/");
  EXPECT_EQ(UserNamesIn("team"), (std::vector<std::string>{"u"}));
}

TEST_F(GroupsTest, UserRenameShowsInGetGroup) {
  MustCreateGroup("g");
  MustCreateGroup("h");
  MustCreateUser("before");
  MustCreateUser("stays");
  MustAdd("g", "stays");
  MustAdd("g", "before");
  MustAdd("h", "before");
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"before", std::string("After"), std::nullopt}));
  EXPECT_EQ(UserNamesIn("g"), (std::vector<std::string>{"stays", "After"}));
  EXPECT_EQ(UserNamesIn("h"), (std::vector<std::string>{"After"}));
  EXPECT_EQ(MembersOf("g"), (std::vector<std::string>{"stays", "after"}));
  EXPECT_EQ(GroupNamesOf("after"), (std::vector<std::string>{"g", "h"}));
  ExpectError(ops::ListGroupsForUser(ctx_, "before", {}).error(), "NoSuchEntity", 404,
              "The user with name before cannot be found.");
  // The renamed user can leave under the new name.
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "g", "after"));
  EXPECT_EQ(UserNamesIn("g"), (std::vector<std::string>{"stays"}));
}

TEST_F(GroupsTest, DeleteConflicts) {
  struct Case {
    std::function<void(Group&)> set;
    const char* message;
  };
  std::vector<Case> cases = {
      {[](Group& g) { g.members = {"someone"}; },
       "Cannot delete entity, must remove users from group first."},
      {[](Group& g) { g.inline_policies["p"] = PolicyDocument{}; },
       "Cannot delete entity, must delete policies first."},
      {[](Group& g) { g.attached_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess"}; },
       "Cannot delete entity, must detach all policies first."},
      // Members are reported before policies, inline policies before attached ones.
      {[](Group& g) {
         g.members = {"someone"};
         g.inline_policies["p"] = PolicyDocument{};
         g.attached_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
       },
       "Cannot delete entity, must remove users from group first."},
      {[](Group& g) {
         g.inline_policies["p"] = PolicyDocument{};
         g.attached_policies = {"arn:aws:iam::aws:policy/ReadOnlyAccess"};
       },
       "Cannot delete entity, must delete policies first."},
  };
  for (const auto& c : cases) {
    MustCreateGroup("victim");
    ModifyGroup("victim", c.set);
    auto r = ops::DeleteGroup(ctx_, "VICTIM");
    ASSERT_FALSE(r.has_value()) << c.message;
    ExpectError(r.error(), "DeleteConflict", 409, c.message);
    ModifyGroup("victim", [](Group& g) {
      g.members.clear();
      g.inline_policies.clear();
      g.attached_policies.clear();
    });
    ASSERT_TRUE(ops::DeleteGroup(ctx_, "victim"));
    EXPECT_FALSE(ops::GetGroup(ctx_, "victim", {}).has_value());
  }
}

TEST_F(GroupsTest, DeleteAfterRemovingTheLastMember) {
  MustCreateGroup("g");
  MustCreateUser("u");
  MustAdd("g", "u");
  EXPECT_EQ(ops::DeleteGroup(ctx_, "g").error().code, "DeleteConflict");
  // The user cannot be deleted either while a member.
  ExpectError(ops::DeleteUser(ctx_, "u").error(), "DeleteConflict", 409,
              "Cannot delete entity, must remove users from group first.");
  ASSERT_TRUE(ops::RemoveUserFromGroup(ctx_, "g", "u"));
  ASSERT_TRUE(ops::DeleteGroup(ctx_, "g"));
  ASSERT_TRUE(ops::DeleteUser(ctx_, "u"));
}

TEST_F(GroupsTest, AccountsAreSeparate) {
  MustCreateGroup("g");
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other};
  EXPECT_FALSE(ops::GetGroup(ctx2, "g", {}).has_value());
  auto g2 = ops::CreateGroup(ctx2, "g", "/");
  ASSERT_TRUE(g2.has_value());
  EXPECT_EQ(g2->Arn(other.account), "arn:aws:iam::210987654321:group/g");
  EXPECT_EQ(ops::ListGroups(ctx_, "/", {})->items.size(), 1u);
}

}  // namespace
}  // namespace iamlite
