// application/x-www-form-urlencoded (and query strings) into name/value pairs, strictly:
// malformed percent-escapes, non-UTF-8 text and repeated names are errors.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/error.h"

namespace iamlite {

// Ordered by name, so a prefix (e.g. "Tags.member.") is a contiguous range.
using Params = std::map<std::string, std::string, std::less<>>;

// Limits on what one request may carry (README "Limits"). The largest real IAM/STS request
// (SimulatePrincipalPolicy with context entries) nests 5 levels deep
// ("ContextEntries.member.1.ContextKeyValues.member.1"); tag lists stop at 50 pairs.
inline constexpr std::size_t kMaxFormParams = 1000;  // name/value pairs, query and body together
inline constexpr int kMaxFormNameDepth = 10;         // dot-separated levels of a parameter name

// Adds the pairs of `text` to `out`. Fails with MalformedQueryString (400), also when `out`
// would hold more than kMaxFormParams pairs or a name nests deeper than kMaxFormNameDepth.
Result<void> ParseForm(std::string_view text, Params& out);

bool IsValidUtf8(std::string_view s);

}  // namespace iamlite
