#include "core/policy/date_value.h"

#include <gtest/gtest.h>

#include "core/policy/policy_date.h"

namespace iamlite::policy {
namespace {

constexpr std::int64_t kDay = 86400;

struct Case {
  const char* text;
  std::int64_t seconds;
  std::int32_t nanos;
};

// Worked by hand: 2023-11-14T22:13:20Z is 1700000000; 2024-01-01 is day 19723.
constexpr Case kValid[] = {
    {"0", 0, 0},
    {"1700000000", 1700000000, 0},
    {"-1", -1, 0},
    {"+5", 5, 0},
    {"2020", 2020, 0},  // a plain integer is epoch seconds
    {"2023-11-14T22:13:20Z", 1700000000, 0},
    {"2023-11-14t22:13:20z", 1700000000, 0},
    {"2023-11-14T22:13:20", 1700000000, 0},
    {"2024-01-01", 19723 * kDay, 0},
    {"2024-01", 19723 * kDay, 0},
    {"2024-01-01T00:00:00+02:00", 19723 * kDay - 7200, 0},
    {"2024-01-01T00:00:00-0530", 19723 * kDay + 19800, 0},
    {"2024-01-01T00:00:00+02", 19723 * kDay - 7200, 0},
    {"2024-01-01T00:00:00.5Z", 19723 * kDay, 500000000},
    {"2024-01-01T00:00:00,25Z", 19723 * kDay, 250000000},
    {"2024-01-01T12Z", 19723 * kDay + 12 * 3600, 0},
    {"2024-01-01T12.5Z", 19723 * kDay + 12 * 3600 + 1800, 0},
    {"2024-01-01T12:30Z", 19723 * kDay + 12 * 3600 + 1800, 0},
    {"2024-060", (19723 + 59) * kDay, 0},  // 29 February 2024
    {"2024-W01-1", 19723 * kDay, 0},       // Monday 1 January 2024
    {"2020-W53-5", 18628 * kDay, 0},       // Friday 1 January 2021
    {"1969-12-31T23:59:59Z", -1, 0},
    {"T10:00Z", 10 * 3600, 0},
};

TEST(DateValue, ReadsIsoAndEpoch) {
  for (const Case& c : kValid) {
    auto got = ParseInstant(c.text);
    ASSERT_TRUE(got.has_value()) << c.text;
    EXPECT_EQ(got->seconds, c.seconds) << c.text;
    EXPECT_EQ(got->nanos, c.nanos) << c.text;
  }
}

TEST(DateValue, RefusesWhatIsNoDate) {
  for (const char* text : {"", "yesterday", "2024-13-01", "2024-02-30", "2023-02-29",
                           "2024-01-01T24:00Z", "2024-01-01T10:60Z", "2024-01-01 10:00", "2024-W54",
                           "2024-367", "99999999999999999999", "2024-01-01T00:00:00+2",
                           // Read once, refused by the validator: no date either.
                           "234-13", "2024-02-29T10:00:00.1234567890Z"}) {
    EXPECT_FALSE(ParseInstant(text).has_value()) << text;
  }
}

// The validator (IsPolicyDate, policy_date.h) is the reader: one grammar. Its verdicts on
// edge values, as the validator written from AWS's recorded cases gave them before the two
// were merged (policy_parser_test checks the recorded cases themselves).
TEST(DateValue, AcceptsAndRefusesLikeThePolicyValidator) {
  for (const char* text : {"2024-02-29T10:00:00.123456789Z",
                           "2024-060",
                           "2024-366",
                           "2020-W53-1",
                           "T10:00Z",
                           "01T",
                           "2016-12-13t2:00:00.593194+23",
                           "+2024-01-01",
                           "-0001-01-01",
                           "123456789-01-01",
                           "2024-1-1",
                           "2024-01-01T1:2:3Z",
                           "2024-01-01T10:00+0530",
                           "2024-01-01T10:00+05:30",
                           "2024-01-01T10Z",
                           "2024-01-01T10.5Z",
                           "2024",
                           "20240101",
                           "2024-01",
                           "2024-01-01T",
                           "1700000000",
                           "-5",
                           "+5",
                           "2024-01-01T10:00:00,5Z",
                           "1-2",
                           "12-3-4"}) {
    EXPECT_TRUE(IsPolicyDate(text)) << text;
    EXPECT_TRUE(ParseInstant(text).has_value()) << text;
  }
  for (const char* text : {"234-13",
                           "2024-13-01",
                           "2024-02-30",
                           "2024-02-29T10:00:00.1234567890Z",
                           "2023-366",
                           "2024-W53-1",
                           "2024-01-01T24:00:00Z",
                           "2024-01-01T23:60Z",
                           "1234567890-01-01",
                           "2024-01-01T10:00+5",
                           "2024-01-01 10:00",
                           "99999999999999999999",
                           "2024-00-10",
                           "2024-01-00",
                           "2024-W00-1",
                           "2024-W01-8",
                           "2024-000",
                           "2024-01-01-05",
                           "2024-01-01T10:00Z+01",
                           "2024-01-01T10:00+05:3000",
                           "2024-01-01T10:00+0530:00",
                           "999999999-01-01",
                           "-292275055-01-01"}) {
    EXPECT_FALSE(IsPolicyDate(text)) << text;
  }
}

TEST(DateValue, OrdersInstants) {
  EXPECT_LT(*ParseInstant("2023-11-14T22:13:19Z"), *ParseInstant("1700000000"));
  EXPECT_EQ(*ParseInstant("2023-11-14T22:13:20Z"), *ParseInstant("1700000000"));
  EXPECT_LT(*ParseInstant("2024-01-01T00:00:00Z"), *ParseInstant("2024-01-01T00:00:00.000000001Z"));
}

}  // namespace
}  // namespace iamlite::policy
