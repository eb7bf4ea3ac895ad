// A string from a policy, compiled once: literal text, '*' and '?' wildcards where the
// element takes them, and policy variables substituted per request.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/policy_variables.h"
#include "core/policy/request_context.h"
#include "core/policy/wildcard.h"

namespace iamlite::policy {

class StringPattern {
 public:
  struct Options {
    bool wildcards = false;  // '*' and '?' match runs and single characters
    bool variables = false;  // ${...} is a policy variable (2012-10-17 and an element that
                             // takes them); otherwise "${" is literal text
  };

  StringPattern() = default;
  StringPattern(std::string_view text, Options options);

  // True when `text` matches. Text a variable substitutes is matched literally, even a '*'
  // in it. A variable that does not resolve (policy_variables.h) makes the pattern match
  // nothing; its key is appended to `unresolved` when given (the MissingContextValues of a
  // decision). `ignore_case` compares ASCII letters without regard to case. No allocation
  // unless the pattern has more than kInlinePieces parts.
  bool Matches(std::string_view text, const ContextKeys& context, bool ignore_case = false,
               std::vector<std::string_view>* unresolved = nullptr) const;

  // The text with variables substituted, for explanations; nullopt when one does not resolve.
  std::optional<std::string> Substitute(const ContextKeys& context) const;

  const std::string& text() const { return text_; }  // as written
  // The literal text before the first wildcard or variable: every match starts with it.
  std::string_view literal_prefix() const;
  bool has_variables() const { return !variables_.empty(); }
  std::span<const PolicyVariable> variables() const { return variables_; }
  bool matches_everything() const { return any_; }  // exactly "*" with wildcards

  static constexpr std::size_t kInlinePieces = 24;

 private:
  enum class Kind : std::uint8_t { kLiteral, kStar, kQuestion, kVariable };
  struct Token {
    Kind kind = Kind::kLiteral;
    std::uint32_t begin = 0;  // kLiteral: offset in literals_; kVariable: index in variables_
    std::uint32_t size = 0;   // kLiteral: length
  };
  struct Piece {
    Kind kind;
    std::string_view text;
  };

  void AddLiteral(std::string_view s);
  static bool MatchPieces(std::span<const Piece> pieces, std::string_view text, bool fold);

  std::string text_;
  std::string literals_;  // the literal characters, variables' ${*} etc. already applied
  std::vector<Token> tokens_;
  std::vector<PolicyVariable> variables_;
  bool wildcards_ = false;
  bool plain_ = true;  // no wildcard and no variable tokens: compare literals_ directly
  bool any_ = false;
  bool raw_glob_ = true;  // text_ is itself the wildcard pattern (no ${...} in it)
  WildcardShape shape_ = WildcardShape::kGeneral;  // of text_, when raw_glob_
};

}  // namespace iamlite::policy
