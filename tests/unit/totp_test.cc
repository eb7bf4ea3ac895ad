#include "core/totp.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

TEST(TotpTest, Base32MatchesRfc4648Vectors) {
  const struct {
    const char* bytes;
    const char* text;
  } cases[] = {{"", ""},
               {"f", "MY"},
               {"fo", "MZXQ"},
               {"foo", "MZXW6"},
               {"foob", "MZXW6YQ"},
               {"fooba", "MZXW6YTB"},
               {"foobar", "MZXW6YTBOI"}};
  for (const auto& c : cases) {
    EXPECT_EQ(totp::Base32Encode(c.bytes), c.text) << c.bytes;
    EXPECT_EQ(totp::Base32Decode(c.text), std::optional<std::string>(c.bytes)) << c.text;
  }
  EXPECT_EQ(totp::Base32Decode("mzxw6ytboi======"), std::optional<std::string>("foobar"));
  EXPECT_EQ(totp::Base32Decode("MZXW1"), std::nullopt);  // '1' is not in the alphabet
}

TEST(TotpTest, HotpMatchesRfc4226AppendixD) {
  const std::string secret = "12345678901234567890";
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t i = 0; i < 10; ++i)
    EXPECT_EQ(totp::HotpCode(secret, i), expected[i]) << "counter " << i;
}

TEST(TotpTest, TotpMatchesRfc6238AppendixBForSha1) {
  const std::string secret = "12345678901234567890";
  const struct {
    std::int64_t unix_seconds;
    const char* code;  // eight digits, as the RFC lists them
  } cases[] = {{59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
               {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"}};
  for (const auto& c : cases) {
    auto step = totp::StepAt(c.unix_seconds * 1000);
    EXPECT_EQ(totp::HotpCode(secret, static_cast<std::uint64_t>(step), 8), c.code)
        << c.unix_seconds;
    // The six-digit code a virtual MFA device shows is the last six digits.
    EXPECT_EQ(totp::HotpCode(secret, static_cast<std::uint64_t>(step)), std::string(c.code + 2))
        << c.unix_seconds;
  }
}

TEST(TotpTest, FindConsecutiveAcceptsOnlyAdjacentCodesWithinTheWindow) {
  const std::string secret = "12345678901234567890";
  const std::int64_t now = 1000;
  auto code = [&](std::int64_t step) {
    return totp::HotpCode(secret, static_cast<std::uint64_t>(step));
  };
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now), code(now + 1), 1), 0);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now - 1), code(now), 1), -1);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now + 1), code(now + 2), 1), 1);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now - 2), code(now - 1), 1), std::nullopt);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now - 2), code(now - 1), 5), -2);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now), code(now), 1), std::nullopt);
  EXPECT_EQ(totp::FindConsecutive(secret, now, code(now + 1), code(now), 1), std::nullopt);
  EXPECT_EQ(totp::FindConsecutive(secret, now, "000000", "000000", 1), std::nullopt);
}

}  // namespace
}  // namespace iamlite
