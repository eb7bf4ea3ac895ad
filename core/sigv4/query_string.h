// Raw query strings as SigV4 reads them: split on '&', each piece split at its first '=',
// names and values percent-decoded.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iamlite::sigv4 {

struct QueryParam {
  std::string name;   // decoded
  std::string value;  // decoded; "" for "name" and "name="
};

// `%XX` (either case of hex) becomes the byte XX; a '%' not followed by two hex digits stays
// as it is. '+' is a literal plus (RFC 3986), not a space: SigV4 clients encode spaces as %20.
std::string PercentDecode(std::string_view text);

// The parameters of `raw` (the text after '?') in order; empty pieces ("a=1&&b=2") are
// skipped. Never fails: any byte sequence yields some list.
std::vector<QueryParam> ParseQuery(std::string_view raw);

// The decoded value of the parameter named exactly `name` when it occurs once; nullopt when
// absent. `*repeated` is set when it occurs more than once (the first value is returned).
std::optional<std::string> SingleParam(const std::vector<QueryParam>& params, std::string_view name,
                                       bool* repeated = nullptr);

}  // namespace iamlite::sigv4
