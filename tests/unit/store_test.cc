// The store's whole-state operations and its observer contract.
#include "core/store.h"

#include <gtest/gtest.h>

#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

// Records what it is told; fails on demand.
class RecordingObserver : public StoreObserver {
 public:
  Result<void> OnChange(const AccountState& s, const Change& c) override {
    events.push_back("change " + s.account_id + " " + std::to_string(c.ops.size()) +
                     " users=" + std::to_string(s.users.size()));
    return Answer();
  }
  Result<void> OnClear(const AccountState& s) override {
    events.push_back("clear " + s.account_id + " users=" + std::to_string(s.users.size()));
    return Answer();
  }
  Result<void> OnReplaceAll(const std::vector<const AccountState*>& accounts) override {
    events.push_back("replace " + std::to_string(accounts.size()));
    return Answer();
  }
  Result<void> Answer() {
    if (fail) return std::unexpected(errors::ServiceFailure("disk full"));
    return Ok();
  }
  std::vector<std::string> events;
  bool fail = false;
};

class StoreTest : public testing::OpTest {
 protected:
  void Create(const std::string& name, const std::string& account = "123456789012") {
    Caller c = Caller::Root(account);
    OpContext ctx{store_, clock_, ids_, c};
    ASSERT_TRUE(ops::CreateUser(ctx, {name, "/", "", {}}).has_value());
  }
  std::size_t Users(const std::string& account = "123456789012") {
    std::size_t n = 0;
    store_.Read(account, [&](const AccountState& s) { n = s.users.size(); });
    return n;
  }
  std::uint64_t Generation(const std::string& account = "123456789012") {
    std::uint64_t g = 0;
    store_.Read(account, [&](const AccountState& s) { g = s.generation; });
    return g;
  }
  RecordingObserver observer_;
};

TEST_F(StoreTest, ObserverSeesEachChangeAfterItIsApplied) {
  store_.SetObserver(&observer_);
  Create("a");
  Create("b");
  EXPECT_EQ(observer_.events, (std::vector<std::string>{"change 123456789012 1 users=1",
                                                        "change 123456789012 1 users=2"}));
  // A plan that changes nothing is not reported.
  ASSERT_TRUE(store_.Mutate("123456789012",
                            [](const AccountState&) -> Result<Change> { return Change(); }));
  EXPECT_EQ(observer_.events.size(), 2u);
  store_.SetObserver(nullptr);
}

// A change the observer refuses is undone, generation included, and the error returned.
TEST_F(StoreTest, RefusedChangeIsUndone) {
  Create("keep");
  std::uint64_t generation = Generation();
  store_.SetObserver(&observer_);
  observer_.fail = true;
  Caller c = Caller::Root("123456789012");
  OpContext ctx{store_, clock_, ids_, c};
  auto r = ops::CreateUser(ctx, {"lost", "/", "", {}});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().message, "disk full");
  EXPECT_EQ(Users(), 1u);
  EXPECT_EQ(Generation(), generation);
  // Several ops on one key in one change: the oldest value comes back.
  User before;
  store_.Read("123456789012", [&](const AccountState& s) { before = *s.users.at("keep"); });
  auto multi = store_.Mutate("123456789012", [&](const AccountState& s) -> Result<Change> {
    User u = *s.users.at("keep");
    u.path = "/one/";
    User v = u;
    v.path = "/two/";
    AccountSettings settings = *s.settings;
    settings.aliases = {"x"};
    return Change().Upsert("keep", u).Remove<User>("keep").Upsert("keep", v).SetSettings(settings);
  });
  EXPECT_FALSE(multi.has_value());
  store_.Read("123456789012", [&](const AccountState& s) {
    EXPECT_EQ(s.users.at("keep")->path, before.path);
    EXPECT_TRUE(s.settings->aliases.empty());
  });
  // A refused Clear keeps the account.
  EXPECT_FALSE(store_.Clear().has_value());
  EXPECT_EQ(Users(), 1u);
  store_.SetObserver(nullptr);
}

TEST_F(StoreTest, ClearOneAccountOrAll) {
  Create("a");
  Create("b", "210987654321");
  TimeMs created = 0;
  store_.Read("123456789012", [&](const AccountState& s) { created = s.created; });
  std::uint64_t generation = Generation();
  store_.SetObserver(&observer_);
  ASSERT_TRUE(store_.Clear("123456789012"));
  EXPECT_EQ(Users(), 0u);
  EXPECT_EQ(Users("210987654321"), 1u);
  EXPECT_GT(Generation(), generation);  // caches keyed by generation see the reset
  store_.Read("123456789012", [&](const AccountState& s) { EXPECT_EQ(s.created, created); });
  ASSERT_TRUE(store_.Clear("999999999999"));  // unknown: nothing to do
  ASSERT_TRUE(store_.Clear());
  EXPECT_EQ(Users("210987654321"), 0u);
  EXPECT_EQ(observer_.events,
            (std::vector<std::string>{"clear 123456789012 users=0", "clear 123456789012 users=0",
                                      "clear 210987654321 users=0"}));
  EXPECT_TRUE(store_.Snapshot().empty());
  store_.SetObserver(nullptr);
}

TEST_F(StoreTest, ReplaceAllIsAtomicAndMovesGenerationsForward) {
  Create("old");
  Create("other", "210987654321");
  std::uint64_t generation = Generation();
  std::map<std::string, AccountState> next;
  AccountState s;
  s.account_id = "123456789012";
  s.created = 42;
  User u;
  u.name = "new";
  u.id = "AIDAEXAMPLE000000000";
  s.users["new"] = std::make_shared<const User>(u);
  next["123456789012"] = s;

  store_.SetObserver(&observer_);
  observer_.fail = true;
  EXPECT_FALSE(store_.ReplaceAll(next).has_value());
  EXPECT_EQ(Users(), 1u);
  EXPECT_EQ(Users("210987654321"), 1u);

  observer_.fail = false;
  ASSERT_TRUE(store_.ReplaceAll(next));
  EXPECT_EQ(observer_.events.back(), "replace 1");
  store_.Read("123456789012", [&](const AccountState& st) {
    EXPECT_TRUE(st.users.contains("new"));
    EXPECT_FALSE(st.users.contains("old"));
    EXPECT_EQ(st.created, 42);
    EXPECT_GT(st.generation, generation);
  });
  EXPECT_EQ(Users("210987654321"), 0u);  // absent from the new state: emptied
  auto snap = store_.Snapshot();
  EXPECT_EQ(snap.size(), 1u);  // empty accounts are left out
  store_.SetObserver(nullptr);
}

TEST(StoreIsEmptyTest, SettingsCount) {
  AccountState s;
  EXPECT_TRUE(IsEmpty(s));
  AccountSettings settings;
  settings.aliases = {"a"};
  s.settings = std::make_shared<const AccountSettings>(settings);
  EXPECT_FALSE(IsEmpty(s));
}

}  // namespace
}  // namespace iamlite
