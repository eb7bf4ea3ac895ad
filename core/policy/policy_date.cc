#include "core/policy/policy_date.h"

#include "core/policy/date_value.h"

namespace iamlite::policy {

// One grammar for both sides: a value the validator accepts is exactly a value the Date*
// operators can read (date_value.cc holds it).
bool IsPolicyDate(std::string_view value) { return ParseInstant(value).has_value(); }

}  // namespace iamlite::policy
