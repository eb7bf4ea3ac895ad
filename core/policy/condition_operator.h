// Condition operator names as IAM's grammar allows them: an optional set qualifier, a base
// operator, and an optional IfExists suffix.
#pragma once

#include <optional>
#include <string_view>

namespace iamlite::policy {

enum class SetQualifier { kNone, kForAnyValue, kForAllValues };

struct ConditionOperatorName {
  SetQualifier set = SetQualifier::kNone;
  std::string_view base;  // e.g. "StringLike"; points into the parsed name
  bool if_exists = false;
};

// Splits e.g. "ForAnyValue:StringLikeIfExists". Nullopt for names IAM does not know (names
// are case-sensitive; "Null" takes no IfExists, as the IAM condition operator reference
// says). The base operators are those of that reference.
std::optional<ConditionOperatorName> ParseConditionOperator(std::string_view name);

// True for the DateEquals ... DateGreaterThanEquals family.
bool IsDateOperator(const ConditionOperatorName& op);

}  // namespace iamlite::policy
