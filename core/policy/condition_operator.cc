#include "core/policy/condition_operator.h"

#include <algorithm>
#include <array>

namespace iamlite::policy {
namespace {

constexpr std::array<std::string_view, 27> kBaseOperators = {
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
};

constexpr std::string_view kIfExists = "IfExists";

}  // namespace

std::optional<ConditionOperatorName> ParseConditionOperator(std::string_view name) {
  ConditionOperatorName op;
  if (name.starts_with("ForAnyValue:")) {
    op.set = SetQualifier::kForAnyValue;
    name.remove_prefix(12);
  } else if (name.starts_with("ForAllValues:")) {
    op.set = SetQualifier::kForAllValues;
    name.remove_prefix(13);
  }
  if (name.ends_with(kIfExists)) {
    op.if_exists = true;
    name.remove_suffix(kIfExists.size());
  }
  if (std::find(kBaseOperators.begin(), kBaseOperators.end(), name) == kBaseOperators.end()) {
    return std::nullopt;
  }
  if (op.if_exists && name == "Null") return std::nullopt;
  op.base = name;
  return op;
}

bool IsDateOperator(const ConditionOperatorName& op) { return op.base.starts_with("Date"); }

}  // namespace iamlite::policy
