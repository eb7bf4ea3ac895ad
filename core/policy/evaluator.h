// The authorization decision: may this principal do this action on this resource?
//
// Evaluate() follows the IAM User Guide, "Policy evaluation logic" ("How AWS enforcement
// code logic evaluates requests", "Policy evaluation for requests within a single account",
// "Cross-account policy evaluation logic"), in this order:
//  1. an explicit Deny in any applicable policy (SCP, RCP, resource-based, identity-based,
//     permissions boundary, session) decides: denied;
//  2. RCPs, then SCPs: every level of the organisation given must have an applicable Allow;
//  3. a trust policy or key policy must itself allow ("IAM role trust policies and KMS key
//     policies are exceptions ... they must explicitly allow access for principals"); a
//     service, identity provider or anonymous caller has no identity-based policies, so only
//     the resource-based policy can allow it;
//  4. within one account, a resource-based policy that allows the principal by its own ARN
//     (user, role session, federated user session) or by "*" allows the request whatever
//     the identity-based policies, boundary and session policies say; one that allows it
//     through its role (for a role session) or its IAM user (for a federated user session)
//     is still limited by the boundary and session policies; one that names the account
//     delegates to the identity-based policies;
//  5. an identity-based Allow is needed (the account's root user has full access);
//  6. a permissions boundary, when set, must allow too;
//  7. a session principal: its session policies, when passed, must allow; a federated user
//     session without one is denied ("Otherwise, the request is implicitly denied");
//  8. across accounts, the resource-based policy must allow as well ("The request is allowed
//     only if both evaluations return a decision of Allow").
// Statements apply when their Action/NotAction, Resource/NotResource, Principal/NotPrincipal
// and every condition match (compiled_policy.h, conditions.h, principal_matcher.h).
//
// Pure: no store, no clock, no I/O; thread-safe on shared inputs. The Decision points into
// `input` and `request`, which must outlive it (Explain() reads them).
#pragma once

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/compiled_policy.h"
#include "core/policy/principal_matcher.h"
#include "core/policy/request_context.h"

namespace iamlite::policy {

// A policy as the request sees it: compiled, with where it comes from.
struct PolicySource {
  // Identifies the policy: a managed policy ARN, or "user alice inline AllowS3" etc.
  std::string id;
  // Where it is attached or what it is: "user", "group", "role" (inline policies of those),
  // "aws-managed", "customer-managed", "inline", "boundary", "session", "resource", "scp",
  // "rcp" (the IAM simulator's SourcePolicyType values are among them).
  std::string type;
  // How explanations name it ("group Accountants policy BillingBucketReadOnly"); empty: id.
  std::string label;
  std::shared_ptr<const CompiledPolicy> policy;

  const std::string& name() const { return label.empty() ? id : label; }
};

enum class ResourcePolicyKind {
  kResourceBased,  // S3 bucket policy, SQS queue policy, ...
  kRoleTrust,      // a role's trust policy, for sts:AssumeRole* with the role as resource
  kKeyPolicy,      // a KMS key policy
};

struct ResourcePolicy {
  PolicySource source;
  std::string owner_account;
  ResourcePolicyKind kind = ResourcePolicyKind::kResourceBased;
};

// One node of the organisation (root, an OU, the account) and the SCPs or RCPs attached to
// it; each node given must allow.
struct GuardrailLevel {
  std::string name;
  std::vector<PolicySource> policies;
};

struct EvaluationInput {
  std::vector<PolicySource> identity;      // user, group and role policies, inline and managed
  std::optional<PolicySource> boundary;    // permissions boundary
  std::vector<PolicySource> session;       // session policies (inline and managed); none: empty
  std::optional<ResourcePolicy> resource;  // resource-based or trust policy
  std::vector<GuardrailLevel> scps;        // service control policies, by level
  std::vector<GuardrailLevel> rcps;        // resource control policies, by level
  bool same_account = true;                // principal and resource in one account
};

enum class PolicyType { kScp, kRcp, kResource, kIdentity, kBoundary, kSession };
inline constexpr std::size_t kPolicyTypeCount = 6;
std::string_view PolicyTypeName(PolicyType type);  // "SCP", "RCP", "resource-based", ...

enum class Verdict { kAllow, kExplicitDeny, kImplicitDeny };
std::string_view VerdictName(
    Verdict v);  // "allowed", "explicitDeny", "implicitDeny" (the simulator's words)

// The rule that decided.
enum class Reason {
  kAllowedByIdentity,    // identity-based allow (within boundary and session policies)
  kAllowedAsRoot,        // the account's root user
  kAllowedByResource,    // same account: the resource-based policy allows the principal
  kAllowedCrossAccount,  // both accounts' evaluations allow
  kExplicitDeny,
  kRcpNoAllow,
  kScpNoAllow,
  kResourceNoAllow,  // a trust/key policy, a cross-account request, or a caller without
                     // identity-based policies, and the resource-based policy does not allow
  kIdentityNoAllow,
  kBoundaryNoAllow,
  kSessionNoAllow,
  kFederatedNoSessionPolicy,
};
std::string_view ReasonName(Reason r);

// What a policy type said about the request.
enum class Outcome { kNotPresent, kNoAllow, kAllows, kDenies };
std::string_view OutcomeName(Outcome o);

// A statement of one of the input's policies.
struct StatementRef {
  PolicyType type = PolicyType::kIdentity;
  const PolicySource* source = nullptr;
  const CompiledStatement* statement = nullptr;
};

// A condition of a statement whose action, resource and principal matched, that failed.
struct ConditionFailure {
  StatementRef where;
  const CompiledCondition* condition = nullptr;
  const ContextEntry* values = nullptr;  // the request's values; null when the key is absent
};

struct Decision {
  Verdict verdict = Verdict::kImplicitDeny;
  Reason reason = Reason::kIdentityNoAllow;
  std::vector<StatementRef> matched;      // every statement that applied, Allow and Deny alike
  std::optional<StatementRef> denied_by;  // the first applicable Deny
  std::array<Outcome, kPolicyTypeCount> outcomes{};       // per PolicyType
  const GuardrailLevel* failed_guardrail = nullptr;       // the SCP/RCP level without an Allow
  PrincipalGrant resource_grant = PrincipalGrant::kNone;  // how the resource policy allowed
  std::vector<ConditionFailure> failed_conditions;
  // Context keys that conditions or variables of matching statements needed and the request
  // lacked, as written in the policy, without duplicates (the simulator's MissingContextValues).
  std::vector<std::string_view> missing_context_keys;

  const EvaluationInput* input = nullptr;
  const RequestContext* request = nullptr;

  bool allowed() const { return verdict == Verdict::kAllow; }
  Outcome outcome(PolicyType t) const { return outcomes[static_cast<std::size_t>(t)]; }
};

Decision Evaluate(const EvaluationInput& input, const RequestContext& request);

// The same decision written into `out`, whose vectors keep their capacity: a caller that
// reuses one Decision per thread evaluates without allocating once the vectors have grown.
void Evaluate(const EvaluationInput& input, const RequestContext& request, Decision& out);

}  // namespace iamlite::policy
