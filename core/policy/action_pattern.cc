#include "core/policy/action_pattern.h"

#include "core/policy/wildcard.h"

namespace iamlite::policy {

ActionPattern::ActionPattern(std::string_view text) : text_(text) {
  folded_.reserve(text.size());
  for (char c : text) folded_.push_back(FoldChar(c));
  shape_ = ShapeOf(folded_);
  const auto colon = folded_.find(':');
  if (colon != std::string::npos && !HasWildcard(std::string_view(folded_).substr(0, colon))) {
    service_ = folded_.substr(0, colon);
  }
}

bool ActionPattern::Matches(std::string_view folded_action) const {
  return MatchShaped(shape_, folded_, folded_action);
}

std::string_view ServiceOf(std::string_view folded_action) {
  return folded_action.substr(0, folded_action.find(':'));
}

}  // namespace iamlite::policy
