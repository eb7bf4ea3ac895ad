// '*' and '?' matching as IAM uses it in Action, Resource and the *Like condition operators.
#pragma once

#include <string_view>

namespace iamlite::policy {

// True when `text` matches `pattern`, where '*' stands for any run of characters (the empty
// one included) and '?' for exactly one character; every other character stands for itself
// (there is no escape: IAM spells a literal '*' as the policy variable ${*}). Characters are
// compared byte for byte, so multi-byte UTF-8 text is compared exactly and '?' matches one
// byte. Linear in practice: one backtracking point, the last '*' seen (O(n*m) at worst).
bool WildcardMatch(std::string_view pattern, std::string_view text);

// The same, comparing ASCII letters without regard to case (actions, StringEqualsIgnoreCase).
bool WildcardMatchNoCase(std::string_view pattern, std::string_view text);

// Shapes of patterns that have a cheaper test than general matching, found once when a
// policy is compiled.
enum class WildcardShape {
  kLiteral,  // no wildcard: equality
  kAny,      // "*"
  kPrefix,   // "abc*" (one trailing '*', no '?'): starts_with
  kGeneral,
};
WildcardShape ShapeOf(std::string_view pattern);
// WildcardMatch(pattern, text) for a pattern of that shape (case-sensitive).
bool MatchShaped(WildcardShape shape, std::string_view pattern, std::string_view text);

// True when `s` holds '*' or '?'.
bool HasWildcard(std::string_view s);

// ASCII case folding, the only folding IAM's case-insensitive comparisons need here.
char FoldChar(char c);
bool EqualsNoCase(std::string_view a, std::string_view b);

}  // namespace iamlite::policy
