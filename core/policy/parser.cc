#include "core/policy/parser.h"

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <unordered_set>

#include "core/policy/action_check.h"
#include "core/policy/condition_operator.h"
#include "core/policy/json_reader.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_shape.h"
#include "core/policy/resource_check.h"

// The order of the checks is AWS's, as far as real-AWS recordings show it (LocalStack's
// TestPolicyDocumentValidity, 78 refused and 51 accepted managed-policy documents): e.g. a
// missing Version beats a lower-case Effect and a bad date; a bad date beats a missing
// Action and a duplicate Sid; a duplicate Sid beats a missing Action; a missing Action beats
// a missing Resource; a missing Resource beats a malformed action; a malformed resource
// beats a malformed action. Where they are silent the order is ours (see parser.h).

namespace iamlite::policy {
namespace {

using Check = std::optional<std::string> (*)(const PolicyDraft&);

constexpr const char* kSyntaxErrors = "Syntax errors in policy.";
constexpr const char* kInvalidJson = "This policy contains invalid Json";
constexpr const char* kLegacy = "The policy failed legacy parsing";

std::optional<std::string> VersionAtLeast2012(const PolicyDraft& d) {
  if (d.has_version && d.policy.version == "2012-10-17") return std::nullopt;
  return "Policy document must be version 2012-10-17 or greater.";
}

std::optional<std::string> NoPrincipal(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    if (s.statement.principal) return "Policy document should not specify a principal.";
  }
  return std::nullopt;
}

std::optional<std::string> NoResourceField(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    if (s.has_resource) return "Has prohibited field Resource";
    if (s.has_not_resource) return "Has prohibited field NotResource";
  }
  return std::nullopt;
}

bool BadDateCondition(const Condition& c) {
  auto op = ParseConditionOperator(c.op);
  if (!op || !IsDateOperator(*op)) return false;
  return std::any_of(c.values.begin(), c.values.end(),
                     [](const std::string& v) { return !IsPolicyDate(v); });
}

bool FailsLegacy(const StatementDraft& s) {
  const Statement& st = s.statement;
  if (s.effect_text != "Allow" && s.effect_text != "Deny") return true;
  if (std::any_of(st.conditions.begin(), st.conditions.end(), BadDateCondition)) return true;
  return std::any_of(st.resources.begin(), st.resources.end(),
                     [](const std::string& r) { return FailsLegacyResourceParse(r); });
}

std::optional<std::string> LegacyParse(const PolicyDraft& d) {
  if (std::any_of(d.statements.begin(), d.statements.end(), FailsLegacy)) return kLegacy;
  return std::nullopt;
}

std::optional<std::string> UniqueSids(const PolicyDraft& d) {
  std::unordered_set<std::string_view> seen;
  for (const StatementDraft& s : d.statements) {
    const std::string& sid = s.statement.sid;
    if (!sid.empty() && !seen.insert(sid).second) {
      return "Statement IDs (SID) in a single policy must be unique.";
    }
  }
  return std::nullopt;
}

std::optional<std::string> HasActions(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    if (s.statement.actions.empty()) return "Policy statement must contain actions.";
  }
  return std::nullopt;
}

std::optional<std::string> HasResources(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    if (s.statement.resources.empty()) return "Policy statement must contain resources.";
  }
  return std::nullopt;
}

// No Principal/NotPrincipal, or one that names no one ({"AWS": []}).
bool HasNoPrincipal(const StatementDraft& s) {
  const auto& p = s.statement.principal;
  if (!p) return true;
  return !p->any && std::all_of(p->by_type.begin(), p->by_type.end(),
                                [](const auto& entry) { return entry.second.empty(); });
}

// A trust policy grants to principals; a NotPrincipal alone names none.
bool HasNoTrustPrincipal(const StatementDraft& s) {
  return HasNoPrincipal(s) || s.statement.not_principal;
}

// The answer AWS gave in 2019-2020 for a trust policy statement without Principal, as quoted
// in terraform-aws-modules/terraform-aws-iam#47 and cloudposse/terraform-aws-cloudwatch-logs#7.
std::optional<std::string> TrustHasPrincipal(const PolicyDraft& d) {
  if (std::any_of(d.statements.begin(), d.statements.end(), HasNoTrustPrincipal)) {
    return "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The "
           "passed in policy has a statement with no principals!";
  }
  return std::nullopt;
}

// Resource-based policies of other services (S3 bucket policies) answer this; unrecorded
// for IAM, which has no resource-based policies of its own beyond trust policies.
std::optional<std::string> ResourceHasPrincipal(const PolicyDraft& d) {
  if (std::any_of(d.statements.begin(), d.statements.end(), HasNoPrincipal)) {
    return "Missing required field Principal";
  }
  return std::nullopt;
}

std::optional<std::string> ResourceFormats(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    for (const std::string& r : s.statement.resources) {
      if (auto error = ResourceFormatError(r)) return error;
    }
  }
  return std::nullopt;
}

std::optional<std::string> ActionFormats(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    for (const std::string& a : s.statement.actions) {
      if (auto error = ActionFormatError(a)) return error;
    }
  }
  return std::nullopt;
}

std::optional<std::string> TrustActions(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    for (const std::string& a : s.statement.actions) {
      if (!IsTrustPolicyAction(a))
        return "AssumeRole policy may only specify STS AssumeRole actions.";
    }
  }
  return std::nullopt;
}

bool IsAccountId(std::string_view v) {
  return v.size() == 12 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Whether an ARN names an existing entity is for the caller, which has the store.
std::optional<std::string> TrustAwsPrincipals(const PolicyDraft& d) {
  for (const StatementDraft& s : d.statements) {
    const auto& p = s.statement.principal;
    if (!p) continue;
    auto aws = p->by_type.find("AWS");
    if (aws == p->by_type.end()) continue;
    for (const std::string& v : aws->second) {
      if (v != "*" && !IsAccountId(v) && !v.starts_with("arn:")) {
        return "Invalid principal in policy: \"AWS\":\"" + v + "\"";
      }
    }
  }
  return std::nullopt;
}

constexpr Check kManagedChecks[] = {VersionAtLeast2012, NoPrincipal,  LegacyParse,
                                    UniqueSids,         HasActions,   HasResources,
                                    ResourceFormats,    ActionFormats};
constexpr Check kInlineChecks[] = {NoPrincipal,  LegacyParse,     UniqueSids,   HasActions,
                                   HasResources, ResourceFormats, ActionFormats};
constexpr Check kTrustChecks[] = {NoResourceField, LegacyParse,       UniqueSids,
                                  HasActions,      TrustHasPrincipal, ActionFormats,
                                  TrustActions,    TrustAwsPrincipals};
constexpr Check kResourceChecks[] = {LegacyParse,          UniqueSids,   HasActions,
                                     ResourceHasPrincipal, HasResources, ResourceFormats,
                                     ActionFormats};

std::span<const Check> ChecksFor(PolicyKind kind) {
  switch (kind) {
    case PolicyKind::kIdentity:
      return kManagedChecks;
    case PolicyKind::kInlineIdentity:
      return kInlineChecks;
    case PolicyKind::kTrust:
      return kTrustChecks;
    case PolicyKind::kResource:
      return kResourceChecks;
  }
  return kManagedChecks;
}

Result<std::shared_ptr<const Policy>> Parse(std::string_view text, PolicyKind kind) {
  const auto root = ReadJson(text);
  if (!root) {
    return std::unexpected(
        errors::MalformedPolicyDocument(kind == PolicyKind::kTrust ? kInvalidJson : kSyntaxErrors));
  }
  auto draft = ReadPolicyShape(*root, text);
  if (!draft) return std::unexpected(errors::MalformedPolicyDocument(kSyntaxErrors));
  for (Check check : ChecksFor(kind)) {
    if (auto message = check(*draft)) {
      return std::unexpected(errors::MalformedPolicyDocument(std::move(*message)));
    }
  }
  Policy& policy = draft->policy;
  for (StatementDraft& s : draft->statements) policy.statements.push_back(std::move(s.statement));
  return std::make_shared<const Policy>(std::move(policy));
}

}  // namespace

Result<std::shared_ptr<const Policy>> ParsePolicy(std::string_view text, PolicyKind kind) {
  try {
    return Parse(text, kind);
  } catch (const std::exception&) {
    // The module edge: nothing below throws but the standard library on exhaustion
    // (bad_alloc, length_error). A document too big to hold is refused like any other
    // unreadable one.
    return std::unexpected(errors::MalformedPolicyDocument(kSyntaxErrors));
  }
}

}  // namespace iamlite::policy
