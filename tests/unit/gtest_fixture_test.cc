// contrib/gtest/iamlite_server.h, the fixture README offers GoogleTest users: it starts the
// real iamlite binary (IAMLITE_BIN_PATH, built beside this test) and resets it per test.
#include <cstdlib>

#include "contrib/gtest/iamlite_server.h"

namespace {

class GtestFixture : public iamlite::testing::IamliteTest {
 protected:
  static void SetUpTestSuite() {
    setenv("IAMLITE_BIN", IAMLITE_BIN_PATH, 0);
    IamliteTest::SetUpTestSuite();
  }
  static int CreateUser(const std::string& name) {
    return Server().Request("POST", "/", "Action=CreateUser&Version=2010-05-08&UserName=" + name);
  }
  static int GetUser(const std::string& name, std::string* body = nullptr) {
    return Server().Request("POST", "/", "Action=GetUser&Version=2010-05-08&UserName=" + name,
                            body);
  }
};

TEST_F(GtestFixture, StartsOnAFreePortAndAnswersIam) {
  EXPECT_EQ(Endpoint().rfind("http://127.0.0.1:", 0), 0u) << Endpoint();
  EXPECT_GT(Server().Port(), 0);
  ASSERT_EQ(CreateUser("ana"), 200);
  std::string body;
  ASSERT_EQ(GetUser("ana", &body), 200);
  EXPECT_NE(body.find("<UserName>ana</UserName>"), std::string::npos) << body;
}

// SetUp, which GoogleTest runs before each test, empties the server: run it again here.
TEST_F(GtestFixture, ResetsBeforeEachTest) {
  ASSERT_EQ(CreateUser("bob"), 200);
  EXPECT_EQ(CreateUser("bob"), 409);
  SetUp();
  EXPECT_EQ(GetUser("bob"), 404);
  EXPECT_EQ(CreateUser("bob"), 200);
}

}  // namespace
