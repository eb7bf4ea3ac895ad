// The admin endpoints through the whole pipeline, without a socket.
#include "server/admin.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server/app.h"

namespace iamlite {
namespace {

using nlohmann::json;

class AdminTest : public ::testing::Test {
 protected:
  App app_{AppOptions{.quiet = true}, std::make_unique<FakeClock>(1'714'564'800'000),
           std::make_unique<SeededIdGenerator>(1)};

  HttpResponse Call(const std::string& method, const std::string& target,
                    const std::string& body = "") {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.body = body;
    return app_.Handle(r);
  }
  void Aws(const std::string& body) {
    HttpResponse r = Call("POST", "/", "Version=2010-05-08&" + body);
    ASSERT_EQ(r.status, 200) << body << "\n" << r.body;
  }
  std::size_t Users(const std::string& account = "123456789012") {
    std::size_t n = 0;
    app_.store().Read(account, [&](const AccountState& s) { n = s.users.size(); });
    return n;
  }
  json Body(const HttpResponse& r) { return json::parse(r.body); }
};

TEST_F(AdminTest, ResetAllOrOneAccount) {
  Aws("Action=CreateUser&UserName=a");
  app_.store().Mutate("210987654321", [](const AccountState&) -> Result<Change> {
    User u;
    u.name = "b";
    return Change().Upsert("b", u);
  });
  HttpResponse one = Call("POST", "/iamlite/reset?account=210987654321");
  EXPECT_EQ(one.status, 200);
  EXPECT_EQ(one.content_type, "application/json");
  EXPECT_EQ(Body(one), (json{{"status", "ok"}, {"reset", "210987654321"}}));
  EXPECT_EQ(Users(), 1u);
  EXPECT_EQ(Users("210987654321"), 0u);
  HttpResponse all = Call("POST", "/iamlite/reset");
  EXPECT_EQ(Body(all), (json{{"status", "ok"}, {"reset", "all"}}));
  EXPECT_EQ(Users(), 0u);
  EXPECT_EQ(Call("POST", "/iamlite/reset?account=12").status, 400);
  EXPECT_EQ(Call("GET", "/iamlite/reset").status, 405);
  EXPECT_EQ(Call("POST", "/iamlite/reset?account=%zz").status, 400);
}

TEST_F(AdminTest, MotoReset) {
  Aws("Action=CreateUser&UserName=a");
  HttpResponse r = Call("POST", "/moto-api/reset");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Body(r), (json{{"status", "ok"}}));
  EXPECT_EQ(Users(), 0u);
}

// moto's answer: the previous count as Python's str(float).
TEST_F(AdminTest, MotoResetAuth) {
  HttpResponse first = Call("POST", "/moto-api/reset-auth", "4");
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(Body(first),
            (json{{"status", "ok"}, {"PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT", "inf"}}));
  EXPECT_EQ(app_.allowance().count(), 4.0);
  EXPECT_EQ(
      Body(Call("POST", "/moto-api/reset-auth", " inf\n"))["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"],
      "4.0");
  EXPECT_EQ(Body(Call("POST", "/moto-api/reset-auth", ""))["PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT"],
            "inf");
  EXPECT_EQ(Call("POST", "/moto-api/reset-auth", "four").status, 400);
  EXPECT_EQ(Call("GET", "/moto-api/reset-auth").status, 405);
}

TEST(PythonFloatTextTest, MatchesPythonStr) {
  struct Case {
    double v;
    const char* text;
  } cases[] = {{std::numeric_limits<double>::infinity(), "inf"},
               {-std::numeric_limits<double>::infinity(), "-inf"},
               {0, "0.0"},
               {5, "5.0"},
               {-3, "-3.0"},
               {2.5, "2.5"},
               {0.1, "0.1"},
               {1e16, "1e+16"}};
  for (const auto& c : cases) EXPECT_EQ(PythonFloatText(c.v), c.text) << c.v;
}

TEST_F(AdminTest, ExportAndImport) {
  Aws("Action=CreateUser&UserName=sally");
  Aws("Action=CreateAccessKey&UserName=sally");
  HttpResponse plain = Call("GET", "/iamlite/state");
  ASSERT_EQ(plain.status, 200);
  json doc = Body(plain);
  EXPECT_EQ(doc["format"], "iamlite-state");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_FALSE(doc["accounts"]["123456789012"]["access_keys"][0].contains("secret"));
  json full = Body(Call("GET", "/iamlite/state?secrets=true"));
  EXPECT_TRUE(full["accounts"]["123456789012"]["access_keys"][0].contains("secret"));
  EXPECT_EQ(Call("GET", "/iamlite/state?secrets=yes").status, 400);

  Call("POST", "/iamlite/reset");
  HttpResponse imported = Call("PUT", "/iamlite/state", full.dump());
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(Body(imported)["accounts"], json::array({"123456789012"}));
  EXPECT_EQ(Body(Call("GET", "/iamlite/state?secrets=true")), full);

  // Without secrets: a fresh secret, reported.
  HttpResponse again = Call("PUT", "/iamlite/state", doc.dump());
  ASSERT_EQ(again.status, 200);
  json secrets = Body(again)["generated_secrets"];
  ASSERT_EQ(secrets.size(), 1u);
  EXPECT_EQ(secrets[0]["access_key_id"], doc["accounts"]["123456789012"]["access_keys"][0]["id"]);
  EXPECT_EQ(secrets[0]["secret_access_key"].get<std::string>().size(), 40u);
  EXPECT_EQ(Call("DELETE", "/iamlite/state").status, 405);
  EXPECT_EQ(Call("GET", "/iamlite/nothing").status, 404);
}

// A bad document answers 400 naming the problem and changes nothing.
TEST_F(AdminTest, BadImportsChangeNothing) {
  Aws("Action=CreateUser&UserName=sally");
  json before = Body(Call("GET", "/iamlite/state?secrets=true"));
  json broken = before;
  broken["accounts"]["123456789012"]["users"][0]["groups"] = json::array({"ghosts"});
  std::string hostile[] = {"",
                           "\xff",
                           "{\"format\":\"\xff\xfe\"}",
                           "null",
                           "{",
                           "[]",
                           "{\"format\":\"iamlite-state\"}",
                           std::string(5000, '{'),
                           broken.dump(),
                           before.dump().substr(0, before.dump().size() / 2)};
  for (const auto& body : hostile) {
    HttpResponse r = Call("PUT", "/iamlite/state", body);
    EXPECT_EQ(r.status, 400) << body.substr(0, 60);
    json err = Body(r);
    EXPECT_EQ(err["error"], "InvalidStateDocument");
    EXPECT_FALSE(err["message"].get<std::string>().empty());
    EXPECT_EQ(Body(Call("GET", "/iamlite/state?secrets=true")), before);
  }
  json err = Body(Call("PUT", "/iamlite/state", broken.dump()));
  EXPECT_EQ(err["path"], "$.accounts[\"123456789012\"].users[0].groups[0]");
  EXPECT_EQ(err["message"], "no such group in this account");
}

}  // namespace
}  // namespace iamlite
