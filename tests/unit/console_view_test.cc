// The web console's read model (core/ops/console_view.h) and sign-in (console_auth.h), on the
// founding example.
#include "core/ops/console_view.h"

#include <gtest/gtest.h>

#include "core/change.h"
#include "core/ops/console_auth.h"
#include "core/policy/parser.h"
#include "core/state/fixture.h"
#include "tests/unit/op_test_base.h"

namespace iamlite::ops {
namespace {

using nlohmann::json;

constexpr const char* kAccount = "123456789012";
constexpr const char* kMary = "arn:aws:iam::123456789012:user/company/mary";
constexpr const char* kBilling = "arn:aws:s3:::example-billing-bucket/report.csv";

class ConsoleViewTest : public testing::OpTest {
 protected:
  void SetUp() override {
    auto ok = state::ApplyFixtureFile(
        std::string(IAMLITE_SOURCE_DIR) + "/scripts/fixtures/founding-example.json", store_, clock_,
        ids_, {kAccount});
    ASSERT_TRUE(ok) << ok.error();
  }

  json View(const std::optional<std::string>& viewer_arn = std::nullopt) {
    json out;
    store_.Read(kAccount, [&](const AccountState& s) {
      ConsoleViewer viewer = viewer_arn ? ConsoleViewer(s, kAccount, *viewer_arn) : ConsoleViewer();
      out = ConsoleAccountView(s, kAccount, viewer);
    });
    return out;
  }

  ConsoleViewer ViewerOf(const std::string& arn) {
    std::optional<ConsoleViewer> v;
    store_.Read(kAccount, [&](const AccountState& s) { v.emplace(s, kAccount, arn); });
    return *v;
  }

  // Gives `user` an inline policy.
  void PutPolicy(const std::string& user, const std::string& text) {
    auto parsed = policy::ParsePolicy(text, policy::PolicyKind::kInlineIdentity);
    ASSERT_TRUE(parsed);
    auto ok = store_.Mutate(kAccount, [&](const AccountState& s) -> Result<Change> {
      User u = *s.users.at(user);
      u.inline_policies["console"] =
          PolicyDocument(text, policy::PolicyKind::kInlineIdentity, *parsed);
      return Change().Upsert(user, std::move(u));
    });
    ASSERT_TRUE(ok);
  }
};

TEST_F(ConsoleViewTest, EverythingWithoutAViewerAndNoSecrets) {
  json v = View();
  ASSERT_EQ(5u, v["users"].size());
  EXPECT_EQ("jane", v["users"][0]["name"]);
  const json& sally = v["users"][4];
  ASSERT_EQ(1u, sally["access_keys"].size());
  EXPECT_EQ("AKIAFOUNDINGSALLY000", sally["access_keys"][0]["id"]);
  EXPECT_EQ("Active", sally["access_keys"][0]["status"]);
  EXPECT_TRUE(sally["login_profile"]["password_reset_required"]);
  const std::string text = v.dump();
  EXPECT_EQ(std::string::npos, text.find("SecretAccessKey"));
  EXPECT_EQ(std::string::npos, text.find("pbkdf2"));
  EXPECT_EQ(4u, v["groups"].size());
  // The customer policy and the five AWS managed ones the groups use.
  ASSERT_EQ(6u, v["policies"].size());
  EXPECT_EQ("BillingBucketReadOnly", v["policies"][0]["name"]);
  EXPECT_EQ("Accountants", v["policies"][0]["attached_to"][0]["name"]);
  EXPECT_EQ(json({{"users", 0}, {"groups", 0}, {"roles", 0}, {"policies", 0}}), v["hidden"]);
}

TEST_F(ConsoleViewTest, ViewerSeesWhatItsPoliciesAllow) {
  PutPolicy("jane", R"({"Version":"2012-10-17","Statement":[
    {"Effect":"Allow","Action":"iam:Get*","Resource":"arn:aws:iam::123456789012:user/company/m*"},
    {"Effect":"Deny","Action":"iam:GetUserPolicy","Resource":"*"}]})");
  json v = View("arn:aws:iam::123456789012:user/company/jane");
  ASSERT_EQ(2u, v["users"].size());
  EXPECT_EQ("maria", v["users"][0]["name"]);
  EXPECT_EQ("mary", v["users"][1]["name"]);
  EXPECT_TRUE(v["users"][1].contains("login_profile"));  // iam:GetLoginProfile allowed
  EXPECT_FALSE(v["users"][1].contains("access_keys"));   // iam:ListAccessKeys is no Get*
  EXPECT_EQ(0u, v["groups"].size());
  EXPECT_EQ(3, v["hidden"]["users"]);
  EXPECT_EQ(4, v["hidden"]["groups"]);
}

TEST_F(ConsoleViewTest, ViewerWithoutIamPermissionsSeesNothing) {
  ConsoleViewer mary = ViewerOf(kMary);
  EXPECT_FALSE(mary.everything());
  EXPECT_FALSE(mary.May("iam:GetUser", kMary));
  EXPECT_TRUE(mary.May("s3:GetObject", kBilling));
  ConsoleViewer gone = ViewerOf("arn:aws:iam::123456789012:user/nobody");
  EXPECT_FALSE(gone.May("s3:GetObject", kBilling));
  EXPECT_TRUE(ConsoleViewer().May("iam:DeleteUser", "*"));
}

TEST_F(ConsoleViewTest, SimulationCarriesPositionsAndTexts) {
  auto sim = ConsoleSimulate(ctx_, ConsoleViewer(), {kMary, {"s3:GetObject"}, {kBilling}, {}});
  ASSERT_TRUE(sim) << sim.error().message;
  const json& r = (*sim)["results"][0];
  EXPECT_EQ("allowed", r["decision"]);
  ASSERT_EQ(1u, r["matched"].size());
  EXPECT_EQ("BillingBucketReadOnly", r["matched"][0]["source_policy_id"]);
  ASSERT_EQ(1u, (*sim)["policies"].size());
  EXPECT_EQ("BillingBucketReadOnly", (*sim)["policies"][0]["id"]);
  EXPECT_EQ("group Accountants managed policy BillingBucketReadOnly",
            (*sim)["policies"][0]["label"]);
}

TEST_F(ConsoleViewTest, SimulationNeedsThePermissionToSimulate) {
  auto sim = ConsoleSimulate(ctx_, ViewerOf(kMary), {kMary, {"s3:GetObject"}, {}, {}});
  ASSERT_FALSE(sim);
  EXPECT_EQ("AccessDenied", sim.error().code);
  auto none = ConsoleSimulate(ctx_, ConsoleViewer(), {kMary, {}, {}, {}});
  ASSERT_FALSE(none);
  EXPECT_EQ("InvalidInput", none.error().code);
}

TEST_F(ConsoleViewTest, MatrixRowsForEveryUser) {
  auto m = ConsoleMatrix(ctx_, ConsoleViewer(), {}, {"s3:GetObject", "ec2:RunInstances"}, {});
  ASSERT_TRUE(m) << m.error().message;
  ASSERT_EQ(5u, (*m)["rows"].size());
  const json& sally = (*m)["rows"][4];
  EXPECT_EQ("sally", sally["name"]);
  EXPECT_EQ("allowed", sally["cells"][1]["decision"]);
  const json& mary = (*m)["rows"][3];
  EXPECT_EQ("implicitDeny", mary["cells"][0]["decision"]);  // resource "*": not the bucket
  EXPECT_EQ(json::array({"*"}), (*m)["resources"]);
}

TEST(ConsoleContextTest, ParsesKeyTypeValues) {
  struct Case {
    std::string text;
    std::string name, type;
    std::vector<std::string> values;
  } cases[] = {
      {"aws:SourceIp=ip:10.0.0.1", "aws:SourceIp", "ip", {"10.0.0.1"}},
      {"s3:prefix=home/", "s3:prefix", "string", {"home/"}},
      {"aws:TagKeys=stringList:a,b", "aws:TagKeys", "stringList", {"a", "b"}},
      {"aws:PrincipalArn=arn:aws:iam::1:root",
       "aws:PrincipalArn",
       "string",
       {"arn:aws:iam::1:root"}},
      {"aws:MultiFactorAuthPresent=boolean:true",
       "aws:MultiFactorAuthPresent",
       "boolean",
       {"true"}},
  };
  for (const auto& c : cases) {
    auto e = ParseConsoleContext(c.text);
    ASSERT_TRUE(e) << c.text;
    EXPECT_EQ(c.name, e->name) << c.text;
    EXPECT_EQ(c.type, e->type) << c.text;
    EXPECT_EQ(c.values, e->values) << c.text;
  }
  EXPECT_FALSE(ParseConsoleContext("novalue"));
  EXPECT_FALSE(ParseConsoleContext("=x"));
}

TEST_F(ConsoleViewTest, SignInChecksTheLoginProfilePassword) {
  auto ok = ConsoleSignIn(store_, kAccount, "mary", "Initial-Passw0rd!");
  ASSERT_TRUE(ok);
  EXPECT_EQ(kMary, *ok);
  for (auto [user, password] : {std::pair{"mary", "wrong"}, std::pair{"jane", "Initial-Passw0rd!"},
                                std::pair{"nobody", "x"}}) {
    auto bad = ConsoleSignIn(store_, kAccount, user, password);
    ASSERT_FALSE(bad) << user;
    EXPECT_EQ("AccessDenied", bad.error().code);
    EXPECT_EQ("Your authentication information is incorrect. Please try again.",
              bad.error().message);
  }
}

}  // namespace
}  // namespace iamlite::ops
