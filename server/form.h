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

// Adds the pairs of `text` to `out`. Fails with MalformedQueryString (400).
Result<void> ParseForm(std::string_view text, Params& out);

bool IsValidUtf8(std::string_view s);

}  // namespace iamlite
