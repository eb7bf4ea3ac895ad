// Policy variables: ${aws:username}, ${aws:PrincipalTag/team, 'default'}, ${*}, ${?}, ${$}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/policy/request_context.h"

namespace iamlite::policy {

// One ${...} reference in a Resource or condition value.
struct PolicyVariable {
  std::string key;         // as written, spaces trimmed
  std::string folded_key;  // lower case: variable keys are context keys, without case
  std::optional<std::string> default_value;  // ${key, 'default'}
};

// What the text inside "${" ... "}" means.
struct VariableBody {
  enum class Kind { kLiteral, kVariable };
  Kind kind = Kind::kVariable;
  char literal = 0;  // kLiteral: ${*} is '*', ${?} is '?', ${$} is '$'
  PolicyVariable variable;
};

// Reads the text between "${" and "}". The IAM User Guide's forms: a context key name
// ("aws:username"), a key and a default value separated by a comma and a space with the
// default in single quotes ("aws:PrincipalTag/team, 'company-wide'"), and the three
// characters that would otherwise be special (*, ?, $). Spaces around the key, the comma and
// the quoted default are ignored. A default that is not quoted makes the whole text the key,
// which no context holds (so the variable never resolves); the empty text likewise.
VariableBody ParseVariableBody(std::string_view body);

// The value `variable` takes for this request: the key's only value when the context has
// the key single-valued with exactly one value, else the default value, else nullopt
// ("When policy variables reference a condition context key that has no value or is not
// present ... the value is effectively null"). A multivalued key never substitutes.
std::optional<std::string_view> ResolveVariable(const PolicyVariable& variable,
                                                const ContextKeys& context);

// True for policy language versions that substitute variables: only "2012-10-17" ("If you
// don't include the Version element ... variables like ${aws:username} are treated as
// literal strings").
bool VersionSubstitutesVariables(std::string_view version);

}  // namespace iamlite::policy
