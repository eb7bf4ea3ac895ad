// Verify and the checks that need the clock or the server's expectations: the 15-minute window,
// the expected scope, the payload hash header, Date headers, and the explained mismatch.
#include <gtest/gtest.h>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/sigv4.h"
#include "tests/unit/sigv4_test_util.h"

namespace iamlite::sigv4 {
namespace {

using testing::kSecret;
using testing::SignInPlace;
using testing::Vanilla;
using testing::VanillaNow;

constexpr TimeMs kMinute = 60'000;

TEST(SigV4VerifyTest, WindowIsFifteenMinutesEitherWayInWholeSeconds) {
  Request r = Vanilla();
  TimeMs t = VanillaNow();
  for (TimeMs now : {t - 15 * kMinute, t + 15 * kMinute, t + 15 * kMinute + 999}) {
    auto info = ParseSignedRequest(r, now);
    ASSERT_TRUE(info.has_value()) << now - t << ": " << info.error().message;
    EXPECT_TRUE(Verify(*info, r, kSecret, now).has_value()) << now - t;
  }
  auto late = ParseSignedRequest(r, t + 15 * kMinute + 1000);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(late.error().message,
            "Signature expired: 20150830T123600Z is now earlier than 20150830T123601Z "
            "(20150830T125101Z - 15 min.)");
  auto early = ParseSignedRequest(r, t - 15 * kMinute - 1000);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().message,
            "Signature not yet current: 20150830T123600Z is still later than 20150830T123559Z "
            "(20150830T122059Z + 15 min.)");
}

TEST(SigV4VerifyTest, VerifyRechecksTheClock) {
  Request r = Vanilla();
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value());
  auto later = Verify(*info, r, kSecret, VanillaNow() + 16 * kMinute);
  ASSERT_FALSE(later.has_value());
  EXPECT_TRUE(later.error().message.starts_with("Signature expired: ")) << later.error().message;
}

TEST(SigV4VerifyTest, AConfigurableWindow) {
  VerifyOptions options;
  options.clock_window_ms = 5 * kMinute;
  auto info = ParseSignedRequest(Vanilla(), VanillaNow() + 6 * kMinute, options);
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().message,
            "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z "
            "(20150830T124200Z - 5 min.)");
}

TEST(SigV4VerifyTest, ExpectedRegionAndServiceAreChecked) {
  VerifyOptions options;
  options.expected_region = "us-east-1";
  options.expected_service = "iam";
  auto info = ParseSignedRequest(Vanilla(), VanillaNow(), options);
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(info.error().message, "Credential should be scoped to correct service: 'iam'.");
  options.expected_region = "eu-west-1";
  info = ParseSignedRequest(Vanilla(), VanillaNow(), options);
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().message,
            "Credential should be scoped to a valid region, not 'us-east-1'. Credential should "
            "be scoped to correct service: 'iam'.");
  options.expected_region = "us-east-1";
  options.expected_service = "service";
  EXPECT_TRUE(ParseSignedRequest(Vanilla(), VanillaNow(), options).has_value());
}

TEST(SigV4VerifyTest, WrongSecretFailsAndCanExplain) {
  Request r = Vanilla();
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value());
  auto plain = Verify(*info, r, "not-the-secret", VanillaNow());
  ASSERT_FALSE(plain.has_value());
  EXPECT_EQ(plain.error().code, "SignatureDoesNotMatch");
  EXPECT_EQ(plain.error().http_status, 403);
  VerifyOptions explain;
  explain.explain_mismatch = true;
  auto explained = Verify(*info, r, "not-the-secret", VanillaNow(), explain);
  ASSERT_FALSE(explained.has_value());
  EXPECT_EQ(explained.error().message,
            plain.error().message +
                "\n\nThe Canonical String for this request should have been\n'GET\n/\n\n"
                "host:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'\n\nThe "
                "String-to-Sign should have been\n'AWS4-HMAC-SHA256\n20150830T123600Z\n"
                "20150830/us-east-1/service/aws4_request\n"
                "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63'\n");
}

TEST(SigV4VerifyTest, DateHeaderServesWhenXAmzDateIsAbsent) {
  Request r{"POST",
            "/",
            "",
            {{"Host", "iam.amazonaws.com"}, {"Date", "Sun, 30 Aug 2015 12:36:00 GMT"}},
            "Action=ListUsers"};
  SignInPlace(r, kSecret, VanillaNow(), "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
              "date;host");
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_EQ(info->amz_date, "20150830T123600Z");
  EXPECT_TRUE(Verify(*info, r, kSecret, VanillaNow()).has_value());
  r.body = "Action=DeleteUser";
  EXPECT_FALSE(Verify(*info, r, kSecret, VanillaNow()).has_value());
}

TEST(SigV4VerifyTest, StatedPayloadHash) {
  Request r{"POST",
            "/",
            "",
            {{"Host", "iam.amazonaws.com"},
             {"X-Amz-Date", "20150830T123600Z"},
             {"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"}},
            "Action=ListUsers"};
  SignInPlace(r, kSecret, VanillaNow(), "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
              "host;x-amz-content-sha256;x-amz-date");
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value());
  EXPECT_TRUE(Verify(*info, r, kSecret, VanillaNow()).has_value());
  r.body = "Action=DeleteUser";  // UNSIGNED-PAYLOAD: the client chose not to sign the body
  EXPECT_TRUE(Verify(*info, r, kSecret, VanillaNow()).has_value());

  r.headers[2].value = "fd8e7cf9d0c2f0bbd0e0d5fbb6d29f0b5c11dc0ac0f9bd6b65cdd37d9ee60b5b";
  SignInPlace(r, kSecret, VanillaNow(), "AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request",
              "host;x-amz-content-sha256;x-amz-date");
  info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value());
  auto wrong_hash = Verify(*info, r, kSecret, VanillaNow());  // signed, but not the body's hash
  ASSERT_FALSE(wrong_hash.has_value());
  EXPECT_EQ(wrong_hash.error().code, "SignatureDoesNotMatch");
}

TEST(SigV4VerifyTest, PresignedRecordsExpiresButKeepsTheFixedWindow) {
  Request r{"GET",
            "/",
            "Action=GetCallerIdentity&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256&"
            "X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fsts%2Faws4_request&"
            "X-Amz-Date=20150830T123600Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&"
            "X-Amz-Signature=0",
            {{"Host", "sts.amazonaws.com"}},
            ""};
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value()) << info.error().message;
  auto stages = ComputeSigningStages(*info, r, kSecret);
  ASSERT_TRUE(stages.has_value());
  EXPECT_EQ(stages->canonical_request.find("X-Amz-Signature"), std::string::npos);
  r.query.replace(r.query.size() - 1, 1, stages->signature);
  TimeMs ten_minutes_later = VanillaNow() + 10 * kMinute;  // past X-Amz-Expires=60
  info = ParseSignedRequest(r, ten_minutes_later);
  ASSERT_TRUE(info.has_value()) << info.error().message;
  EXPECT_TRUE(info->is_presigned);
  EXPECT_EQ(info->expires_seconds, 60);
  EXPECT_EQ(info->service, "sts");
  EXPECT_TRUE(Verify(*info, r, kSecret, ten_minutes_later).has_value());
  EXPECT_FALSE(ParseSignedRequest(r, VanillaNow() + 16 * kMinute).has_value());
}

TEST(SigV4VerifyTest, SessionTokenIsReportedWhetherSignedOrNot) {
  Request r = Vanilla();
  r.headers.push_back({"X-Amz-Security-Token", "  token/with+chars==  "});
  auto info = ParseSignedRequest(r, VanillaNow());
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->session_token, "token/with+chars==");
  EXPECT_TRUE(Verify(*info, r, kSecret, VanillaNow()).has_value());  // not among SignedHeaders
}

}  // namespace
}  // namespace iamlite::sigv4
