// ARN matching for the Resource/NotResource elements and the Arn* condition operators.
//
// How wildcards treat ARN segments (our reading of the IAM User Guide, "Using wildcards in
// resource ARNs" and "Amazon Resource Name (ARN) condition operators"):
//  - an ARN has six colon-separated parts, arn:partition:service:region:account:resource;
//    the resource part keeps any further colons ("arn:aws:logs:r:1:log-group:g:*");
//  - each part is matched on its own; '*' and '?' never cross a part boundary, but within a
//    part '*' matches anything, '/' included ("arn:aws:s3:::b/*/test/*" matches
//    "arn:aws:s3:::b/1/2/test/3/o.jpg"). So the documented ArnLike example holds:
//    "arn:aws:someservice:*:111122223333:finance/*" does NOT match
//    "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt";
//  - "*" alone matches every resource, ARN or not;
//  - a pattern of fewer than six parts ("arn:aws:*") lets its last part match the rest of
//    the ARN, colons included; a pattern of more parts than the ARN never matches;
//  - comparison is case-sensitive;
//  - policy variables are substituted inside a part ("...:user/${aws:username}"); a colon a
//    variable brings in is literal and does not start a new part. The docs allow variables
//    only after the fifth colon; elsewhere they are substituted the same way.
// Resource and ArnLike/ArnEquals therefore share this matcher (ArnEquals and ArnLike
// "behave identically").
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/request_context.h"
#include "core/policy/string_pattern.h"

namespace iamlite::policy {

// A request ARN split into its parts, views into the original text (no allocation).
struct ArnParts {
  std::string_view text;
  std::array<std::size_t, 6> begin{};  // offset of each part in `text`
  std::array<std::string_view, 6> part{};
  int count = 0;

  static ArnParts Split(std::string_view arn);
  // The text from part `i` to the end (what a shorter pattern's last part must match).
  std::string_view From(int i) const { return text.substr(begin[static_cast<std::size_t>(i)]); }
};

class ArnPattern {
 public:
  ArnPattern() = default;
  // `variables`: substitute ${...} (2012-10-17 policies).
  ArnPattern(std::string_view text, bool variables);

  // `unresolved`: where to report the keys of variables without a value (string_pattern.h).
  bool Matches(const ArnParts& arn, const ContextKeys& context,
               std::vector<std::string_view>* unresolved = nullptr) const;
  bool Matches(std::string_view arn, const ContextKeys& context,
               std::vector<std::string_view>* unresolved = nullptr) const {
    return Matches(ArnParts::Split(arn), context, unresolved);
  }

  const std::string& text() const { return text_; }
  bool has_variables() const;
  std::optional<std::string> Substitute(const ContextKeys& context) const;

 private:
  std::string text_;
  bool any_ = false;
  // The pattern's literal text before its first wildcard or variable, colons included: a
  // matching ARN starts with it, which rejects most ARNs with one comparison.
  std::string prefix_;
  int literal_parts_ = 0;  // leading parts wholly inside prefix_ (not the last part)
  bool all_literal_ = false;
  std::vector<StringPattern> parts_;  // one to six
};

}  // namespace iamlite::policy
