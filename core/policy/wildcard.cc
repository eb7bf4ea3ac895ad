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

// `segment` (no '*', maybe '?') against text of the same length.
bool SegmentEquals(std::string_view segment, std::string_view text) {
  for (std::size_t i = 0; i < segment.size(); ++i)
    if (segment[i] != '?' && segment[i] != text[i]) return false;
  return true;
}

// The first place at or after `from` where `segment` matches, or npos.
std::size_t FindSegment(std::string_view text, std::string_view segment, std::size_t from) {
  if (segment.find('?') == std::string_view::npos) return text.find(segment, from);
  for (std::size_t i = from; i + segment.size() <= text.size(); ++i)
    if (SegmentEquals(segment, text.substr(i, segment.size()))) return i;
  return std::string_view::npos;
}

// Case-sensitive matching by the pattern's '*'-free segments: the first must start the
// text, the last must end it, and each one between is taken at its leftmost place (which
// is always safe, as anything a later place could match a '*' can absorb). Linear-time
// searches (memchr/memcmp) instead of the character-by-character backtracking above.
bool MatchBySegments(std::string_view pattern, std::string_view text) {
  const std::size_t first_star = pattern.find('*');
  if (first_star == std::string_view::npos) {
    return pattern.size() == text.size() && SegmentEquals(pattern, text);
  }
  const std::string_view head = pattern.substr(0, first_star);
  const std::size_t last_star = pattern.rfind('*');
  const std::string_view tail = pattern.substr(last_star + 1);
  if (head.size() + tail.size() > text.size()) return false;
  if (!SegmentEquals(head, text.substr(0, head.size()))) return false;
  if (!SegmentEquals(tail, text.substr(text.size() - tail.size()))) return false;
  // The middle: segments between stars, within the text between head and tail.
  const std::string_view middle_text =
      text.substr(head.size(), text.size() - head.size() - tail.size());
  std::size_t at = 0;
  std::size_t p = first_star + 1;
  while (p < last_star) {
    const std::size_t next = pattern.find('*', p);
    const std::string_view segment = pattern.substr(p, next - p);
    p = next + 1;
    if (segment.empty()) continue;
    const std::size_t found = FindSegment(middle_text, segment, at);
    if (found == std::string_view::npos) return false;
    at = found + segment.size();
  }
  return true;
}

}  // namespace

char FoldChar(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) { return Same<true>(x, y); });
}

bool WildcardMatch(std::string_view pattern, std::string_view text) {
  return MatchBySegments(pattern, text);
}

bool WildcardMatchNoCase(std::string_view pattern, std::string_view text) {
  return Match<true>(pattern, text);
}

WildcardShape ShapeOf(std::string_view pattern) {
  const std::size_t first = pattern.find_first_of("*?");
  if (first == std::string_view::npos) return WildcardShape::kLiteral;
  if (pattern == "*") return WildcardShape::kAny;
  if (first == pattern.size() - 1 && pattern.back() == '*') return WildcardShape::kPrefix;
  return WildcardShape::kGeneral;
}

bool MatchShaped(WildcardShape shape, std::string_view pattern, std::string_view text) {
  switch (shape) {
    case WildcardShape::kLiteral:
      return pattern == text;
    case WildcardShape::kAny:
      return true;
    case WildcardShape::kPrefix:
      return text.starts_with(pattern.substr(0, pattern.size() - 1));
    case WildcardShape::kGeneral:
      break;
  }
  return MatchBySegments(pattern, text);
}

bool HasWildcard(std::string_view s) { return s.find_first_of("*?") != std::string_view::npos; }

}  // namespace iamlite::policy
