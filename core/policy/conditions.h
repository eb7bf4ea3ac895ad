// Condition operators: one table keyed by base name, compiled once per condition, evaluated
// against the request's context keys.
//
// The rules, from the IAM User Guide ("IAM JSON policy elements: Condition operators",
// "Single-valued vs. multivalued context keys", "Policy variables"):
//  - multiple values for one key are OR-ed; multiple keys, and multiple operators, AND-ed
//    (the statement ANDs every CompiledCondition);
//  - negated operators wrap their positive form: StringNotLike is !StringLike,
//    NotIpAddress is !IpAddress, ArnNotEquals is !ArnEquals ... The positive form asks
//    "does a request value match any policy value", so a negated operator holds when no
//    request value matches any policy value, and a missing key (positive: false) makes it
//    true: "If the key ... is not present ... the condition is false. If the policy
//    condition requires that the key is not matched, such as StringNotLike ... the condition
//    is true";
//  - ...IfExists: a missing key makes the condition true; a present one is checked as
//    without the suffix;
//  - ForAnyValue: true when at least one request value satisfies the operator (for a
//    negated operator: matches none of the policy values); false for a missing key or an
//    empty set;
//  - ForAllValues: true when every request value satisfies it; true for a missing key or an
//    empty set ("The ForAllValues qualifier returns true if there are no context keys in the
//    request or if the context key value resolves to a null dataset");
//  - Null: "true" holds when the key is absent (or has no values), "false" when present;
//  - keys compare without regard to case;
//  - policy variables are substituted in the values of the String*, Arn* and Bool operators
//    of 2012-10-17 policies; a variable with no value matches nothing, so the positive
//    operator fails and its negation holds ("Inverted condition operators like
//    StringNotEquals ... do match against a null value").
// Value reading: Numeric* read decimal numbers; Date* read ISO 8601 or epoch seconds
// (date_value.h) on both sides; Bool compares "true"/"false" without case; BinaryEquals
// compares the request's bytes with the base64-decoded policy value; IpAddress takes IPv4 and
// IPv6 CIDRs (ip_address.h). A value that cannot be read as the operator's type matches no
// policy value (so the positive operator fails on it and the negated one holds).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/arn_pattern.h"
#include "core/policy/condition_operator.h"
#include "core/policy/date_value.h"
#include "core/policy/ip_address.h"
#include "core/policy/policy.h"
#include "core/policy/request_context.h"
#include "core/policy/string_pattern.h"

namespace iamlite::policy {

enum class OperatorFamily { kString, kNumeric, kDate, kBool, kBinary, kIp, kArn, kNull };

enum class Comparison {
  kEquals,
  kEqualsIgnoreCase,
  kLike,
  kLessThan,
  kLessThanEquals,
  kGreaterThan,
  kGreaterThanEquals,
};

// One row of the operator table: a base operator and the positive form it wraps.
struct OperatorSpec {
  std::string_view name;  // "StringNotLike"
  OperatorFamily family;
  Comparison comparison;  // of the positive form: StringNotLike compares as kLike
  bool negated;           // true for the Not forms
};

// The table row for a base operator name ("StringNotLike"), or null when IAM has none.
const OperatorSpec* FindOperator(std::string_view base_name);
// Every row, for tests and documentation.
std::span<const OperatorSpec> OperatorTable();

class CompiledCondition {
 public:
  // `variables`: the policy substitutes ${...} (2012-10-17).
  CompiledCondition(const Condition& condition, bool variables);

  struct Outcome {
    bool passed = false;
    bool key_missing = false;  // the key was absent (or empty) in the request context
  };
  // `unresolved`: where to report the keys of policy variables in the values that have no
  // value in `context` (only those the evaluation reached).
  Outcome Evaluate(const ContextKeys& context,
                   std::vector<std::string_view>* unresolved = nullptr) const;

  const std::string& op() const { return op_; }    // as written
  const std::string& key() const { return key_; }  // as written
  const std::string& folded_key() const { return folded_key_; }
  std::span<const std::string> values() const { return values_; }  // as written
  const OperatorSpec* spec() const { return spec_; }               // null for an unknown operator
  SetQualifier set() const { return set_; }
  bool if_exists() const { return if_exists_; }
  bool has_variables() const { return has_variables_; }

 private:
  bool MatchesAny(const ContextEntry& entry, std::size_t i, const ContextKeys& context,
                  std::vector<std::string_view>* unresolved) const;
  bool Satisfies(const ContextEntry& entry, std::size_t i, const ContextKeys& context,
                 std::vector<std::string_view>* unresolved) const {
    const bool m = MatchesAny(entry, i, context, unresolved);
    return spec_->negated ? !m : m;
  }

  std::string op_, key_, folded_key_;
  std::vector<std::string> values_;
  const OperatorSpec* spec_ = nullptr;
  SetQualifier set_ = SetQualifier::kNone;
  bool if_exists_ = false;
  bool has_variables_ = false;

  // The policy values, read once for the operator's family.
  std::vector<StringPattern> strings_;   // kString, kBool
  std::vector<ArnPattern> arns_;         // kArn
  std::vector<double> numbers_;          // kNumeric (unreadable values dropped)
  std::vector<Instant> dates_;           // kDate
  std::vector<IpRange> ranges_;          // kIp
  std::vector<std::string> binaries_;    // kBinary, decoded
  std::vector<bool> null_expectations_;  // kNull: true = "key is absent"
};

}  // namespace iamlite::policy
