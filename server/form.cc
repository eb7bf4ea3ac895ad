#include "server/form.h"

#include <algorithm>

namespace iamlite {
namespace {

IamError Malformed(std::string message) {
  return IamError{"MalformedQueryString", 400, std::move(message), true};
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Runs without escapes are copied whole: most names and values have none.
Result<std::string> PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    size_t plain = i;
    while (plain < in.size() && in[plain] != '%' && in[plain] != '+') ++plain;
    out.append(in.data() + i, plain - i);
    i = plain;
    if (i == in.size()) break;
    if (in[i] == '+') {
      out += ' ';
      continue;
    }
    int hi = i + 2 < in.size() ? HexValue(in[i + 1]) : -1;
    int lo = hi >= 0 ? HexValue(in[i + 2]) : -1;
    if (lo < 0)
      return std::unexpected(Malformed("The query string contains an invalid percent-encoding."));
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  if (!IsValidUtf8(out))
    return std::unexpected(
        Malformed("The query string contains characters that are not valid UTF-8."));
  return out;
}

}  // namespace

bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    for (size_t k = 1; k <= n; ++k) {
      if (i + k >= s.size()) return false;
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
      return false;
    i += n + 1;
  }
  return true;
}

Result<void> ParseForm(std::string_view text, Params& out) {
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t amp = text.find('&', pos);
    if (amp == std::string_view::npos) amp = text.size();
    std::string_view pair = text.substr(pos, amp - pos);
    pos = amp + 1;
    if (pair.empty()) {
      if (amp == text.size()) break;
      continue;
    }
    size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq));
    if (!name) return std::unexpected(name.error());
    std::string value;
    if (eq != std::string_view::npos) {
      auto v = PercentDecode(pair.substr(eq + 1));
      if (!v) return std::unexpected(v.error());
      value = std::move(*v);
    }
    if (name->empty())
      return std::unexpected(Malformed("The query string contains an empty parameter name."));
    if (std::count(name->begin(), name->end(), '.') >= kMaxFormNameDepth)
      return std::unexpected(Malformed("A parameter name nests deeper than " +
                                       std::to_string(kMaxFormNameDepth) + " levels."));
    if (out.size() >= kMaxFormParams)
      return std::unexpected(Malformed("The request has more than " +
                                       std::to_string(kMaxFormParams) + " parameters."));
    auto [at, fresh] = out.try_emplace(std::move(*name), std::move(value));
    if (!fresh)  // try_emplace leaves the name alone when it is there already
      return std::unexpected(Malformed("The parameter " + at->first + " is given more than once."));
  }
  return Ok();
}

}  // namespace iamlite
