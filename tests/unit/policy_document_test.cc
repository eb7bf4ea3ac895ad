// PolicyDocument (entities.h): validated when written, parsed on first use and then kept, so
// that stored documents nobody evaluates cost only their text, and evaluated ones are parsed
// once, not per request.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/ops/inline_policies.h"
#include "core/ops/simulator.h"
#include "core/ops/users.h"
#include "core/policy/parser.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

using ops::EntityKind;

constexpr const char* kAllowGet =
    R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})";

class PolicyDocumentTest : public testing::OpTest {
 protected:
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"ann", "/", "", {}})); }
  PolicyDocument Stored(const std::string& user = "ann", const std::string& name = "p") {
    PolicyDocument out;
    store_.Read(caller_.account,
                [&](const AccountState& s) { out = s.users.at(user)->inline_policies.at(name); });
    return out;
  }
  std::shared_ptr<const policy::Policy> StoredParsed() {
    std::shared_ptr<const policy::Policy> out;
    store_.Read(caller_.account, [&](const AccountState& s) {
      out = s.users.at("ann")->inline_policies.at("p").Parsed();
    });
    return out;
  }
  std::string Simulate() {
    ops::SimulationInput in;
    in.policy_source_arn = "arn:aws:iam::123456789012:user/ann";
    in.actions = {"s3:GetObject"};
    auto page = ops::Simulate(ctx_, in);
    if (!page || page->items.size() != 1) return "error";
    return page->items[0].decision;
  }
};

TEST_F(PolicyDocumentTest, StillValidatedWhenWritten) {
  auto bad = ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p",
                                  R"({"Version":"2012-10-17","Statement":{"Effect":"Allow"}})");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "MalformedPolicyDocument");
  EXPECT_EQ(bad.error().message, "Policy statement must contain actions.");
  // An unknown user is still reported before the document.
  auto nobody = ops::PutInlinePolicy(ctx_, EntityKind::kUser, "bob", "p", "{");
  ASSERT_FALSE(nobody);
  EXPECT_EQ(nobody.error().code, "NoSuchEntity");
}

TEST_F(PolicyDocumentTest, ParsedOnFirstUseThenKept) {
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  EXPECT_FALSE(Stored().IsParsed());  // written, validated, not kept parsed
  EXPECT_EQ(Simulate(), "allowed");
  EXPECT_TRUE(Stored().IsParsed());  // the stored document now holds its parsed form
  auto first = StoredParsed();
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(Simulate(), "allowed");
  EXPECT_EQ(StoredParsed(), first);  // not parsed again by the next request
  ASSERT_EQ(first->statements.size(), 1u);
  EXPECT_EQ(first->statements[0].actions, std::vector<std::string>{"s3:GetObject"});
}

TEST_F(PolicyDocumentTest, CopiesShareTheParsedFormOnceBuilt) {
  PolicyDocument doc(kAllowGet, policy::PolicyKind::kInlineIdentity);
  PolicyDocument before = doc;  // copied unparsed: parses on its own
  auto parsed = doc.Parsed();
  ASSERT_NE(parsed, nullptr);
  PolicyDocument after = doc;
  EXPECT_TRUE(after.IsParsed());
  EXPECT_EQ(after.Parsed(), parsed);
  EXPECT_FALSE(before.IsParsed());
  EXPECT_NE(before.Parsed(), nullptr);
  PolicyDocument moved = std::move(after);
  EXPECT_EQ(moved.Parsed(), parsed);
  EXPECT_EQ(moved.text(), kAllowGet);
  EXPECT_EQ(PolicyDocument().Parsed(), nullptr);  // no text: nothing to parse
}

TEST_F(PolicyDocumentTest, IdenticalTextsShareOneCopy) {
  const std::string text = kAllowGet;
  PolicyDocument a(text, policy::PolicyKind::kInlineIdentity);
  PolicyDocument b(std::string(kAllowGet), policy::PolicyKind::kInlineIdentity);
  EXPECT_EQ(&a.text(), &b.text());
  PolicyDocument c(text + " ", policy::PolicyKind::kInlineIdentity);
  EXPECT_NE(&a.text(), &c.text());
  EXPECT_EQ(c.text(), text + " ");
  // Shared text, separate parsed forms: each document is parsed on its own first use.
  EXPECT_NE(a.Parsed(), nullptr);
  EXPECT_FALSE(b.IsParsed());
}

TEST_F(PolicyDocumentTest, ConcurrentFirstUseYieldsOneParsedForm) {
  for (int round = 0; round < 20; ++round) {
    const PolicyDocument doc(kAllowGet, policy::PolicyKind::kInlineIdentity);
    std::atomic<bool> go{false};
    std::vector<std::shared_ptr<const policy::Policy>> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i)
      threads.emplace_back([&, i] {
        while (!go.load()) std::this_thread::yield();
        seen[i] = doc.Parsed();
      });
    go = true;
    for (auto& t : threads) t.join();
    for (const auto& p : seen) {
      ASSERT_NE(p, nullptr);
      EXPECT_EQ(p, doc.Parsed());
    }
  }
}

TEST_F(PolicyDocumentTest, ConcurrentSimulationsAgree) {
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "ann", "p", kAllowGet));
  std::vector<std::string> decisions(4);
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < decisions.size(); ++i)
    threads.emplace_back([&, i] {
      Caller c = Caller::Root("123456789012");
      OpContext ctx{store_, clock_, ids_, c};
      ops::SimulationInput in;
      in.policy_source_arn = "arn:aws:iam::123456789012:user/ann";
      in.actions = {"s3:GetObject"};
      for (int k = 0; k < 20; ++k) {
        auto page = ops::Simulate(ctx, in);
        decisions[i] = page && page->items.size() == 1 ? page->items[0].decision : "error";
        if (decisions[i] != "allowed") return;
      }
    });
  for (auto& t : threads) t.join();
  for (const auto& d : decisions) EXPECT_EQ(d, "allowed");
  auto parsed = StoredParsed();
  EXPECT_EQ(StoredParsed(), parsed);
}

}  // namespace
}  // namespace iamlite
