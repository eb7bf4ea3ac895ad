// Temporary credentials through the whole pipeline (App::Handle): AssumeRole, then requests
// signed with the session's ASIA key and token; expiry driven by a fake clock.
#include <gtest/gtest.h>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/sigv4.h"
#include "server/app.h"
#include "server/authenticate.h"

namespace iamlite {
namespace {

constexpr TimeMs kNow = 1'714'564'800'000;  // 2024-05-01T12:00:00Z
constexpr const char* kWhoAmI = "Action=GetCallerIdentity&Version=2011-06-15";

HttpRequest Form(const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
  r.body = body;
  return r;
}

void Sign(HttpRequest& r, const std::string& key_id, const std::string& secret, TimeMs when,
          const std::string& service) {
  std::string amz_date = sigv4::FormatAmzDate(when);
  r.headers.push_back({"host", "localhost:4599"});
  r.headers.push_back({"x-amz-date", amz_date});
  std::string prefix = "AWS4-HMAC-SHA256 Credential=" + key_id + "/" + amz_date.substr(0, 8) +
                       "/us-east-1/" + service +
                       "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=";
  r.headers.push_back({"authorization", prefix + std::string(64, '0')});
  sigv4::Request sr = ToSigV4Request(r);
  auto info = sigv4::ParseSignedRequest(sr, when);
  ASSERT_TRUE(info) << info.error().message;
  auto stages = sigv4::ComputeSigningStages(*info, sr, secret);
  ASSERT_TRUE(stages) << stages.error().message;
  r.headers.back().second = prefix + stages->signature;
}

std::string Tag(const std::string& body, const std::string& tag) {
  auto start = body.find("<" + tag + ">");
  if (start == std::string::npos) return "";
  start += tag.size() + 2;
  return body.substr(start, body.find("</" + tag + ">", start) - start);
}

struct Creds {
  std::string id, secret, token;
};

class StsAuthTest : public ::testing::TestWithParam<bool> {
 protected:
  StsAuthTest() {
    AppOptions o{.quiet = true};
    o.auth.verify_signatures = GetParam();
    auto clock = std::make_unique<FakeClock>(kNow);
    clock_ = clock.get();
    app_ = std::make_unique<App>(o, std::move(clock), std::make_unique<SeededIdGenerator>(3));
  }

  HttpResponse Call(const std::string& key, const std::string& secret, const std::string& body,
                    const std::optional<std::string>& token = {},
                    const std::string& service = "sts") {
    HttpRequest r = Form(body);
    if (token) r.headers.push_back({"x-amz-security-token", *token});
    Sign(r, key, secret, clock_->Now(), service);
    return app_->Handle(r);
  }

  Creds AssumeApp(int duration = 900) {
    const std::string trust =
        "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22"
        "%2C%22Principal%22%3A%7B%22AWS%22%3A%22123456789012%22%7D%2C%22Action%22%3A%22sts%3A"
        "AssumeRole%22%7D%5D%7D";
    EXPECT_EQ(
        Call("test", "test",
             "Action=CreateRole&Version=2010-05-08&RoleName=app&AssumeRolePolicyDocument=" + trust,
             {}, "iam")
            .status,
        200);
    HttpResponse r = Call(
        "test", "test",
        "Action=AssumeRole&Version=2011-06-15&RoleSessionName=s1&DurationSeconds=" +
            std::to_string(duration) + "&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fapp");
    EXPECT_EQ(r.status, 200) << r.body;
    return {Tag(r.body, "AccessKeyId"), Tag(r.body, "SecretAccessKey"),
            Tag(r.body, "SessionToken")};
  }

  FakeClock* clock_ = nullptr;
  std::unique_ptr<App> app_;
};

TEST_P(StsAuthTest, SessionKeysActAsTheAssumedRole) {
  Creds c = AssumeApp();
  ASSERT_TRUE(c.id.starts_with("ASIA"));
  HttpResponse r = Call(c.id, c.secret, kWhoAmI, c.token);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:sts::123456789012:assumed-role/app/s1");
  EXPECT_TRUE(Tag(r.body, "UserId").starts_with("AROA"));
  EXPECT_TRUE(Tag(r.body, "UserId").ends_with(":s1"));
}

TEST_P(StsAuthTest, ExpiredSessionsAreRejected) {
  Creds c = AssumeApp(900);
  clock_->Advance(899'000);
  EXPECT_EQ(Call(c.id, c.secret, kWhoAmI, c.token).status, 200);
  clock_->Advance(2'000);
  HttpResponse r = Call(c.id, c.secret, kWhoAmI, c.token);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Tag(r.body, "Code"), "ExpiredToken");
  EXPECT_EQ(Tag(r.body, "Message"), "The security token included in the request is expired");
}

TEST_P(StsAuthTest, ResetForgetsSessions) {
  Creds c = AssumeApp();
  HttpRequest reset;
  reset.method = "POST";
  reset.target = "/iamlite/reset";
  ASSERT_EQ(app_->Handle(reset).status, 200);
  HttpResponse r = Call(c.id, c.secret, kWhoAmI, c.token);
  if (GetParam()) {
    EXPECT_EQ(Tag(r.body, "Code"), "InvalidClientTokenId");
  } else {
    EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:root");  // unknown key: root
  }
}

INSTANTIATE_TEST_SUITE_P(Modes, StsAuthTest, ::testing::Values(false, true),
                         [](const auto& p) { return p.param ? "Verify" : "Friendly"; });

class StsAuthVerifyTest : public StsAuthTest {};

TEST_P(StsAuthVerifyTest, WrongSecretOrTokenIsRejected) {
  Creds c = AssumeApp();
  HttpResponse r = Call(c.id, "wrong-secret", kWhoAmI, c.token);
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Tag(r.body, "Code"), "SignatureDoesNotMatch");
  r = Call(c.id, c.secret, kWhoAmI);  // no token
  EXPECT_EQ(Tag(r.body, "Code"), "InvalidClientTokenId");
  r = Call(c.id, c.secret, kWhoAmI, c.token + "x");
  EXPECT_EQ(Tag(r.body, "Code"), "InvalidClientTokenId");
  r = Call("ASIAUNKNOWNUNKNOWN00", c.secret, kWhoAmI, c.token);
  EXPECT_EQ(Tag(r.body, "Code"), "InvalidClientTokenId");
}

INSTANTIATE_TEST_SUITE_P(Verify, StsAuthVerifyTest, ::testing::Values(true));

}  // namespace
}  // namespace iamlite
