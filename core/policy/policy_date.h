// The date values IAM accepts in Date* condition operators.
#pragma once

#include <string_view>

namespace iamlite::policy {

// True when `value` is a date AWS accepts for the Date* operators: epoch seconds that fit a
// signed 64-bit integer, or an ISO 8601 date-time in the lenient grammar of Joda-Time's
// ISODateTimeFormat.dateTimeParser() (AWS's documented "W3C implementations of ISO 8601 or
// epoch (UNIX) time"), e.g. "2017-07-01T00:00:00Z", "2016-12-13t2:00:00.593194+23", "01T".
//
// The grammar is inferred from values real AWS accepted and refused (LocalStack's recorded
// TestPolicyDocumentValidity cases): a 1-9 digit signed year, 1-2 digit fields, 'T' and 'Z'
// in either case, at most 9 fraction digits, offsets with 2-digit hours, ranges checked.
bool IsPolicyDate(std::string_view value);

}  // namespace iamlite::policy
