#include "core/ops/login_profiles.h"

#include <gtest/gtest.h>

#include "core/ops/password_policy.h"
#include "core/ops/users.h"
#include "core/password_hash.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

// Each successful Create/Update/ChangePassword costs one production-strength hash (tens of
// milliseconds); the tests keep their number small.
class LoginProfilesTest : public testing::OpTest {
 protected:
  Caller sally_ = UserCaller("Sally");
  OpContext as_sally_{store_, clock_, ids_, sally_};

  static Caller UserCaller(const std::string& name) {
    Caller c;
    c.type = Caller::Type::kUser;
    c.user_name = name;
    c.arn = "arn:aws:iam::123456789012:user/" + name;
    return c;
  }
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"Sally", "/", "", {}})); }
  std::optional<LoginProfile> Stored(const std::string& key = "sally") {
    std::optional<LoginProfile> p;
    store_.Read(caller_.account,
                [&](const AccountState& s) { p = s.users.at(key)->login_profile; });
    return p;
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

TEST_F(LoginProfilesTest, LifecycleStoresOnlyAHash) {
  auto created = ops::CreateLoginProfile(ctx_, {std::string("sally"), "TestPassword123!", false});
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->user_name, "Sally");
  EXPECT_EQ(created->create_date, 1'700'000'000'000);
  EXPECT_FALSE(created->password_reset_required);
  auto stored = Stored();
  ASSERT_TRUE(stored.has_value());
  EXPECT_EQ(stored->password_hash.find("TestPassword123!"), std::string::npos);
  EXPECT_TRUE(stored->password_hash.starts_with("pbkdf2-sha256$100000$"));
  EXPECT_TRUE(VerifyPassword("TestPassword123!", stored->password_hash));

  auto got = ops::GetLoginProfile(ctx_, std::string("SALLY"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_name, "Sally");

  clock_.Advance(5000);
  ASSERT_TRUE(ops::UpdateLoginProfile(ctx_, {"Sally", std::string("NewPassword456!"), true}));
  got = ops::GetLoginProfile(ctx_, std::string("Sally"));
  ASSERT_TRUE(got.has_value());
  EXPECT_TRUE(got->password_reset_required);
  EXPECT_EQ(got->create_date, 1'700'000'000'000);  // an update keeps the creation date
  EXPECT_TRUE(VerifyPassword("NewPassword456!", Stored()->password_hash));

  // Only the flag: the password stays.
  ASSERT_TRUE(ops::UpdateLoginProfile(ctx_, {"Sally", std::nullopt, false}));
  EXPECT_FALSE(Stored()->password_reset_required);
  EXPECT_TRUE(VerifyPassword("NewPassword456!", Stored()->password_hash));

  ASSERT_TRUE(ops::DeleteLoginProfile(ctx_, std::string("Sally")));
  EXPECT_FALSE(Stored().has_value());
  ExpectError(ops::GetLoginProfile(ctx_, std::string("Sally")), "NoSuchEntity", 404,
              "Login Profile for User Sally cannot be found.");
}

TEST_F(LoginProfilesTest, ErrorsInAwsWording) {
  ExpectError(ops::CreateLoginProfile(ctx_, {std::string("nonexistent-user"), "TestPassword123!"}),
              "NoSuchEntity", 404, "The user with name nonexistent-user cannot be found.");
  ExpectError(ops::DeleteLoginProfile(ctx_, std::string("nonexistent-user")), "NoSuchEntity", 404,
              "The user with name nonexistent-user cannot be found.");
  ExpectError(ops::UpdateLoginProfile(ctx_, {"Sally", std::nullopt, true}), "NoSuchEntity", 404,
              "Login Profile for User Sally cannot be found.");
  ExpectError(ops::DeleteLoginProfile(ctx_, std::string("sally")), "NoSuchEntity", 404,
              "Login Profile for User Sally cannot be found.");
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "TestPassword123!"}));
  ExpectError(ops::CreateLoginProfile(ctx_, {std::string("sally"), "AnotherPassword123!"}),
              "EntityAlreadyExists", 409, "Login Profile for user Sally already exists.");
  ExpectError(ops::CreateLoginProfile(ctx_, {std::string("Sally"), std::nullopt}),
              "ValidationError", 400,
              "1 validation error detected: Value null at 'password' failed to satisfy "
              "constraint: Member must not be null");
}

TEST_F(LoginProfilesTest, PasswordsMustPassThePolicy) {
  // No policy: AWS's default rules.
  ExpectError(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "short1A"}),
              "PasswordPolicyViolation", 400, "Password should have a minimum length of 8");
  EXPECT_FALSE(Stored().has_value());
  ops::UpdatePasswordPolicyInput policy;
  policy.minimum_password_length = 12;
  policy.require_numbers = true;
  ASSERT_TRUE(ops::UpdateAccountPasswordPolicy(ctx_, policy));
  ExpectError(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "abcdefghijkl"}),
              "PasswordPolicyViolation", 400, "Password should have at least one number");
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "abcdefghijk1"}));
  ExpectError(ops::UpdateLoginProfile(ctx_, {"Sally", std::string("abc1"), std::nullopt}),
              "PasswordPolicyViolation", 400, "Password should have a minimum length of 12");
  EXPECT_TRUE(VerifyPassword("abcdefghijk1", Stored()->password_hash));
}

TEST_F(LoginProfilesTest, OmittedUserNameIsTheCallingUser) {
  ASSERT_TRUE(ops::CreateLoginProfile(as_sally_, {std::nullopt, "TestPassword123!", true}));
  auto got = ops::GetLoginProfile(as_sally_, std::nullopt);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_name, "Sally");
  ASSERT_TRUE(ops::DeleteLoginProfile(as_sally_, std::nullopt));
  const std::string message = "Must specify userName when calling with non-User credentials";
  ExpectError(ops::CreateLoginProfile(ctx_, {std::nullopt, "TestPassword123!"}), "ValidationError",
              400, message);
  ExpectError(ops::GetLoginProfile(ctx_, std::nullopt), "ValidationError", 400, message);
  ExpectError(ops::DeleteLoginProfile(ctx_, std::nullopt), "ValidationError", 400, message);
}

TEST_F(LoginProfilesTest, ChangePasswordForTheCallingUser) {
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "TestPassword123!", true}));
  ExpectError(ops::ChangePassword(as_sally_, "WrongPassword123!", "NewPassword456!"),
              "AccessDenied", 403, "The old password is incorrect.");
  ExpectError(ops::ChangePassword(as_sally_, "TestPassword123!", "weak"), "PasswordPolicyViolation",
              400, "Password should have a minimum length of 8");
  EXPECT_TRUE(VerifyPassword("TestPassword123!", Stored()->password_hash));
  ASSERT_TRUE(ops::ChangePassword(as_sally_, "TestPassword123!", "NewPassword456!"));
  auto stored = Stored();
  EXPECT_TRUE(VerifyPassword("NewPassword456!", stored->password_hash));
  EXPECT_FALSE(stored->password_reset_required);  // changing it satisfies the reset
}

TEST_F(LoginProfilesTest, ChangePasswordErrors) {
  ExpectError(ops::ChangePassword(ctx_, "a", "b"), "InvalidUserType", 400,
              "Only IAM users can change their own password.");
  Caller role;
  role.type = Caller::Type::kAssumedRole;
  OpContext as_role{store_, clock_, ids_, role};
  ExpectError(ops::ChangePassword(as_role, "a", "b"), "InvalidUserType", 400,
              "Only IAM users can change their own password.");
  ExpectError(ops::ChangePassword(as_sally_, "a", "b"), "NoSuchEntity", 404,
              "Login Profile for User Sally cannot be found.");
  Caller ghost = UserCaller("ghost");
  OpContext as_ghost{store_, clock_, ids_, ghost};
  ExpectError(ops::ChangePassword(as_ghost, "a", "b"), "NoSuchEntity", 404,
              "The user with name ghost cannot be found.");
}

TEST_F(LoginProfilesTest, DeleteUserWaitsForTheProfileAndRenameKeepsIt) {
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {std::string("Sally"), "TestPassword123!"}));
  auto blocked = ops::DeleteUser(ctx_, "Sally");
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().code, "DeleteConflict");
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"Sally", std::string("Sara"), std::nullopt}));
  auto got = ops::GetLoginProfile(ctx_, std::string("Sara"));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->user_name, "Sara");
  ASSERT_TRUE(ops::DeleteLoginProfile(ctx_, std::string("Sara")));
  EXPECT_TRUE(ops::DeleteUser(ctx_, "Sara"));
}

}  // namespace
}  // namespace iamlite
