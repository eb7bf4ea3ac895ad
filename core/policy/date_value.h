// Date values as the Date* condition operators compare them.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iamlite::policy {

// A point in time: seconds since 1970-01-01T00:00:00Z plus a nanosecond part in [0, 1e9).
struct Instant {
  std::int64_t seconds = 0;
  std::int32_t nanos = 0;
  friend auto operator<=>(const Instant&, const Instant&) = default;
};

// Reads a date the way the Date* operators need it, for policy values and request context
// values alike (AWS: "W3C implementations of the ISO 8601 date formats or epoch (UNIX)
// time"):
//  - epoch seconds: an optionally signed integer that fits 64 bits ("1700000000"). A plain
//    integer is always epoch seconds, never a year: "2020" is 1970-01-01T00:33:40Z;
//  - ISO 8601 in the lenient grammar of Joda-Time's ISODateTimeFormat.dateTimeParser(), as
//    inferred from values real AWS accepted and refused (LocalStack's recorded
//    TestPolicyDocumentValidity cases; IsPolicyDate in policy_date.h is this function): a
//    1-9 digit signed year within Joda's bounds, 1-2 digit fields, at most 9 fraction
//    digits, offsets with 2-digit hours and ':' used all or none; a calendar
//    (2024-02-29), ordinal (2024-060) or week (2024-W09-4) date, optionally 'T' and a time
//    (hh, hh:mm, hh:mm:ss, each with an optional fraction of its last field), optionally an
//    offset (Z, +hh, +hh:mm, +hhmm); a time alone ("T10:00Z") falls on 1970-01-01. Without
//    an offset the time is UTC, as AWS evaluates in UTC.
// Nullopt for anything else (the operators then find no match).
std::optional<Instant> ParseInstant(std::string_view text);

}  // namespace iamlite::policy
