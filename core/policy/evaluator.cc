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
    if (!st.MatchesResource(resource_, context, &decision_.missing_context_keys)) return;
    const PrincipalGrant grant = PrincipalOf(ref);
    if (grant == PrincipalGrant::kNone) return;
    bool passed = true;
    for (const CompiledCondition& c : st.conditions) {
      const CompiledCondition::Outcome o = c.Evaluate(context, &decision_.missing_context_keys);
      if (o.key_missing) decision_.missing_context_keys.push_back(c.key());
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
  if (keys.size() < 2) return;
  std::vector<std::string_view>::iterator end = keys.begin();
  for (auto it = keys.begin(); it != keys.end(); ++it) {
    const bool seen = std::any_of(keys.begin(), end, [&](std::string_view k) {
      return k.size() == it->size() && (k == *it || EqualsNoCase(k, *it));
    });
    if (!seen) *end++ = *it;
  }
  keys.erase(end, keys.end());
}

bool HasIdentityPolicies(const Principal& p) {
  return p.type != PrincipalType::kService && p.type != PrincipalType::kFederated &&
         p.type != PrincipalType::kAnonymous;
}

// The request's action folded to lower case once, on the stack when it fits.
class FoldedAction {
 public:
  explicit FoldedAction(std::string_view action) {
    if (action.size() <= buffer_.size()) {
      for (std::size_t i = 0; i < action.size(); ++i) buffer_[i] = FoldChar(action[i]);
      view_ = std::string_view(buffer_.data(), action.size());
    } else {
      heap_ = std::string(action);
      for (char& c : heap_) c = FoldChar(c);
      view_ = heap_;
    }
  }
  FoldedAction(const FoldedAction&) = delete;
  FoldedAction& operator=(const FoldedAction&) = delete;
  std::string_view view() const { return view_; }

 private:
  std::array<char, 128> buffer_;
  std::string heap_;
  std::string_view view_;
};

// What every policy type said, and which organisation level failed to allow.
struct Scans {
  SetScan scp, rcp, resource, identity, boundary, session;
  const GuardrailLevel* failed_scp = nullptr;
  const GuardrailLevel* failed_rcp = nullptr;
};

Scans ScanAll(const EvaluationInput& input, const RequestContext& request, std::string_view action,
              Decision& d) {
  Scanner scanner(input, request, action, d);
  Scans s;
  s.scp = ScanGuardrails(scanner, PolicyType::kScp, input.scps, s.failed_scp);
  s.rcp = ScanGuardrails(scanner, PolicyType::kRcp, input.rcps, s.failed_rcp);
  if (input.resource) scanner.Scan(PolicyType::kResource, input.resource->source, s.resource);
  for (const PolicySource& p : input.identity) scanner.Scan(PolicyType::kIdentity, p, s.identity);
  if (input.boundary) scanner.Scan(PolicyType::kBoundary, *input.boundary, s.boundary);
  for (const PolicySource& p : input.session) scanner.Scan(PolicyType::kSession, p, s.session);
  return s;
}

void RecordOutcomes(const EvaluationInput& input, const Scans& s, Decision& d) {
  auto at = [&](PolicyType t) -> Outcome& { return d.outcomes[static_cast<std::size_t>(t)]; };
  at(PolicyType::kScp) = OutcomeOf(!input.scps.empty(), s.scp);
  at(PolicyType::kRcp) = OutcomeOf(!input.rcps.empty(), s.rcp);
  at(PolicyType::kResource) = OutcomeOf(input.resource.has_value(), s.resource);
  at(PolicyType::kIdentity) = OutcomeOf(!input.identity.empty(), s.identity);
  at(PolicyType::kBoundary) = OutcomeOf(input.boundary.has_value(), s.boundary);
  at(PolicyType::kSession) = OutcomeOf(!input.session.empty(), s.session);
  d.resource_grant = s.resource.allow ? s.resource.grant : PrincipalGrant::kNone;
}

using Ruling = std::pair<Verdict, Reason>;

// Steps 4-8 of evaluator.h for a principal with identity-based policies.
Ruling DecideForIdentity(const EvaluationInput& input, const Principal& p, const Scans& s) {
  const bool boundary_blocks = input.boundary && !s.boundary.allow;
  const bool session_blocks = !input.session.empty() && !s.session.allow;
  // 4. Same account: a resource-based policy can allow on its own.
  if (input.same_account && s.resource.allow) {
    if (s.resource.grant == PrincipalGrant::kDirect)
      return {Verdict::kAllow, Reason::kAllowedByResource};
    if (s.resource.grant == PrincipalGrant::kParent) {
      if (boundary_blocks) return {Verdict::kImplicitDeny, Reason::kBoundaryNoAllow};
      if (session_blocks) return {Verdict::kImplicitDeny, Reason::kSessionNoAllow};
      return {Verdict::kAllow, Reason::kAllowedByResource};
    }
  }
  // 5-7. Identity-based policies, within the boundary and the session policies.
  const bool root = p.type == PrincipalType::kRoot;
  if (!root && !s.identity.allow) return {Verdict::kImplicitDeny, Reason::kIdentityNoAllow};
  if (boundary_blocks) return {Verdict::kImplicitDeny, Reason::kBoundaryNoAllow};
  if (p.is_session()) {
    if (session_blocks) return {Verdict::kImplicitDeny, Reason::kSessionNoAllow};
    if (input.session.empty() && p.type == PrincipalType::kFederatedUser)
      return {Verdict::kImplicitDeny, Reason::kFederatedNoSessionPolicy};
  }
  // 8. Across accounts the resource's account must allow too.
  if (!input.same_account) {
    if (!s.resource.allow) return {Verdict::kImplicitDeny, Reason::kResourceNoAllow};
    return {Verdict::kAllow, Reason::kAllowedCrossAccount};
  }
  return {Verdict::kAllow, root ? Reason::kAllowedAsRoot : Reason::kAllowedByIdentity};
}

// The flow of evaluator.h; sets the decision's failed guardrail level.
Ruling Decide(const EvaluationInput& input, const Principal& p, const Scans& s, Decision& d) {
  // 1. Explicit deny anywhere.
  if (s.scp.deny || s.rcp.deny || s.resource.deny || s.identity.deny || s.boundary.deny ||
      s.session.deny)
    return {Verdict::kExplicitDeny, Reason::kExplicitDeny};
  // 2. Organisation guardrails, RCPs first.
  if (!s.rcp.allow) {
    d.failed_guardrail = s.failed_rcp;
    return {Verdict::kImplicitDeny, Reason::kRcpNoAllow};
  }
  if (!s.scp.allow) {
    d.failed_guardrail = s.failed_scp;
    return {Verdict::kImplicitDeny, Reason::kScpNoAllow};
  }
  // 3. Policies that must allow on their own, and callers without identity-based policies.
  const bool must_allow =
      input.resource && input.resource->kind != ResourcePolicyKind::kResourceBased;
  if ((must_allow || !HasIdentityPolicies(p)) && !s.resource.allow)
    return {Verdict::kImplicitDeny, Reason::kResourceNoAllow};
  if (!HasIdentityPolicies(p)) return {Verdict::kAllow, Reason::kAllowedByResource};
  return DecideForIdentity(input, p, s);
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
  Evaluate(input, request, d);
  return d;
}

void Evaluate(const EvaluationInput& input, const RequestContext& request, Decision& d) {
  d.matched.clear();
  d.denied_by.reset();
  d.outcomes = {};
  d.failed_guardrail = nullptr;
  d.resource_grant = PrincipalGrant::kNone;
  d.failed_conditions.clear();
  d.missing_context_keys.clear();
  d.input = &input;
  d.request = &request;
  const FoldedAction action(request.action);
  const Scans scans = ScanAll(input, request, action.view(), d);
  RecordOutcomes(input, scans, d);
  const auto [verdict, reason] = Decide(input, request.principal, scans, d);
  d.verdict = verdict;
  d.reason = reason;
  RemoveDuplicateKeys(d.missing_context_keys);
}

}  // namespace iamlite::policy
