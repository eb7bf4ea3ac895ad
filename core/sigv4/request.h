// The request value SigV4 verification reads: an HTTP request as received, before any
// decoding. Plain data; the server fills it from its HTTP library, tests from text.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace iamlite::sigv4 {

struct Header {
  std::string name;   // as received; compared case-insensitively
  std::string value;  // as received (surrounding whitespace is ignored when signing)
};

struct Request {
  std::string method;           // "GET", "POST", ...
  std::string path;             // as sent on the wire, still percent-encoded, without '?'
  std::string query;            // raw text after '?', without it; "" when there is none
  std::vector<Header> headers;  // in the order received; repeated names allowed
  std::string body;             // raw bytes
};

// Every value of the header `name` (case-insensitive), in the order received.
std::vector<std::string_view> HeaderValues(const Request& request, std::string_view name);

// The value of the header `name` when it occurs exactly once; nullopt when absent.
// `*repeated` is set when it occurs more than once (then the first value is returned).
std::optional<std::string_view> SingleHeader(const Request& request, std::string_view name,
                                             bool* repeated = nullptr);

// ASCII lower-casing and case-insensitive comparison (header names are ASCII tokens).
std::string AsciiLower(std::string_view text);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace iamlite::sigv4
