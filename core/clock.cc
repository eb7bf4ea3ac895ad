#include "core/clock.h"

#include <cstdint>
#include <cstdio>
#include <ctime>

namespace iamlite {

namespace {

// Two digits of `v` (0..99) at `p`.
void Put2(char* p, unsigned v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
}

}  // namespace

// Runs for every timestamp of every response (a ListUsers of 1,000 users formats 1,000), so
// the common case (years 1970..9999) is plain arithmetic: the proleptic Gregorian date of a
// day count (H. Hinnant's civil_from_days algorithm) instead of gmtime_r and snprintf. Other
// times keep the snprintf path; both give the same text.
std::string FormatIso8601(TimeMs t) {
  std::time_t secs = static_cast<std::time_t>(t / 1000);
  if (secs >= 0 && secs < 253402300800) {  // 9999-12-31T23:59:59Z
    const auto s = static_cast<std::uint64_t>(secs);
    const std::uint64_t days = s / 86400, rem = s % 86400;
    const std::uint64_t z = days + 719468;
    const std::uint64_t era = z / 146097;
    const std::uint64_t doe = z - era * 146097;
    const std::uint64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::uint64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::uint64_t mp = (5 * doy + 2) / 153;
    const auto day = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
    const auto month = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
    const auto year = static_cast<unsigned>(yoe + era * 400 + (month <= 2 ? 1 : 0));
    char buf[20] = {'0', '0', '0', '0', '-', '0', '0', '-', '0', '0',
                    'T', '0', '0', ':', '0', '0', ':', '0', '0', 'Z'};
    Put2(buf, year / 100);
    Put2(buf + 2, year % 100);
    Put2(buf + 5, month);
    Put2(buf + 8, day);
    Put2(buf + 11, static_cast<unsigned>(rem / 3600));
    Put2(buf + 14, static_cast<unsigned>(rem / 60 % 60));
    Put2(buf + 17, static_cast<unsigned>(rem % 60));
    return std::string(buf, sizeof buf);
  }
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

}  // namespace iamlite
