#include "core/policy/evaluator.h"

#include <algorithm>
#include <array>

#include "core/policy/wildcard.h"

namespace iamlite::policy {
namespace {

// What scanning a group of policies found.
struct SetScan {
  bool allow = false;
  bool deny = false;
  PrincipalGrant grant = PrincipalGrant::kNone;  // the strongest grant of an applicable Allow
};

Outcome OutcomeOf(bool present, const SetScan& s) {
  if (!present) return Outcome::kNotPresent;
  if (s.deny) return Outcome::kDenies;
  return s.allow ? Outcome::kAllows : Outcome::kNoAllow;
}

// Checks statements against one request and records what applied into the Decision.
class Scanner {
 public:
  Scanner(const EvaluationInput& input, const RequestContext& request, std::string_view action,
          Decision& decision)
      : input_(input),
        request_(request),
        folded_action_(action),
        service_(ServiceOf(action)),
        resource_(ArnParts::Split(request.resource)),
        decision_(decision) {}

  void Scan(PolicyType type, const PolicySource& source, SetScan& scan) {
    if (!source.policy) return;
    source.policy->ForEachCandidate(service_, [&](const CompiledStatement& st) {
      Check(StatementRef{type, &source, &st}, scan);
    });
  }

 private:
  // Whether the statement's Principal/NotPrincipal covers the request's principal, and how.
  PrincipalGrant PrincipalOf(const StatementRef& ref) const {
    const CompiledStatement& st = *ref.statement;
    if (!st.principal) return PrincipalGrant::kDirect;
    const Principal& p = request_.principal;
    if (!st.not_principal) return st.principal->Match(p);
    // "The NotPrincipal element with a Deny effect will always deny any IAM principal that
    // has a permissions boundary policy attached, regardless of the values specified in the
    // NotPrincipal element." (IAM User Guide, permissions boundaries)
    if (st.effect == Effect::kDeny && input_.boundary) return PrincipalGrant::kDirect;
    return st.principal->NamesEveryIdentity(p) ? PrincipalGrant::kNone : PrincipalGrant::kDirect;
  }

  void Check(const StatementRef& ref, SetScan& scan) {
    const CompiledStatement& st = *ref.statement;
    const ContextKeys& context = request_.context;
    if (!st.MatchesAction(folded_action_)) return;
    if (!st.MatchesResource(resource_, context)) {
      if (st.resource_variables) {
        for (const ArnPattern& r : st.resources)
          r.AppendUnresolved(context, decision_.missing_context_keys);
      }
      return;
    }
    const PrincipalGrant grant = PrincipalOf(ref);
    if (grant == PrincipalGrant::kNone) return;
    bool passed = true;
    for (const CompiledCondition& c : st.conditions) {
      const CompiledCondition::Outcome o = c.Evaluate(context);
      if (o.key_missing) decision_.missing_context_keys.push_back(c.key());
      if (c.has_variables()) c.AppendUnresolved(context, decision_.missing_context_keys);
      if (!o.passed) {
        passed = false;
        decision_.failed_conditions.push_back({ref, &c, context.FindFolded(c.folded_key())});
      }
    }
    if (!passed) return;
    decision_.matched.push_back(ref);
    if (st.effect == Effect::kDeny) {
      scan.deny = true;
      if (!decision_.denied_by) decision_.denied_by = ref;
    } else {
      scan.allow = true;
      scan.grant = std::max(scan.grant, grant);
    }
  }

  const EvaluationInput& input_;
  const RequestContext& request_;
  std::string_view folded_action_;
  std::string_view service_;
  ArnParts resource_;
  Decision& decision_;
};

// Every level must allow; the first that does not is reported.
SetScan ScanGuardrails(Scanner& scanner, PolicyType type, const std::vector<GuardrailLevel>& levels,
                       const GuardrailLevel*& failed) {
  SetScan all;
  all.allow = true;
  for (const GuardrailLevel& level : levels) {
    SetScan one;
    for (const PolicySource& p : level.policies) scanner.Scan(type, p, one);
    all.deny = all.deny || one.deny;
    if (!one.allow) {
      all.allow = false;
      if (failed == nullptr) failed = &level;
    }
  }
  return all;
}

void RemoveDuplicateKeys(std::vector<std::string_view>& keys) {
  std::vector<std::string_view>::iterator end = keys.begin();
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    const bool seen =
        std::any_of(keys.begin(), end, [&](std::string_view k) { return EqualsNoCase(k, *it); });
    if (!seen) *end++ = *it;
  }
  keys.erase(end, keys.end());
}

Decision Finish(Decision& d, Verdict verdict, Reason reason) {
  d.verdict = verdict;
  d.reason = reason;
  RemoveDuplicateKeys(d.missing_context_keys);
  return std::move(d);
}

bool HasIdentityPolicies(const Principal& p) {
  return p.type != PrincipalType::kService && p.type != PrincipalType::kFederated &&
         p.type != PrincipalType::kAnonymous;
}

}  // namespace

std::string_view PolicyTypeName(PolicyType type) {
  static constexpr std::array<std::string_view, kPolicyTypeCount> kNames = {"SCP",
                                                                            "RCP",
                                                                            "resource-based policy",
                                                                            "identity-based policy",
                                                                            "permissions boundary",
                                                                            "session policy"};
  return kNames[static_cast<std::size_t>(type)];
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kAllow:
      return "allowed";
    case Verdict::kExplicitDeny:
      return "explicitDeny";
    case Verdict::kImplicitDeny:
      return "implicitDeny";
  }
  return "?";
}

std::string_view ReasonName(Reason r) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "AllowedByIdentity", "AllowedAsRoot",   "AllowedByResource", "AllowedCrossAccount",
      "ExplicitDeny",      "RcpNoAllow",      "ScpNoAllow",        "ResourceNoAllow",
      "IdentityNoAllow",   "BoundaryNoAllow", "SessionNoAllow",    "FederatedNoSessionPolicy"};
  return kNames[static_cast<std::size_t>(r)];
}

std::string_view OutcomeName(Outcome o) {
  static constexpr std::array<std::string_view, 4> kNames = {"not present", "no allow", "allows",
                                                             "denies"};
  return kNames[static_cast<std::size_t>(o)];
}

Decision Evaluate(const EvaluationInput& input, const RequestContext& request) {
  Decision d;
  d.input = &input;
  d.request = &request;

  // Actions compare without regard to case: fold once, on the stack when it fits.
  std::array<char, 128> buffer;
  std::string heap;
  std::string_view action;
  if (request.action.size() <= buffer.size()) {
    for (std::size_t i = 0; i < request.action.size(); ++i) buffer[i] = FoldChar(request.action[i]);
    action = std::string_view(buffer.data(), request.action.size());
  } else {
    heap = request.action;
    for (char& c : heap) c = FoldChar(c);
    action = heap;
  }

  Scanner scanner(input, request, action, d);
  const GuardrailLevel* failed_scp = nullptr;
  const GuardrailLevel* failed_rcp = nullptr;
  const SetScan scp = ScanGuardrails(scanner, PolicyType::kScp, input.scps, failed_scp);
  const SetScan rcp = ScanGuardrails(scanner, PolicyType::kRcp, input.rcps, failed_rcp);
  SetScan resource, identity, boundary, session;
  if (input.resource) scanner.Scan(PolicyType::kResource, input.resource->source, resource);
  for (const PolicySource& p : input.identity) scanner.Scan(PolicyType::kIdentity, p, identity);
  if (input.boundary) scanner.Scan(PolicyType::kBoundary, *input.boundary, boundary);
  for (const PolicySource& p : input.session) scanner.Scan(PolicyType::kSession, p, session);

  auto at = [&](PolicyType t) -> Outcome& { return d.outcomes[static_cast<std::size_t>(t)]; };
  at(PolicyType::kScp) = OutcomeOf(!input.scps.empty(), scp);
  at(PolicyType::kRcp) = OutcomeOf(!input.rcps.empty(), rcp);
  at(PolicyType::kResource) = OutcomeOf(input.resource.has_value(), resource);
  at(PolicyType::kIdentity) = OutcomeOf(!input.identity.empty(), identity);
  at(PolicyType::kBoundary) = OutcomeOf(input.boundary.has_value(), boundary);
  at(PolicyType::kSession) = OutcomeOf(!input.session.empty(), session);
  d.resource_grant = resource.allow ? resource.grant : PrincipalGrant::kNone;

  // 1. Explicit deny anywhere.
  if (scp.deny || rcp.deny || resource.deny || identity.deny || boundary.deny || session.deny)
    return Finish(d, Verdict::kExplicitDeny, Reason::kExplicitDeny);
  // 2. Organisation guardrails.
  if (!rcp.allow) {
    d.failed_guardrail = failed_rcp;
    return Finish(d, Verdict::kImplicitDeny, Reason::kRcpNoAllow);
  }
  if (!scp.allow) {
    d.failed_guardrail = failed_scp;
    return Finish(d, Verdict::kImplicitDeny, Reason::kScpNoAllow);
  }
  const Principal& p = request.principal;
  const bool must_allow =
      input.resource && input.resource->kind != ResourcePolicyKind::kResourceBased;
  // 3. Policies that must allow on their own, and callers without identity-based policies.
  if ((must_allow || !HasIdentityPolicies(p)) && !resource.allow)
    return Finish(d, Verdict::kImplicitDeny, Reason::kResourceNoAllow);
  if (!HasIdentityPolicies(p)) return Finish(d, Verdict::kAllow, Reason::kAllowedByResource);
  const bool boundary_blocks = input.boundary && !boundary.allow;
  const bool session_blocks = !input.session.empty() && !session.allow;
  // 4. Same account: a resource-based policy can allow on its own.
  if (input.same_account && resource.allow) {
    if (resource.grant == PrincipalGrant::kDirect)
      return Finish(d, Verdict::kAllow, Reason::kAllowedByResource);
    if (resource.grant == PrincipalGrant::kParent) {
      if (boundary_blocks) return Finish(d, Verdict::kImplicitDeny, Reason::kBoundaryNoAllow);
      if (session_blocks) return Finish(d, Verdict::kImplicitDeny, Reason::kSessionNoAllow);
      return Finish(d, Verdict::kAllow, Reason::kAllowedByResource);
    }
  }
  // 5-7. Identity-based policies, within the boundary and the session policies.
  const bool root = p.type == PrincipalType::kRoot;
  if (!root && !identity.allow) return Finish(d, Verdict::kImplicitDeny, Reason::kIdentityNoAllow);
  if (boundary_blocks) return Finish(d, Verdict::kImplicitDeny, Reason::kBoundaryNoAllow);
  if (p.is_session()) {
    if (session_blocks) return Finish(d, Verdict::kImplicitDeny, Reason::kSessionNoAllow);
    if (input.session.empty() && p.type == PrincipalType::kFederatedUser)
      return Finish(d, Verdict::kImplicitDeny, Reason::kFederatedNoSessionPolicy);
  }
  // 8. Across accounts the resource's account must allow too.
  if (!input.same_account) {
    if (!resource.allow) return Finish(d, Verdict::kImplicitDeny, Reason::kResourceNoAllow);
    return Finish(d, Verdict::kAllow, Reason::kAllowedCrossAccount);
  }
  return Finish(d, Verdict::kAllow, root ? Reason::kAllowedAsRoot : Reason::kAllowedByIdentity);
}

}  // namespace iamlite::policy
