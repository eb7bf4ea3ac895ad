// Every case folder of tests/data/sigv4: AWS's published test suite (aws-*), requests signed
// by botocore (client-*), and tampered or out-of-time variants (tamper-*, skew-*,
// presigned-*). A signing failure names the first stage that differs.
#include <gtest/gtest.h>

#include <cctype>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/sigv4.h"
#include "tests/unit/sigv4_case_files.h"

namespace iamlite::sigv4 {
namespace {

using testing::CaseFiles;
using testing::ListCases;
using testing::LoadCase;

class SigV4VectorsTest : public ::testing::TestWithParam<std::string> {};

void ExpectInfo(const SignedRequestInfo& info, const nlohmann::json& want) {
  EXPECT_EQ(info.access_key_id, want.at("access_key_id").get<std::string>());
  EXPECT_EQ(info.amz_date, want.at("date").get<std::string>());
  EXPECT_EQ(info.date, want.at("date").get<std::string>().substr(0, 8));
  EXPECT_EQ(info.region, want.at("region").get<std::string>());
  EXPECT_EQ(info.service, want.at("service").get<std::string>());
  EXPECT_EQ(info.is_presigned, want.at("presigned").get<bool>());
  if (want.contains("session_token")) {
    ASSERT_TRUE(info.session_token.has_value());
    EXPECT_EQ(*info.session_token, want.at("session_token").get<std::string>());
  } else {
    EXPECT_FALSE(info.session_token.has_value()) << *info.session_token;
  }
}

TEST_P(SigV4VectorsTest, VerifiesAsRecorded) {
  CaseFiles c = LoadCase(GetParam());
  auto now = ParseAmzDate(c.context.at("now").get<std::string>());
  ASSERT_TRUE(now) << "bad 'now' in context.json";
  std::string secret = c.context.at("secret_access_key");

  auto info = ParseSignedRequest(c.request, *now);
  Result<void> verified =
      info ? Verify(*info, c.request, secret, *now) : Result<void>(std::unexpected(info.error()));

  if (c.context.contains("expect")) {
    const auto& want = c.context["expect"];
    ASSERT_FALSE(verified.has_value()) << "accepted, expected " << want.dump();
    EXPECT_EQ(verified.error().code, want.at("code").get<std::string>());
    EXPECT_EQ(verified.error().http_status, want.at("status").get<int>());
    EXPECT_EQ(verified.error().message, want.at("message").get<std::string>());
    return;
  }
  ASSERT_TRUE(info.has_value()) << info.error().code << ": " << info.error().message;
  if (c.context.contains("info")) ExpectInfo(*info, c.context["info"]);
  auto stages = ComputeSigningStages(*info, c.request, secret);
  ASSERT_TRUE(stages.has_value()) << stages.error().message;
  if (c.canonical_request) {
    ASSERT_EQ(stages->canonical_request, *c.canonical_request) << "stage 1: canonical request";
  }
  if (c.string_to_sign) {
    ASSERT_EQ(stages->string_to_sign, *c.string_to_sign) << "stage 2: string to sign";
  }
  ASSERT_TRUE(c.signature.has_value()) << "every accepted case records its signature";
  ASSERT_EQ(stages->signature, *c.signature) << "stage 3: signature";
  EXPECT_TRUE(verified.has_value()) << verified.error().code << ": " << verified.error().message;
}

std::string CaseName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& ch : name)
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  return name;
}

INSTANTIATE_TEST_SUITE_P(Cases, SigV4VectorsTest, ::testing::ValuesIn(ListCases()), CaseName);

// The folders are the test: make sure they were found and every family is present.
TEST(SigV4VectorsInventoryTest, AllFamiliesPresent) {
  auto names = ListCases();
  auto count = [&names](std::string_view prefix) {
    return std::count_if(names.begin(), names.end(),
                         [prefix](const std::string& n) { return n.starts_with(prefix); });
  };
  EXPECT_GE(count("aws-"), 30);
  EXPECT_GE(count("client-"), 8);
  EXPECT_GE(count("tamper-"), 6);
  EXPECT_GE(count("skew-"), 2);
  EXPECT_GE(count("presigned-"), 1);
}

}  // namespace
}  // namespace iamlite::sigv4
