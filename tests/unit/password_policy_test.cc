#include "core/ops/password_policy.h"

#include <gtest/gtest.h>

#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class PasswordPolicyTest : public testing::OpTest {
 protected:
};

TEST_F(PasswordPolicyTest, GetAndDeleteWithoutPolicyUseAwsMessages) {
  auto got = ops::GetAccountPasswordPolicy(ctx_);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, "NoSuchEntity");
  EXPECT_EQ(got.error().http_status, 404);
  EXPECT_EQ(got.error().message,
            "The Password Policy with domain name 123456789012 cannot be found.");
  auto del = ops::DeleteAccountPasswordPolicy(ctx_);
  ASSERT_FALSE(del.has_value());
  EXPECT_EQ(del.error().code, "NoSuchEntity");
  EXPECT_EQ(del.error().message, "The account policy with name PasswordPolicy cannot be found.");
}

TEST_F(PasswordPolicyTest, OmittedMembersTakeDefaultsNotPreviousValues) {
  ops::UpdatePasswordPolicyInput all;
  all.minimum_password_length = 10;
  all.require_symbols = all.require_numbers = all.require_uppercase = all.require_lowercase = true;
  all.allow_users_to_change_password = true;
  all.max_password_age = 60;
  all.password_reuse_prevention = 3;
  all.hard_expiry = true;
  ASSERT_TRUE(ops::UpdateAccountPasswordPolicy(ctx_, all));
  auto p = ops::GetAccountPasswordPolicy(ctx_);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->minimum_password_length, 10);
  EXPECT_TRUE(p->require_symbols && p->require_numbers && p->require_uppercase &&
              p->require_lowercase && p->allow_users_to_change_password && p->hard_expiry);
  EXPECT_EQ(p->max_password_age, 60);
  EXPECT_EQ(p->password_reuse_prevention, 3);

  ops::UpdatePasswordPolicyInput only_symbols;
  only_symbols.require_symbols = true;
  ASSERT_TRUE(ops::UpdateAccountPasswordPolicy(ctx_, only_symbols));
  p = ops::GetAccountPasswordPolicy(ctx_);
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->minimum_password_length, 6);
  EXPECT_TRUE(p->require_symbols);
  EXPECT_FALSE(p->require_numbers || p->require_uppercase || p->require_lowercase ||
               p->allow_users_to_change_password || p->hard_expiry);
  EXPECT_FALSE(p->max_password_age.has_value());
  EXPECT_FALSE(p->password_reuse_prevention.has_value());

  ASSERT_TRUE(ops::DeleteAccountPasswordPolicy(ctx_));
  EXPECT_FALSE(ops::GetAccountPasswordPolicy(ctx_).has_value());
}

TEST_F(PasswordPolicyTest, PolicyIsPerAccountAndKeepsOtherSettings) {
  ASSERT_TRUE(store_.Mutate(caller_.account, [](const AccountState& s) -> Result<Change> {
    AccountSettings settings = *s.settings;
    settings.aliases = {"my-alias"};
    return Change().SetSettings(settings);
  }));
  ASSERT_TRUE(ops::UpdateAccountPasswordPolicy(ctx_, {}));
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other};
  EXPECT_FALSE(ops::GetAccountPasswordPolicy(ctx2).has_value());
  ASSERT_TRUE(ops::DeleteAccountPasswordPolicy(ctx_));
  store_.Read(caller_.account, [](const AccountState& s) {
    EXPECT_EQ(s.settings->aliases, std::vector<std::string>{"my-alias"});
  });
}

struct Case {
  const char* password;
  const char* violation;  // nullptr: accepted
};

void Check(const std::optional<PasswordPolicy>& policy, const std::vector<Case>& cases) {
  for (const auto& c : cases) {
    auto r = ops::CheckPassword(policy, c.password);
    if (!c.violation) {
      EXPECT_TRUE(r.has_value()) << c.password << ": " << r.error().message;
      continue;
    }
    ASSERT_FALSE(r.has_value()) << c.password;
    EXPECT_EQ(r.error().code, "PasswordPolicyViolation") << c.password;
    EXPECT_EQ(r.error().http_status, 400);
    EXPECT_EQ(r.error().message, c.violation) << c.password;
  }
}

TEST(PasswordCheckTest, DefaultRulesWithoutAPolicy) {
  Check(std::nullopt, {
                          {"Abcdef1", "Password should have a minimum length of 8"},
                          {"abcdefg1",
                           "Password should meet 1 more of the following requirements: Password "
                           "should have at least one uppercase letter, Password should have at "
                           "least one symbol"},
                          {"abcdefgh",
                           "Password should meet 2 more of the following requirements: Password "
                           "should have at least one uppercase letter, Password should have at "
                           "least one number, Password should have at least one symbol"},
                          {"ABCDEFG!",
                           "Password should meet 1 more of the following requirements: Password "
                           "should have at least one lowercase letter, Password should have at "
                           "least one number"},
                          {"Abcdefg1", nullptr},
                          {"abcdefg1!", nullptr},
                          {"ABCDEFG1!", nullptr},
                          {"TestPassword123!", nullptr},
                          // Only the documented symbols count: '.' and ' ' are not symbols.
                          {"abcdef1. ",
                           "Password should meet 1 more of the following requirements: Password "
                           "should have at least one uppercase letter, Password should have at "
                           "least one symbol"},
                      });
}

TEST(PasswordCheckTest, CustomPolicyReportsTheFirstBrokenRule) {
  PasswordPolicy p;
  p.minimum_password_length = 12;
  p.require_uppercase = p.require_lowercase = p.require_numbers = p.require_symbols = true;
  Check(p, {
               {"short", "Password should have a minimum length of 12"},
               {"abcdefghijkl", "Password should have at least one uppercase letter"},
               {"ABCDEFGHIJKL", "Password should have at least one lowercase letter"},
               {"ABCDEFghijkl", "Password should have at least one number"},
               {"ABCDEFghijk1", "Password should have at least one symbol"},
               {"ABCDEFghij1|", nullptr},
               {"ABCDEFghij1'", nullptr},
           });
}

TEST(PasswordCheckTest, CustomPolicyReplacesTheDefaultRules) {
  PasswordPolicy lax;  // AWS's defaults: 6 characters, no character types
  Check(lax, {{"abcdef", nullptr},
              {"abcde", "Password should have a minimum length of 6"},
              {"      ", nullptr}});
  PasswordPolicy numbers;
  numbers.require_numbers = true;
  Check(numbers, {{"abcdef", "Password should have at least one number"}, {"abcde1", nullptr}});
}

TEST(PasswordCheckTest, LengthCountsCharactersNotBytes) {
  PasswordPolicy p;
  p.minimum_password_length = 8;
  // Seven Latin-1 characters, fourteen UTF-8 bytes.
  Check(p, {{"\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4",
             "Password should have a minimum length of 8"},
            {"\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4\xc3\xa4", nullptr}});
}

}  // namespace
}  // namespace iamlite
