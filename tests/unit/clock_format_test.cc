// FormatIso8601's arithmetic fast path against the C library's calendar.
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <random>

#include "core/clock.h"

namespace iamlite {
namespace {

std::string Reference(TimeMs t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

TEST(ClockFormatTest, KnownInstants) {
  EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(999), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatIso8601(951782400000), "2000-02-29T00:00:00Z");  // leap day of a /400 year
  EXPECT_EQ(FormatIso8601(1709251199000), "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatIso8601(4107542400000), "2100-03-01T00:00:00Z");  // 2100 is no leap year
  EXPECT_EQ(FormatIso8601(253402300799000), "9999-12-31T23:59:59Z");
}

TEST(ClockFormatTest, MatchesTheCLibraryEverywhere) {
  // Day boundaries, month ends and random instants from 1969 to beyond 9999 (the edges
  // take the snprintf path).
  std::mt19937_64 rng(42);
  std::uniform_int_distribution<TimeMs> any(-86400000LL * 400,
                                            253402300800000LL + 86400000LL * 400);
  for (int i = 0; i < 200000; ++i) {
    TimeMs t = any(rng);
    ASSERT_EQ(FormatIso8601(t), Reference(t)) << t;
  }
  for (TimeMs day = 0; day < 3000000; day += 1) {  // every day, 1970 .. ~10000
    TimeMs t = day * 86400000LL;
    if (t > 253402300800000LL) break;
    ASSERT_EQ(FormatIso8601(t - 1000), Reference(t - 1000)) << t;
    ASSERT_EQ(FormatIso8601(t), Reference(t)) << t;
  }
}

}  // namespace
}  // namespace iamlite
