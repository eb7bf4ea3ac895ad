#include "core/sigv4/query_string.h"

namespace iamlite::sigv4 {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::string PercentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      int hi = HexValue(text[i + 1]), lo = HexValue(text[i + 2]);
      if (hi >= 0 && lo >= 0) {
        out += static_cast<char>(hi * 16 + lo);
        i += 2;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::vector<QueryParam> ParseQuery(std::string_view raw) {
  std::vector<QueryParam> out;
  while (!raw.empty()) {
    size_t amp = raw.find('&');
    std::string_view piece = raw.substr(0, amp);
    raw.remove_prefix(amp == std::string_view::npos ? raw.size() : amp + 1);
    if (piece.empty()) continue;
    size_t eq = piece.find('=');
    std::string_view name = piece.substr(0, eq);
    std::string_view value =
        eq == std::string_view::npos ? std::string_view() : piece.substr(eq + 1);
    out.push_back({PercentDecode(name), PercentDecode(value)});
  }
  return out;
}

std::optional<std::string> SingleParam(const std::vector<QueryParam>& params, std::string_view name,
                                       bool* repeated) {
  std::optional<std::string> found;
  bool twice = false;
  for (const QueryParam& p : params) {
    if (p.name != name) continue;
    if (found) {
      twice = true;
    } else {
      found = p.value;
    }
  }
  if (repeated) *repeated = twice;
  return found;
}

}  // namespace iamlite::sigv4
