#include "core/ops/access_keys.h"

#include <gtest/gtest.h>

#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class AccessKeysTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, {"Alice", "/", "", {}}));
    ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  }
  ops::AccessKeyView MustCreate(const std::string& user) {
    auto k = ops::CreateAccessKey(ctx_, user);
    EXPECT_TRUE(k.has_value()) << user;
    return k.value_or(ops::AccessKeyView{});
  }
  // Both sides of the relationship, read straight from the state.
  std::vector<std::string> UserKeys(const std::string& user_key) {
    std::vector<std::string> ids;
    store_.Read(caller_.account,
                [&](const AccountState& s) { ids = s.users.at(user_key)->access_keys; });
    return ids;
  }
  size_t KeysInTable() {
    size_t n = 0;
    store_.Read(caller_.account, [&](const AccountState& s) { n = s.access_keys.size(); });
    return n;
  }
  template <class T>
  static void ExpectError(const Result<T>& r, const char* code, int status,
                          const std::string& message) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().http_status, status);
    EXPECT_EQ(r.error().message, message);
  }
};

TEST_F(AccessKeysTest, CreateMakesAnActiveKeyOnBothSides) {
  auto k = MustCreate("alice");  // names are found without regard to case
  EXPECT_EQ(k.user_name, "Alice");
  EXPECT_EQ(k.key.id.size(), 20u);
  EXPECT_TRUE(k.key.id.starts_with("AKIA"));
  EXPECT_EQ(k.key.id.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"), std::string::npos);
  EXPECT_EQ(k.key.secret.size(), 40u);
  EXPECT_TRUE(k.key.active);
  EXPECT_EQ(k.key.create_date, 1'700'000'000'000);
  EXPECT_FALSE(k.key.last_used.has_value());
  EXPECT_EQ(UserKeys("alice"), std::vector<std::string>{k.key.id});
  store_.Read(caller_.account, [&](const AccountState& s) {
    auto found = ops::FindAccessKey(s, k.key.id);
    ASSERT_NE(found, nullptr);
    EXPECT_EQ(found->user, "alice");
    EXPECT_EQ(found->secret, k.key.secret);
    EXPECT_EQ(ops::FindAccessKey(s, "AKIANOSUCHKEY0000000"), nullptr);
  });
}

TEST_F(AccessKeysTest, AtMostTwoPerUser) {
  MustCreate("Alice");
  MustCreate("Alice");
  auto third = ops::CreateAccessKey(ctx_, std::string("Alice"));
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code, "LimitExceeded");
  EXPECT_EQ(third.error().http_status, 409);
  EXPECT_EQ(third.error().message, "Cannot exceed quota for AccessKeysPerUser: 2");
  EXPECT_EQ(KeysInTable(), 2u);
  MustCreate("bob");  // the quota is per user
}

TEST_F(AccessKeysTest, UnknownUser) {
  const std::string message = "The user with name nobody cannot be found.";
  const std::optional<std::string> nobody = "nobody";
  ExpectError(ops::CreateAccessKey(ctx_, nobody), "NoSuchEntity", 404, message);
  ExpectError(ops::ListAccessKeys(ctx_, nobody, {}), "NoSuchEntity", 404, message);
  ExpectError(ops::UpdateAccessKey(ctx_, nobody, "AKIAIOSFODNN7EXAMPLE", "Active"), "NoSuchEntity",
              404, message);
  ExpectError(ops::DeleteAccessKey(ctx_, nobody, "AKIAIOSFODNN7EXAMPLE"), "NoSuchEntity", 404,
              message);
}

TEST_F(AccessKeysTest, OmittedUserNameIsTheCallingUser) {
  Caller alice;
  alice.type = Caller::Type::kUser;
  alice.user_name = "Alice";
  OpContext as_alice{store_, clock_, ids_, alice};
  auto k = ops::CreateAccessKey(as_alice, std::nullopt);
  ASSERT_TRUE(k.has_value());
  EXPECT_EQ(k->user_name, "Alice");
  auto page = ops::ListAccessKeys(as_alice, std::nullopt, {});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 1u);
  ASSERT_TRUE(ops::UpdateAccessKey(as_alice, std::nullopt, k->key.id, "Inactive"));
  ASSERT_TRUE(ops::DeleteAccessKey(as_alice, std::nullopt, k->key.id));
  EXPECT_TRUE(UserKeys("alice").empty());
}

TEST_F(AccessKeysTest, NonUserCallersMustNameTheUser) {
  Caller role;
  role.type = Caller::Type::kAssumedRole;
  role.arn = "arn:aws:sts::123456789012:assumed-role/admin/s";
  OpContext as_role{store_, clock_, ids_, role};
  auto key = MustCreate("Alice");
  const std::string message = "Must specify userName when calling with non-User credentials";
  for (OpContext* c : {&ctx_, &as_role}) {
    ExpectError(ops::CreateAccessKey(*c, std::nullopt), "ValidationError", 400, message);
    ExpectError(ops::ListAccessKeys(*c, std::nullopt, {}), "ValidationError", 400, message);
    ExpectError(ops::UpdateAccessKey(*c, std::nullopt, key.key.id, "Inactive"), "ValidationError",
                400, message);
    ExpectError(ops::DeleteAccessKey(*c, std::nullopt, key.key.id), "ValidationError", 400,
                message);
  }
  EXPECT_EQ(KeysInTable(), 1u);
}

TEST_F(AccessKeysTest, ListInCreationOrderWithPagination) {
  auto a = MustCreate("Alice");
  clock_.Advance(1000);
  auto b = MustCreate("Alice");
  MustCreate("bob");
  auto first = ops::ListAccessKeys(ctx_, std::string("Alice"), PageRequest{std::nullopt, 1});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->items.size(), 1u);
  EXPECT_TRUE(first->truncated);
  EXPECT_EQ(first->items[0].key.id, a.key.id);
  auto second = ops::ListAccessKeys(ctx_, std::string("Alice"), PageRequest{first->next_marker, 1});
  ASSERT_TRUE(second.has_value());
  ASSERT_EQ(second->items.size(), 1u);
  EXPECT_FALSE(second->truncated);
  EXPECT_EQ(second->items[0].key.id, b.key.id);
  EXPECT_EQ(second->items[0].key.create_date, 1'700'000'001'000);
  auto bad = ops::ListAccessKeys(ctx_, std::string("Alice"), PageRequest{"garbage", 1});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message, "Invalid Marker.");
  auto bobs = ops::ListAccessKeys(ctx_, std::string("bob"), PageRequest{});
  ASSERT_TRUE(bobs.has_value());
  EXPECT_EQ(bobs->items.size(), 1u);
}

TEST_F(AccessKeysTest, UpdateStatusAndItsErrors) {
  auto k = MustCreate("Alice");
  ASSERT_TRUE(ops::UpdateAccessKey(ctx_, std::string("Alice"), k.key.id, "Inactive"));
  auto page = ops::ListAccessKeys(ctx_, std::string("Alice"), {});
  ASSERT_TRUE(page.has_value());
  EXPECT_FALSE(page->items.at(0).key.active);
  ASSERT_TRUE(ops::UpdateAccessKey(ctx_, std::string("Alice"), k.key.id, "Active"));
  ASSERT_TRUE(ops::UpdateAccessKey(ctx_, std::string("Alice"), k.key.id, "Active"));  // no-op
  page = ops::ListAccessKeys(ctx_, std::string("Alice"), {});
  EXPECT_TRUE(page->items.at(0).key.active);

  ExpectError(ops::UpdateAccessKey(ctx_, std::string("Alice"), "AKIAIOSFODNN7EXAMPLE", "Inactive"),
              "NoSuchEntity", 404, "The Access Key with id AKIAIOSFODNN7EXAMPLE cannot be found.");
  // Another user's key is not found under this user.
  ExpectError(ops::UpdateAccessKey(ctx_, std::string("bob"), k.key.id, "Inactive"), "NoSuchEntity",
              404, "The Access Key with id " + k.key.id + " cannot be found.");
  auto expired = ops::UpdateAccessKey(ctx_, std::string("Alice"), k.key.id, "Expired");
  ASSERT_FALSE(expired.has_value());
  EXPECT_EQ(expired.error().code, "InvalidInput");
}

TEST_F(AccessKeysTest, DeleteRemovesBothSides) {
  auto a = MustCreate("Alice");
  auto b = MustCreate("Alice");
  ExpectError(ops::DeleteAccessKey(ctx_, std::string("bob"), a.key.id), "NoSuchEntity", 404,
              "The Access Key with id " + a.key.id + " cannot be found.");
  ASSERT_TRUE(ops::DeleteAccessKey(ctx_, std::string("ALICE"), a.key.id));
  EXPECT_EQ(UserKeys("alice"), std::vector<std::string>{b.key.id});
  EXPECT_EQ(KeysInTable(), 1u);
  ExpectError(ops::DeleteAccessKey(ctx_, std::string("Alice"), a.key.id), "NoSuchEntity", 404,
              "The Access Key with id " + a.key.id + " cannot be found.");
  // Deleting frees quota.
  MustCreate("Alice");
  // And DeleteUser is refused while keys remain, allowed once they are gone.
  auto blocked = ops::DeleteUser(ctx_, "Alice");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code, "DeleteConflict");
  for (const auto& id : UserKeys("alice"))
    ASSERT_TRUE(ops::DeleteAccessKey(ctx_, std::string("Alice"), id));
  EXPECT_TRUE(ops::DeleteUser(ctx_, "Alice"));
}

TEST_F(AccessKeysTest, KeysFollowARenamedUser) {
  auto k = MustCreate("Alice");
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"Alice", std::string("Carol"), std::nullopt}));
  auto page = ops::ListAccessKeys(ctx_, std::string("carol"), {});
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].user_name, "Carol");
  ASSERT_TRUE(ops::UpdateAccessKey(ctx_, std::string("Carol"), k.key.id, "Inactive"));
  auto used = ops::GetAccessKeyLastUsed(ctx_, k.key.id);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->user_name, "Carol");
}

TEST_F(AccessKeysTest, LastUsedBeforeAndAfterUse) {
  auto k = MustCreate("Alice");
  auto unused = ops::GetAccessKeyLastUsed(ctx_, k.key.id);
  ASSERT_TRUE(unused.has_value());
  EXPECT_EQ(unused->user_name, "Alice");
  EXPECT_FALSE(unused->last_used.has_value());

  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, caller_.account, k.key.id, "iam", "us-east-1",
                                      1'700'000'100'000));
  auto used = ops::GetAccessKeyLastUsed(ctx_, k.key.id);
  ASSERT_TRUE(used.has_value() && used->last_used.has_value());
  EXPECT_EQ(used->last_used->date, 1'700'000'100'000);
  EXPECT_EQ(used->last_used->service, "iam");
  EXPECT_EQ(used->last_used->region, "us-east-1");

  auto missing = ops::GetAccessKeyLastUsed(ctx_, "AKIAIOSFODNN7EXAMPLE");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "AccessDenied");
  EXPECT_EQ(missing.error().http_status, 403);
  EXPECT_EQ(missing.error().message,
            "User: arn:aws:iam::123456789012:root is not authorized to perform "
            "iam:GetAccessKeyLastUsed on resource: access key AKIAIOSFODNN7EXAMPLE");
}

TEST_F(AccessKeysTest, RecordUseCoalescesRepeatsAndIgnoresOlderReports) {
  auto k = MustCreate("Alice");
  const std::string acct = caller_.account;
  auto generation = [&] {
    std::uint64_t g = 0;
    store_.Read(acct, [&](const AccountState& s) { g = s.generation; });
    return g;
  };
  auto last = [&] {
    std::optional<AccessKeyLastUsed> u;
    store_.Read(acct,
                [&](const AccountState& s) { u = ops::FindAccessKey(s, k.key.id)->last_used; });
    return *u;
  };
  const TimeMs t0 = 1'700'000'100'000;
  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, acct, k.key.id, "iam", "us-east-1", t0));
  auto g = generation();
  // Same service and region within the granularity: no write.
  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, acct, k.key.id, "iam", "us-east-1", t0 + 59'999));
  EXPECT_EQ(generation(), g);
  EXPECT_EQ(last().date, t0);
  // Past it: written.
  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, acct, k.key.id, "iam", "us-east-1", t0 + 60'000));
  EXPECT_EQ(last().date, t0 + 60'000);
  // Another service: written at once.
  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, acct, k.key.id, "sts", "eu-west-1", t0 + 60'001));
  EXPECT_EQ(last().service, "sts");
  EXPECT_EQ(last().region, "eu-west-1");
  // An older use reported late never moves the date back.
  ASSERT_TRUE(ops::RecordAccessKeyUse(store_, acct, k.key.id, "iam", "us-east-1", t0));
  EXPECT_EQ(last().date, t0 + 60'001);
  EXPECT_EQ(last().service, "sts");

  auto unknown =
      ops::RecordAccessKeyUse(store_, acct, "AKIAIOSFODNN7EXAMPLE", "iam", "us-east-1", t0);
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, "NoSuchEntity");
  // Keys are per account.
  EXPECT_FALSE(ops::RecordAccessKeyUse(store_, "210987654321", k.key.id, "iam", "us-east-1", t0));
}

}  // namespace
}  // namespace iamlite
