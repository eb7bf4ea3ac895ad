#include "core/ops/inline_policies.h"

#include <gtest/gtest.h>

#include "core/names.h"
#include "core/ops/users.h"
#include "core/url_encode.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using ops::EntityKind;

constexpr const char* kAccount = "123456789012";
constexpr const char* kDoc =
    "{\"Version\": \"2012-10-17\",\n \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
    "\"iam:ListUsers\", \"Resource\": \"*\"}]}";

// A document of exactly `size` characters as IAM counts them (white space not counted).
std::string DocOfSize(size_t size) {
  std::string head = R"({"Statement":[{"Effect":"Allow","Action":"s3:)";
  std::string tail = R"(","Resource":"*"}]})";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

class InlinePoliciesTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, {"Alice", "/", "", {}}));
    Group g;
    g.id = "AGPAEXAMPLE";
    g.name = "Devs";
    Role r;
    r.id = "AROAEXAMPLE";
    r.name = "Runner";
    ASSERT_TRUE(store_.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
      return Change().Upsert(FoldName(g.name), g).Upsert(FoldName(r.name), r);
    }));
  }
  std::vector<std::string> Names(EntityKind kind, const std::string& entity, int page_size = 100) {
    std::vector<std::string> out;
    PageRequest req{std::nullopt, page_size};
    while (true) {
      auto page = ops::ListInlinePolicies(ctx_, kind, entity, req);
      EXPECT_TRUE(page.has_value());
      if (!page) break;
      out.insert(out.end(), page->items.begin(), page->items.end());
      if (!page->truncated) break;
      req.marker = page->next_marker;
    }
    return out;
  }
};

struct EntityCase {
  EntityKind kind;
  std::string name;  // as created
  std::string word;  // user, group, role
  size_t quota;      // characters for all inline policies together
};

std::vector<EntityCase> Entities() {
  return {{EntityKind::kUser, "Alice", "user", 2048},
          {EntityKind::kGroup, "Devs", "group", 5120},
          {EntityKind::kRole, "Runner", "role", 10240}};
}

TEST_F(InlinePoliciesTest, PutGetListDeleteForEachKind) {
  for (const auto& e : Entities()) {
    EXPECT_TRUE(Names(e.kind, e.name).empty());
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, e.kind, FoldName(e.name), "ListUsers", kDoc));
    auto got = ops::GetInlinePolicy(ctx_, e.kind, e.name, "ListUsers");
    ASSERT_TRUE(got.has_value()) << e.word;
    EXPECT_EQ(got->entity_name, e.name);  // as created, whatever case the caller used
    EXPECT_EQ(got->policy_name, "ListUsers");
    EXPECT_EQ(got->document, kDoc);  // kept as written
    EXPECT_EQ(Names(e.kind, e.name), (std::vector<std::string>{"ListUsers"}));
    ASSERT_TRUE(ops::DeleteInlinePolicy(ctx_, e.kind, e.name, "ListUsers"));
    auto gone = ops::GetInlinePolicy(ctx_, e.kind, e.name, "ListUsers");
    ASSERT_FALSE(gone.has_value());
    EXPECT_EQ(gone.error().code, "NoSuchEntity");
    EXPECT_EQ(gone.error().http_status, 404);
    EXPECT_EQ(gone.error().message,
              "The " + e.word + " policy with name ListUsers cannot be found.");
    auto again = ops::DeleteInlinePolicy(ctx_, e.kind, e.name, "ListUsers");
    EXPECT_EQ(again.error().message, gone.error().message);
  }
}

TEST_F(InlinePoliciesTest, UnknownEntityIsReportedBeforeABadDocument) {
  for (const auto& e : Entities()) {
    std::string missing = "The " + e.word + " with name ghost cannot be found.";
    EXPECT_EQ(ops::PutInlinePolicy(ctx_, e.kind, "ghost", "p", "{not json").error().message,
              missing);
    EXPECT_EQ(ops::GetInlinePolicy(ctx_, e.kind, "ghost", "p").error().message, missing);
    EXPECT_EQ(ops::DeleteInlinePolicy(ctx_, e.kind, "ghost", "p").error().message, missing);
    EXPECT_EQ(ops::ListInlinePolicies(ctx_, e.kind, "ghost", {}).error().message, missing);
    auto bad = ops::PutInlinePolicy(ctx_, e.kind, e.name, "p", "{not json");
    EXPECT_EQ(bad.error().code, "MalformedPolicyDocument");
  }
}

TEST_F(InlinePoliciesTest, InlineRulesAllowOlderVersions) {
  // Inline policies may omit Version or use 2008-10-17, which managed policies may not.
  for (
      const char* doc :
      {R"({"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})",
       R"({"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})"})
    EXPECT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "Alice", "old", doc)) << doc;
  auto principal = ops::PutInlinePolicy(
      ctx_, EntityKind::kUser, "Alice", "p",
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:*","Resource":"*"}]})");
  EXPECT_EQ(principal.error().message, "Policy document should not specify a principal.");
}

TEST_F(InlinePoliciesTest, PutReplacesAndNamesAreCaseSensitiveInByteOrder) {
  const std::string doc2 =
      R"({"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:*","Resource":"*"}]})";
  for (const char* n : {"beta", "Alpha", "alpha", "gamma", "Beta"})
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kRole, "Runner", n, kDoc));
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kRole, "Runner", "beta", doc2));
  EXPECT_EQ(ops::GetInlinePolicy(ctx_, EntityKind::kRole, "Runner", "beta")->document, doc2);
  std::vector<std::string> expected{"Alpha", "Beta", "alpha", "beta", "gamma"};
  EXPECT_EQ(Names(EntityKind::kRole, "Runner"), expected);
  EXPECT_EQ(Names(EntityKind::kRole, "Runner", 2), expected);
  EXPECT_FALSE(ops::GetInlinePolicy(ctx_, EntityKind::kRole, "Runner", "GAMMA").has_value());
  auto bad = ops::ListInlinePolicies(ctx_, EntityKind::kRole, "Runner", PageRequest{"junk", 1});
  EXPECT_EQ(bad.error().message, "Invalid Marker.");
}

TEST_F(InlinePoliciesTest, SizeQuotaCountsAllOfTheEntitysPolicies) {
  for (const auto& e : Entities()) {
    std::string half = DocOfSize(e.quota / 2);
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, e.kind, e.name, "one", half)) << e.word;
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, e.kind, e.name, "two", half));
    // Replacing a policy counts its new size only.
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, e.kind, e.name, "two", half));
    auto over = ops::PutInlinePolicy(ctx_, e.kind, e.name, "three", DocOfSize(100));
    ASSERT_FALSE(over.has_value()) << e.word;
    EXPECT_EQ(over.error().code, "LimitExceeded");
    EXPECT_EQ(over.error().http_status, 409);
    EXPECT_EQ(over.error().message, "Maximum policy size of " + std::to_string(e.quota) +
                                        " bytes exceeded for " + e.word + " " + e.name);
    EXPECT_EQ(Names(e.kind, e.name), (std::vector<std::string>{"one", "two"}));
    // White space does not count.
    std::string spaced = half;
    spaced.insert(1, 500, ' ');
    EXPECT_TRUE(ops::PutInlinePolicy(ctx_, e.kind, e.name, "one", spaced));
  }
}

TEST_F(InlinePoliciesTest, DeleteUserWaitsForInlinePolicies) {
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "alice", "p", kDoc));
  auto blocked = ops::DeleteUser(ctx_, "Alice");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code, "DeleteConflict");
  EXPECT_EQ(blocked.error().message, "Cannot delete entity, must delete policies first.");
  ASSERT_TRUE(ops::DeleteInlinePolicy(ctx_, EntityKind::kUser, "Alice", "p"));
  EXPECT_TRUE(ops::DeleteUser(ctx_, "Alice"));
}

}  // namespace
}  // namespace iamlite
