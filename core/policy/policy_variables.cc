#include "core/policy/policy_variables.h"

#include "core/policy/wildcard.h"

namespace iamlite::policy {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

PolicyVariable Variable(std::string_view key) {
  PolicyVariable v;
  v.key = std::string(key);
  v.folded_key.reserve(key.size());
  for (char c : key) v.folded_key.push_back(FoldChar(c));
  return v;
}

}  // namespace

VariableBody ParseVariableBody(std::string_view body) {
  VariableBody out;
  const std::string_view trimmed = Trim(body);
  if (trimmed == "*" || trimmed == "?" || trimmed == "$") {
    out.kind = VariableBody::Kind::kLiteral;
    out.literal = trimmed.front();
    return out;
  }
  const auto comma = trimmed.find(',');
  if (comma != std::string_view::npos) {
    const std::string_view rest = Trim(trimmed.substr(comma + 1));
    if (rest.size() >= 2 && rest.front() == '\'' && rest.back() == '\'') {
      out.variable = Variable(Trim(trimmed.substr(0, comma)));
      out.variable.default_value = std::string(rest.substr(1, rest.size() - 2));
      return out;
    }
  }
  out.variable = Variable(trimmed);
  return out;
}

std::optional<std::string_view> ResolveVariable(const PolicyVariable& variable,
                                                const ContextKeys& context) {
  if (const ContextEntry* e = context.FindFolded(variable.folded_key)) {
    if (auto v = e->SingleValue()) return v;
  }
  if (variable.default_value) return std::string_view(*variable.default_value);
  return std::nullopt;
}

bool VersionSubstitutesVariables(std::string_view version) { return version == "2012-10-17"; }

}  // namespace iamlite::policy
