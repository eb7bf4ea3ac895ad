#include "core/sigv4/request.h"

namespace iamlite::sigv4 {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

}  // namespace

std::string AsciiLower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = Lower(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (Lower(a[i]) != Lower(b[i])) return false;
  return true;
}

std::vector<std::string_view> HeaderValues(const Request& request, std::string_view name) {
  std::vector<std::string_view> out;
  for (const Header& h : request.headers)
    if (EqualsIgnoreCase(h.name, name)) out.push_back(h.value);
  return out;
}

std::optional<std::string_view> SingleHeader(const Request& request, std::string_view name,
                                             bool* repeated) {
  auto values = HeaderValues(request, name);
  if (repeated) *repeated = values.size() > 1;
  if (values.empty()) return std::nullopt;
  return values.front();
}

}  // namespace iamlite::sigv4
