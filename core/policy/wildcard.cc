#include "core/policy/wildcard.h"

#include <algorithm>

namespace iamlite::policy {
namespace {

template <bool kFold>
bool Same(char a, char b) {
  if constexpr (kFold) return FoldChar(a) == FoldChar(b);
  return a == b;
}

// The classic greedy matcher: on a mismatch after a '*', let that '*' swallow one more
// character and retry. Correct for '*' and '?' because only the last '*' ever needs to move.
template <bool kFold>
bool Match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0;
  std::size_t star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (p < pattern.size() && (pattern[p] == '?' || Same<kFold>(pattern[p], text[t]))) {
      ++p;
      ++t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

}  // namespace

char FoldChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Same<true>(x, y); });
}

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  return Match<false>(pattern, text);
}

bool WildcardMatchNoCase(std::string_view pattern, std::string_view text) {
  return Match<true>(pattern, text);
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

}  // namespace iamlite::policy
