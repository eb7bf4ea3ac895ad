// The whole pipeline without a socket: HttpRequest in, HttpResponse out.
#include "server/app.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

class AppTest : public ::testing::Test {
 protected:
  App app_{AppOptions{.quiet = true}, std::make_unique<FakeClock>(1'714'564'800'000),
           std::make_unique<SeededIdGenerator>(1)};

  HttpResponse Post(const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
    r.body = body;
    return app_.Handle(r);
  }
};

TEST_F(AppTest, CreateUserEndToEndWithoutSockets) {
  HttpResponse r = Post("Action=CreateUser&Version=2010-05-08&UserName=sally");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/xml");
  EXPECT_NE(r.body.find("<CreateUserResult><User><Path>/</Path><UserName>sally</UserName>"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("<Arn>arn:aws:iam::123456789012:user/sally</Arn>"
                        "<CreateDate>2024-05-01T12:00:00Z</CreateDate>"),
            std::string::npos);
  r = Post("Action=CreateUser&Version=2010-05-08&UserName=Sally");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find("<Code>EntityAlreadyExists</Code>"), std::string::npos);
}

TEST_F(AppTest, RoutingAndErrors) {
  EXPECT_EQ(Post("Action=Nope&Version=2010-05-08").status, 400);
  EXPECT_EQ(Post("").status, 400);
  HttpResponse ni = Post("Action=ListRoles&Version=2010-05-08");
  EXPECT_TRUE(ni.status == 501 || ni.status == 200);
  HttpRequest health;
  health.method = "GET";
  health.target = "/health";
  HttpResponse h = app_.Handle(health);
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.content_type, "application/json");
  HttpRequest other;
  other.method = "GET";
  other.target = "/nothing-here";
  EXPECT_EQ(app_.Handle(other).status, 404);
  HttpRequest put;
  put.method = "PUT";
  put.target = "/";
  EXPECT_EQ(app_.Handle(put).status, 405);
}

TEST_F(AppTest, StsByVersionAndScope) {
  HttpResponse r = Post("Action=GetCallerIdentity&Version=2011-06-15");
  EXPECT_EQ(r.status, 200);
  EXPECT_NE(r.body.find("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\""), std::string::npos);
  EXPECT_NE(r.body.find("<Account>123456789012</Account>"), std::string::npos);
}

}  // namespace
}  // namespace iamlite
