// The Action and NotAction elements: "service:ActionName" patterns compared without regard
// to case, with '*' and '?' ("iam:*AccessKey*", "s3:Get*", "*").
#pragma once

#include <string>
#include <string_view>

#include "core/policy/wildcard.h"

namespace iamlite::policy {

class ActionPattern {
 public:
  explicit ActionPattern(std::string_view text);

  // `folded_action` is the request's action in ASCII lower case ("s3:getobject").
  bool Matches(std::string_view folded_action) const;

  const std::string& text() const { return text_; }  // as written
  // The service prefix in lower case ("s3"), or empty when the pattern can match more than
  // one service ("*", "s3*:Get*", "*:GetObject"); compiled policies index statements by it.
  std::string_view service() const { return service_; }

 private:
  std::string text_;
  std::string folded_;
  std::string service_;
  WildcardShape shape_ = WildcardShape::kGeneral;
};

// The service prefix of a folded action ("s3" of "s3:getobject"); the whole text when it
// has no colon.
std::string_view ServiceOf(std::string_view folded_action);

}  // namespace iamlite::policy
