#include "core/policy/conditions.h"

#include <array>

#include "core/base64.h"
#include "core/policy/wildcard.h"

namespace iamlite::policy {
namespace {

using F = OperatorFamily;
using C = Comparison;

// The IAM condition operator reference's base operators. Each negated form names the
// positive comparison it negates.
constexpr std::array<OperatorSpec, 27> kOperators = {{
    {"StringEquals", F::kString, C::kEquals, false},
    {"StringNotEquals", F::kString, C::kEquals, true},
    {"StringEqualsIgnoreCase", F::kString, C::kEqualsIgnoreCase, false},
    {"StringNotEqualsIgnoreCase", F::kString, C::kEqualsIgnoreCase, true},
    {"StringLike", F::kString, C::kLike, false},
    {"StringNotLike", F::kString, C::kLike, true},
    {"NumericEquals", F::kNumeric, C::kEquals, false},
    {"NumericNotEquals", F::kNumeric, C::kEquals, true},
    {"NumericLessThan", F::kNumeric, C::kLessThan, false},
    {"NumericLessThanEquals", F::kNumeric, C::kLessThanEquals, false},
    {"NumericGreaterThan", F::kNumeric, C::kGreaterThan, false},
    {"NumericGreaterThanEquals", F::kNumeric, C::kGreaterThanEquals, false},
    {"DateEquals", F::kDate, C::kEquals, false},
    {"DateNotEquals", F::kDate, C::kEquals, true},
    {"DateLessThan", F::kDate, C::kLessThan, false},
    {"DateLessThanEquals", F::kDate, C::kLessThanEquals, false},
    {"DateGreaterThan", F::kDate, C::kGreaterThan, false},
    {"DateGreaterThanEquals", F::kDate, C::kGreaterThanEquals, false},
    {"Bool", F::kBool, C::kEquals, false},
    {"BinaryEquals", F::kBinary, C::kEquals, false},
    {"IpAddress", F::kIp, C::kEquals, false},
    {"NotIpAddress", F::kIp, C::kEquals, true},
    // "The ArnEquals and ArnLike condition operators behave identically."
    {"ArnEquals", F::kArn, C::kLike, false},
    {"ArnLike", F::kArn, C::kLike, false},
    {"ArnNotEquals", F::kArn, C::kLike, true},
    {"ArnNotLike", F::kArn, C::kLike, true},
    {"Null", F::kNull, C::kEquals, false},
}};

template <class T>
bool Compare(Comparison c, const T& request, const T& policy) {
  switch (c) {
    case C::kLessThan:
      return request < policy;
    case C::kLessThanEquals:
      return request <= policy;
    case C::kGreaterThan:
      return request > policy;
    case C::kGreaterThanEquals:
      return request >= policy;
    default:
      return request == policy;
  }
}

}  // namespace

const OperatorSpec* FindOperator(std::string_view base_name) {
  for (const OperatorSpec& s : kOperators)
    if (s.name == base_name) return &s;
  return nullptr;
}

std::span<const OperatorSpec> OperatorTable() { return kOperators; }

CompiledCondition::CompiledCondition(const Condition& condition, bool variables)
    : op_(condition.op), key_(condition.key), values_(condition.values) {
  folded_key_.reserve(key_.size());
  for (char c : key_) folded_key_.push_back(FoldChar(c));
  const auto name = ParseConditionOperator(op_);
  if (!name) return;
  spec_ = FindOperator(name->base);
  if (spec_ == nullptr) return;
  set_ = name->set;
  if_exists_ = name->if_exists;
  for (const std::string& v : values_) {
    switch (spec_->family) {
      case F::kString:
        strings_.emplace_back(v, StringPattern::Options{.wildcards = spec_->comparison == C::kLike,
                                                        .variables = variables});
        break;
      case F::kBool:
        strings_.emplace_back(v,
                              StringPattern::Options{.wildcards = false, .variables = variables});
        break;
      case F::kArn:
        arns_.emplace_back(v, variables);
        break;
      case F::kNumeric:
        if (auto n = ParseNumber(v)) numbers_.push_back(*n);
        break;
      case F::kDate:
        if (auto d = ParseInstant(v)) dates_.push_back(*d);
        break;
      case F::kIp:
        if (auto r = ParseIpRange(v)) ranges_.push_back(*r);
        break;
      case F::kBinary:
        if (auto b = Base64Decode(v)) binaries_.push_back(std::move(*b));
        break;
      case F::kNull:
        if (EqualsNoCase(v, "true")) null_expectations_.push_back(true);
        if (EqualsNoCase(v, "false")) null_expectations_.push_back(false);
        break;
    }
  }
  for (const StringPattern& p : strings_) has_variables_ = has_variables_ || p.has_variables();
  for (const ArnPattern& p : arns_) has_variables_ = has_variables_ || p.has_variables();
}

bool CompiledCondition::MatchesAny(const ContextEntry& entry, std::size_t i,
                                   const ContextKeys& context,
                                   std::vector<std::string_view>* unresolved) const {
  const std::string& text = entry.value.values[i];
  switch (spec_->family) {
    case F::kString: {
      const bool fold = spec_->comparison == C::kEqualsIgnoreCase;
      for (const StringPattern& p : strings_)
        if (p.Matches(text, context, fold, unresolved)) return true;
      return false;
    }
    case F::kBool:
      for (const StringPattern& p : strings_)
        if (p.Matches(text, context, /*ignore_case=*/true, unresolved)) return true;
      return false;
    case F::kArn:
      for (const ArnPattern& p : arns_)
        if (p.Matches(text, context, unresolved)) return true;
      return false;
    case F::kNumeric:
      if (!entry.numbers[i]) return false;
      for (double n : numbers_)
        if (Compare(spec_->comparison, *entry.numbers[i], n)) return true;
      return false;
    case F::kDate:
      if (!entry.dates[i]) return false;
      for (const Instant& d : dates_)
        if (Compare(spec_->comparison, *entry.dates[i], d)) return true;
      return false;
    case F::kIp:
      if (!entry.ips[i]) return false;
      for (const IpRange& r : ranges_)
        if (InRange(r, *entry.ips[i])) return true;
      return false;
    case F::kBinary:
      for (const std::string& b : binaries_)
        if (b == text) return true;
      return false;
    case F::kNull:
      return false;
  }
  return false;
}

CompiledCondition::Outcome CompiledCondition::Evaluate(
    const ContextKeys& context, std::vector<std::string_view>* unresolved) const {
  if (spec_ == nullptr) return {false, false};
  const ContextEntry* entry = context.FindFolded(folded_key_);
  const bool present = entry != nullptr && entry->present();
  if (spec_->family == F::kNull) {
    for (bool absent : null_expectations_)
      if (absent != present) return {true, false};
    return {false, false};
  }
  if (!present) {
    if (if_exists_) return {true, true};
    switch (set_) {
      case SetQualifier::kForAllValues:
        return {true, true};
      case SetQualifier::kForAnyValue:
        return {false, true};
      case SetQualifier::kNone:
        return {spec_->negated, true};
    }
  }
  const std::size_t n = entry->value.values.size();
  switch (set_) {
    case SetQualifier::kNone: {
      bool any = false;
      for (std::size_t i = 0; i < n && !any; ++i) any = MatchesAny(*entry, i, context, unresolved);
      return {spec_->negated ? !any : any, false};
    }
    case SetQualifier::kForAnyValue:
      for (std::size_t i = 0; i < n; ++i)
        if (Satisfies(*entry, i, context, unresolved)) return {true, false};
      return {false, false};
    case SetQualifier::kForAllValues:
      for (std::size_t i = 0; i < n; ++i)
        if (!Satisfies(*entry, i, context, unresolved)) return {false, false};
      return {true, false};
  }
  return {false, false};
}

}  // namespace iamlite::policy
