// Caller identification and signature checking through the whole pipeline (App::Handle),
// with requests signed by a test-side signer built from core/sigv4.
#include "server/authenticate.h"

#include <gtest/gtest.h>

#include <regex>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/sigv4.h"
#include "server/app.h"

namespace iamlite {
namespace {

constexpr TimeMs kNow = 1'714'564'800'000;  // 2024-05-01T12:00:00Z

// Signs `r` (a form POST to "/") with `key_id`/`secret` for `service` in `region`, as of `when`.
void Sign(HttpRequest& r, const std::string& key_id, const std::string& secret,
          const std::string& service, TimeMs when, const std::string& region = "eu-west-1") {
  std::string amz_date = sigv4::FormatAmzDate(when);
  std::erase_if(r.headers, [](const auto& h) { return h.first == "authorization"; });
  r.headers.push_back({"host", "localhost:4599"});
  r.headers.push_back({"x-amz-date", amz_date});
  std::string prefix = "AWS4-HMAC-SHA256 Credential=" + key_id + "/" + amz_date.substr(0, 8) + "/" +
                       region + "/" + service +
                       "/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=";
  r.headers.push_back({"authorization", prefix + std::string(64, '0')});
  sigv4::Request sr = ToSigV4Request(r);
  auto info = sigv4::ParseSignedRequest(sr, when);
  ASSERT_TRUE(info) << info.error().message;
  auto stages = sigv4::ComputeSigningStages(*info, sr, secret);
  ASSERT_TRUE(stages) << stages.error().message;
  r.headers.back().second = prefix + stages->signature;
}

HttpRequest Form(const std::string& body) {
  HttpRequest r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"content-type", "application/x-www-form-urlencoded; charset=utf-8"}};
  r.body = body;
  return r;
}

std::string Tag(const std::string& body, const std::string& tag) {
  auto start = body.find("<" + tag + ">");
  if (start == std::string::npos) return "";
  start += tag.size() + 2;
  return body.substr(start, body.find("</" + tag + ">", start) - start);
}

class AuthenticateTest : public ::testing::Test {
 protected:
  explicit AuthenticateTest(bool verify = false) { Start(verify); }

  void Start(bool verify) {
    AppOptions o{.quiet = true};
    o.auth.verify_signatures = verify;
    auto clock = std::make_unique<FakeClock>(kNow);
    clock_ = clock.get();
    app_ = std::make_unique<App>(o, std::move(clock), std::make_unique<SeededIdGenerator>(1));
  }

  // An action as the default root, unsigned in friendly mode, root-signed in verify mode.
  HttpResponse AsRoot(const std::string& body, const std::string& service = "iam") {
    HttpRequest r = Form(body);
    Sign(r, "test", "test", service, clock_->Now());
    return app_->Handle(r);
  }
  HttpResponse As(const std::string& key, const std::string& secret, const std::string& body,
                  const std::string& service = "iam", std::optional<TimeMs> when = {}) {
    HttpRequest r = Form(body);
    Sign(r, key, secret, service, when.value_or(clock_->Now()));
    return app_->Handle(r);
  }

  // Creates user `name` with an access key: {id, secret}.
  std::pair<std::string, std::string> UserWithKey(const std::string& name) {
    EXPECT_EQ(AsRoot("Action=CreateUser&Version=2010-05-08&UserName=" + name).status, 200);
    HttpResponse k = AsRoot("Action=CreateAccessKey&Version=2010-05-08&UserName=" + name);
    EXPECT_EQ(k.status, 200) << k.body;
    return {Tag(k.body, "AccessKeyId"), Tag(k.body, "SecretAccessKey")};
  }

  static constexpr const char* kWhoAmI = "Action=GetCallerIdentity&Version=2011-06-15";

  FakeClock* clock_ = nullptr;
  std::unique_ptr<App> app_;
};

class AuthenticateVerifyTest : public AuthenticateTest {
 protected:
  AuthenticateVerifyTest() : AuthenticateTest(true) {}
};

TEST_F(AuthenticateTest, UnsignedAndUnknownKeysAreTheDefaultRoot) {
  HttpResponse r = app_->Handle(Form(kWhoAmI));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:root");
  EXPECT_EQ(Tag(r.body, "UserId"), "123456789012");
  r = As("AKIAIOSFODNN7EXAMPLE", "whatever", kWhoAmI, "sts");
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:root");
}

TEST_F(AuthenticateTest, UserKeyIsThatUserAndSignatureIsNotChecked) {
  auto [id, secret] = UserWithKey("alice");
  EXPECT_EQ(AsRoot("Action=UpdateUser&Version=2010-05-08&UserName=alice&NewPath=/team/").status,
            200);
  HttpResponse r = As(id, "not-the-secret", kWhoAmI, "sts");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:user/team/alice");
  EXPECT_EQ(Tag(r.body, "Account"), "123456789012");
  EXPECT_TRUE(Tag(r.body, "UserId").starts_with("AIDA")) << r.body;
  // GetUser without UserName answers the calling user.
  r = As(id, secret, "Action=GetUser&Version=2010-05-08");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Tag(r.body, "UserName"), "alice");
  EXPECT_EQ(Tag(r.body, "Path"), "/team/");
}

TEST_F(AuthenticateTest, KeyUseIsRecordedWithScopeServiceAndRegion) {
  auto [id, secret] = UserWithKey("bob");
  std::string last = "Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId=" + id;
  HttpResponse r = AsRoot(last);
  EXPECT_EQ(Tag(r.body, "ServiceName"), "N/A") << r.body;
  As(id, secret, kWhoAmI, "sts");
  r = AsRoot(last);
  EXPECT_EQ(Tag(r.body, "ServiceName"), "sts") << r.body;
  EXPECT_EQ(Tag(r.body, "Region"), "eu-west-1");
  EXPECT_EQ(Tag(r.body, "LastUsedDate"), "2024-05-01T12:00:00Z");
  clock_->Advance(120'000);
  As(id, secret, "Action=ListUsers&Version=2010-05-08", "iam");
  r = AsRoot(last);
  EXPECT_EQ(Tag(r.body, "ServiceName"), "iam") << r.body;
  EXPECT_EQ(Tag(r.body, "LastUsedDate"), "2024-05-01T12:02:00Z");
}

TEST_F(AuthenticateTest, InactiveKeyIsNotTheUserInFriendlyMode) {
  auto [id, secret] = UserWithKey("carol");
  AsRoot("Action=UpdateAccessKey&Version=2010-05-08&UserName=carol&Status=Inactive&AccessKeyId=" +
         id);
  HttpResponse r = As(id, secret, kWhoAmI, "sts");
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:root");
}

TEST_F(AuthenticateTest, TwelveDigitKeySelectsThatAccountsRoot) {
  HttpResponse r = As("210987654321", "x", kWhoAmI, "sts");
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::210987654321:root");
  EXPECT_EQ(Tag(r.body, "Account"), "210987654321");
  // Users live in that account, and their keys are found there.
  EXPECT_EQ(As("210987654321", "x", "Action=CreateUser&Version=2010-05-08&UserName=dan").status,
            200);
  HttpResponse k =
      As("210987654321", "x", "Action=CreateAccessKey&Version=2010-05-08&UserName=dan");
  r = As(Tag(k.body, "AccessKeyId"), Tag(k.body, "SecretAccessKey"), kWhoAmI, "sts");
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::210987654321:user/dan");
  // The default account has no dan.
  EXPECT_EQ(AsRoot("Action=GetUser&Version=2010-05-08&UserName=dan").status, 404);
}

TEST_F(AuthenticateTest, StoreFindsKeyOwnerAcrossAccounts) {
  auto [id, secret] = UserWithKey("erin");
  EXPECT_EQ(app_->store().FindAccessKeyOwner(id), std::optional<std::string>("123456789012"));
  EXPECT_EQ(app_->store().FindAccessKeyOwner("AKIANOTAKEY"), std::nullopt);
}

TEST_F(AuthenticateVerifyTest, RootKeyBootstrapsAndUserKeysWork) {
  auto [id, secret] = UserWithKey("frank");
  HttpResponse r = As(id, secret, kWhoAmI, "sts");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::123456789012:user/frank");
  r = As("210987654321", "test", kWhoAmI, "sts");
  EXPECT_EQ(Tag(r.body, "Arn"), "arn:aws:iam::210987654321:root");
}

TEST_F(AuthenticateVerifyTest, Failures) {
  auto [id, secret] = UserWithKey("gina");
  auto expect = [](const HttpResponse& r, int status, const std::string& code,
                   const std::string& message, const std::string& ns) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(Tag(r.body, "Code"), code) << r.body;
    if (!message.empty()) {
      EXPECT_EQ(Tag(r.body, "Message"), message) << r.body;
    }
    EXPECT_NE(r.body.find(ns), std::string::npos) << r.body;
  };
  const std::string iam_ns = "https://iam.amazonaws.com/doc/2010-05-08/";
  const std::string sts_ns = "https://sts.amazonaws.com/doc/2011-06-15/";
  expect(app_->Handle(Form(kWhoAmI)), 403, "MissingAuthenticationToken",
         "Request is missing Authentication Token", sts_ns);
  expect(app_->Handle(Form("Action=ListUsers&Version=2010-05-08")), 403,
         "MissingAuthenticationToken", "", iam_ns);
  expect(As("AKIANOTAKEY000000000", secret, kWhoAmI, "sts"), 403, "InvalidClientTokenId",
         "The security token included in the request is invalid.", sts_ns);
  expect(As(id, "wrong", "Action=ListUsers&Version=2010-05-08"), 403, "SignatureDoesNotMatch",
         "The request signature we calculated does not match the signature you provided. Check "
         "your AWS Secret Access Key and signing method. Consult the service documentation for "
         "details.",
         iam_ns);
  expect(As("test", "wrong", kWhoAmI, "sts"), 403, "SignatureDoesNotMatch", "", sts_ns);
  expect(As(id, secret, kWhoAmI, "sts", kNow - 20 * 60'000), 403, "SignatureDoesNotMatch",
         "Signature expired: 20240501T114000Z is now earlier than 20240501T114500Z "
         "(20240501T120000Z - 15 min.)",
         sts_ns);
  // Within the window: accepted.
  EXPECT_EQ(As(id, secret, kWhoAmI, "sts", kNow - 10 * 60'000).status, 200);
  // A body changed after signing.
  HttpRequest r = Form("Action=ListUsers&Version=2010-05-08");
  Sign(r, id, secret, "iam", kNow);
  r.body = "Action=DeleteUser&Version=2010-05-08&UserName=gina";
  expect(app_->Handle(r), 403, "SignatureDoesNotMatch", "", iam_ns);
  // Deactivated: answered as an unknown key.
  AsRoot("Action=UpdateAccessKey&Version=2010-05-08&UserName=gina&Status=Inactive&AccessKeyId=" +
         id);
  expect(As(id, secret, kWhoAmI, "sts"), 403, "InvalidClientTokenId", "", sts_ns);
  // No failed request recorded a use.
  HttpResponse last = AsRoot("Action=GetAccessKeyLastUsed&Version=2010-05-08&AccessKeyId=" + id);
  EXPECT_EQ(Tag(last.body, "ServiceName"), "sts") << last.body;  // the accepted call above
}

TEST_F(AuthenticateVerifyTest, SecretsNeverReachTheLog) {
  std::FILE* log = std::tmpfile();
  ASSERT_NE(log, nullptr);
  AppOptions o{.quiet = false, .log = log};
  o.auth.verify_signatures = true;
  App app(o, std::make_unique<FakeClock>(kNow), std::make_unique<SeededIdGenerator>(1));
  HttpRequest r = Form(kWhoAmI);
  Sign(r, "test", "test", "sts", kNow);
  std::string auth = r.headers.back().second;
  std::string signature = auth.substr(auth.rfind('=') + 1);
  ASSERT_EQ(app.Handle(r).status, 200);
  std::rewind(log);
  char buf[4096] = {};
  size_t n = std::fread(buf, 1, sizeof buf - 1, log);
  std::fclose(log);
  std::string line(buf, n);
  EXPECT_NE(line.find(" GetCallerIdentity arn:aws:iam::123456789012:root 200 "), std::string::npos)
      << line;
  EXPECT_EQ(line.find(signature), std::string::npos);
}

}  // namespace
}  // namespace iamlite
