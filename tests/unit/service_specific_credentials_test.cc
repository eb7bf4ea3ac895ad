#include "core/ops/service_specific_credentials.h"

#include <gtest/gtest.h>

#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

class ServiceCredentialsTest : public testing::OpTest {
 protected:
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"jane", "/", "", {}})); }
  ops::ServiceCredentialView MustCreate(const std::string& service, std::optional<int> days = {}) {
    auto c = ops::CreateServiceSpecificCredential(ctx_, {"jane", service, days});
    EXPECT_TRUE(c.has_value()) << service;
    return *c;
  }
  std::vector<ops::ServiceCredentialView> List(ops::ListServiceCredentialsInput in) {
    auto page = ops::ListServiceSpecificCredentials(ctx_, in);
    EXPECT_TRUE(page.has_value());
    return page->items;
  }
};

TEST_F(ServiceCredentialsTest, UserNamePasswordServicesAsAwsFormsThem) {
  for (const char* service : {"codecommit.amazonaws.com", "cassandra.amazonaws.com"}) {
    auto c = MustCreate(service);
    EXPECT_EQ(c.credential.service_user_name, "jane-at-123456789012") << service;
    EXPECT_EQ(c.credential.service_password.size(), 44u) << service;
    EXPECT_TRUE(c.credential.id.starts_with("ACCA"));
    EXPECT_GE(c.credential.id.size(), 20u);
    EXPECT_EQ(c.status, "Active");
    EXPECT_TRUE(c.credential.alias.empty());
    EXPECT_FALSE(c.credential.expiration);
  }
}

TEST_F(ServiceCredentialsTest, BedrockKeysHaveAliasSecretAndExpiry) {
  auto c = MustCreate("bedrock.amazonaws.com", 30);
  EXPECT_TRUE(c.credential.service_user_name.empty());
  EXPECT_TRUE(c.credential.alias.ends_with("-at-123456789012"));
  EXPECT_TRUE(c.credential.secret.starts_with("ABSK"));
  ASSERT_TRUE(c.credential.expiration);
  EXPECT_EQ(*c.credential.expiration, c.credential.create_date + 30LL * 86'400'000);
  clock_.Advance(31LL * 86'400'000);
  auto listed = List({std::string("jane"), std::nullopt, false, {}});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].status, "Expired");
  EXPECT_TRUE(listed[0].credential.secret.empty());
}

TEST_F(ServiceCredentialsTest, ErrorsAsRecordedFromAws) {
  struct Case {
    std::string user, service, code, message;
  } cases[] = {
      {"nobody", "codecommit.amazonaws.com", "NoSuchEntity",
       "The user with name nobody cannot be found."},
      {"nobody", "lambda.amazonaws.com", "NoSuchEntity",
       "The user with name nobody cannot be found."},
      {"jane", "lambda.amazonaws.com", "NoSuchEntity",
       "No such service lambda.amazonaws.com is supported for Service Specific Credentials"},
  };
  for (const auto& c : cases) {
    auto r = ops::CreateServiceSpecificCredential(ctx_, {c.user, c.service, {}});
    ASSERT_FALSE(r.has_value()) << c.user << " " << c.service;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().http_status, 404);
    EXPECT_EQ(r.error().message, c.message);
  }
}

TEST_F(ServiceCredentialsTest, TwoPerServicePerUser) {
  MustCreate("codecommit.amazonaws.com");
  MustCreate("codecommit.amazonaws.com");
  MustCreate("cassandra.amazonaws.com");  // another service has its own quota
  auto third = ops::CreateServiceSpecificCredential(ctx_, {"jane", "codecommit.amazonaws.com", {}});
  ASSERT_FALSE(third.has_value());
  EXPECT_EQ(third.error().code, "LimitExceeded");
  EXPECT_EQ(third.error().http_status, 409);
}

TEST_F(ServiceCredentialsTest, ListFiltersByServiceAndUser) {
  MustCreate("codecommit.amazonaws.com");
  MustCreate("cassandra.amazonaws.com");
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  ASSERT_TRUE(ops::CreateServiceSpecificCredential(ctx_, {"bob", "codecommit.amazonaws.com", {}}));
  EXPECT_EQ(List({std::string("jane"), std::nullopt, false, {}}).size(), 2u);
  EXPECT_EQ(List({std::string("jane"), std::string("cassandra.amazonaws.com"), false, {}}).size(),
            1u);
  EXPECT_EQ(List({std::nullopt, std::string("codecommit.amazonaws.com"), true, {}}).size(), 2u);
  EXPECT_EQ(List({std::nullopt, std::nullopt, false, {}}).size(), 0u);  // root has none
  auto bad = ops::ListServiceSpecificCredentials(
      ctx_, {std::string("jane"), std::string("nonexistentservice.amazonaws.com"), false, {}});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().message,
            "No such service nonexistentservice.amazonaws.com is supported for Service Specific "
            "Credentials");
}

TEST_F(ServiceCredentialsTest, ResetUpdateDelete) {
  auto c = MustCreate("codecommit.amazonaws.com");
  auto reset = ops::ResetServiceSpecificCredential(ctx_, std::string("jane"), c.credential.id);
  ASSERT_TRUE(reset.has_value());
  EXPECT_NE(reset->credential.service_password, c.credential.service_password);
  EXPECT_EQ(reset->credential.service_user_name, c.credential.service_user_name);
  ASSERT_TRUE(
      ops::UpdateServiceSpecificCredential(ctx_, std::string("jane"), c.credential.id, "Inactive"));
  EXPECT_EQ(List({std::string("jane"), std::nullopt, false, {}})[0].status, "Inactive");
  auto missing = ops::DeleteServiceSpecificCredential(ctx_, std::string("jane"),
                                                      "satisfiesregexbutstillinvalid");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().message, "No such credential satisfiesregexbutstillinvalid exists");
  auto wrong_user =
      ops::DeleteServiceSpecificCredential(ctx_, std::string("wrong-user-name"), c.credential.id);
  ASSERT_FALSE(wrong_user.has_value());
  EXPECT_EQ(wrong_user.error().message, "The user with name wrong-user-name cannot be found.");
  ASSERT_TRUE(ops::DeleteServiceSpecificCredential(ctx_, std::string("jane"), c.credential.id));
  EXPECT_TRUE(List({std::string("jane"), std::nullopt, false, {}}).empty());
}

TEST_F(ServiceCredentialsTest, DeleteUserRefusedWhileCredentialsRemain) {
  auto c = MustCreate("codecommit.amazonaws.com");
  auto refused = ops::DeleteUser(ctx_, "jane");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, "DeleteConflict");
  EXPECT_EQ(refused.error().message, "Cannot delete entity, must remove referenced objects first.");
  ASSERT_TRUE(ops::DeleteServiceSpecificCredential(ctx_, std::string("jane"), c.credential.id));
  EXPECT_TRUE(ops::DeleteUser(ctx_, "jane"));
}

TEST_F(ServiceCredentialsTest, RenameKeepsServiceUserNameAndFollowsUser) {
  auto c = MustCreate("codecommit.amazonaws.com");
  ASSERT_TRUE(ops::UpdateUser(ctx_, {"jane", std::string("janet"), std::nullopt}));
  auto listed = List({std::string("janet"), std::nullopt, false, {}});
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].user_name, "janet");
  EXPECT_EQ(listed[0].credential.service_user_name, "jane-at-123456789012");
}

TEST_F(ServiceCredentialsTest, CallingUserIsTheDefault) {
  auto c = MustCreate("codecommit.amazonaws.com");
  Caller jane;
  jane.account = "123456789012";
  jane.type = Caller::Type::kUser;
  jane.user_name = "jane";
  OpContext as_jane{store_, clock_, ids_, jane};
  auto page = ops::ListServiceSpecificCredentials(as_jane, {});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->items.size(), 1u);
  EXPECT_TRUE(
      ops::UpdateServiceSpecificCredential(as_jane, std::nullopt, c.credential.id, "Inactive"));
}

}  // namespace
}  // namespace iamlite
