#include "core/policy/explain.h"

#include <algorithm>

#include "core/policy/wildcard.h"

namespace iamlite::policy {
namespace {

constexpr std::size_t kMaxListed = 4;

std::string Quoted(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  out.push_back('"');
  out.append(s);
  out.push_back('"');
  return out;
}

std::string List(const std::vector<std::string>& items, std::string_view last_joiner) {
  std::string out;
  const std::size_t shown = std::min(items.size(), kMaxListed);
  for (std::size_t i = 0; i < shown; ++i) {
    if (i > 0) out += (i + 1 == shown && items.size() <= kMaxListed) ? last_joiner : ", ";
    out += items[i];
  }
  if (items.size() > kMaxListed)
    out += " and " + std::to_string(items.size() - kMaxListed) + " more";
  return out;
}

std::string StatementName(const CompiledStatement& st) {
  if (!st.sid.empty()) return "statement " + st.sid;
  return "statement #" + std::to_string(st.index + 1) + " (line " +
         std::to_string(st.span.start.line) + ")";
}

std::string Where(const StatementRef& ref) {
  return StatementName(*ref.statement) + " of " + ref.source->name();
}

std::string EffectVerb(const CompiledStatement& st) {
  return st.effect == Effect::kAllow ? "allows" : "denies";
}

std::string DescribePrincipal(const Principal& p) {
  switch (p.type) {
    case PrincipalType::kRoot:
      return "the root user of account " + p.account;
    case PrincipalType::kUser:
      return "user " + p.arn;
    case PrincipalType::kAssumedRole:
      return "role session " + p.arn;
    case PrincipalType::kFederatedUser:
      return "federated user " + p.arn;
    case PrincipalType::kFederated:
      return "identity provider " + p.arn;
    case PrincipalType::kService:
      return "service " + p.arn;
    case PrincipalType::kAnonymous:
      return "an anonymous caller";
  }
  return p.arn;
}

std::string Capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Values(std::span<const std::string> values) {
  std::vector<std::string> quoted;
  for (const std::string& v : values) quoted.push_back(Quoted(v));
  if (quoted.size() == 1) return quoted[0];
  std::string out = "[";
  out += List(quoted, ", ");
  out += ']';
  return out;
}

std::string RequestValues(const ContextEntry* entry) {
  if (entry == nullptr || !entry->present()) return "";
  if (entry->value.type == ValueType::kBinary) {
    return std::to_string(entry->value.values.size()) + " binary value(s)";
  }
  return Values(entry->value.values);
}

std::string DescribeCondition(const CompiledCondition& c, const ContextEntry* entry) {
  std::string out = c.op() + " " + c.key() + " " + Values(c.values());
  if (entry == nullptr || !entry->present()) return out + ", and the request has no " + c.key();
  return out + ", and the request has " + c.key() + " = " + RequestValues(entry);
}

// Why one statement did or did not apply to the request, as a phrase after its name.
class StatementCheck {
 public:
  StatementCheck(const Decision& d) : d_(d), request_(*d.request) {
    folded_.reserve(request_.action.size());
    for (char c : request_.action) folded_.push_back(FoldChar(c));
    resource_ = ArnParts::Split(request_.resource);
  }

  std::string Why(const CompiledStatement& st) const {
    const std::string verb = EffectVerb(st);
    if (!st.MatchesAction(folded_)) {
      if (st.not_action)
        return verb + " every action except " + Actions(st) + ", so not " + request_.action;
      return verb + " " + Actions(st) + ", not " + request_.action;
    }
    if (!st.MatchesResource(resource_, request_.context)) {
      if (st.not_resource)
        return verb + " " + request_.action + " on every resource except " + Resources(st) +
               ", so not on " + request_.resource;
      return verb + " " + request_.action + " only on " + Resources(st) + ", not on " +
             request_.resource;
    }
    if (st.principal && !Covers(st))
      return "names other principals than " + DescribePrincipal(request_.principal);
    std::vector<std::string> failed;
    for (const CompiledCondition& c : st.conditions) {
      if (!c.Evaluate(request_.context).passed)
        failed.push_back(DescribeCondition(c, request_.context.FindFolded(c.folded_key())));
    }
    if (!failed.empty())
      return verb + " " + request_.action + " only when " + List(failed, "; and when ");
    return verb + " " + request_.action + " on " + request_.resource;
  }

 private:
  bool Covers(const CompiledStatement& st) const {
    if (st.not_principal) {
      return (st.effect == Effect::kDeny && d_.input->boundary) ||
             !st.principal->NamesEveryIdentity(request_.principal);
    }
    return st.principal->Match(request_.principal) != PrincipalGrant::kNone;
  }

  static std::string Actions(const CompiledStatement& st) {
    std::vector<std::string> items;
    for (const ActionPattern& a : st.actions) items.push_back(a.text());
    return List(items, " and ");
  }

  std::string Resources(const CompiledStatement& st) const {
    std::vector<std::string> items;
    for (const ArnPattern& r : st.resources) {
      if (!r.has_variables()) {
        items.push_back(r.text());
        continue;
      }
      auto resolved = r.Substitute(request_.context);
      items.push_back(resolved
                          ? r.text() + " (here " + *resolved + ")"
                          : r.text() + " (whose variable has no value, so it matches nothing)");
    }
    return List(items, " and ");
  }

  const Decision& d_;
  const RequestContext& request_;
  std::string folded_;
  ArnParts resource_;
};

// "Checked: P1 (statement A allows ..., statement B ...); P2 (...)." over Allow statements.
std::string Checked(const StatementCheck& check, const std::vector<const PolicySource*>& sources) {
  std::vector<std::string> parts;
  for (const PolicySource* source : sources) {
    if (!source->policy) continue;
    std::vector<std::string> why;
    for (const CompiledStatement& st : source->policy->statements) {
      if (st.effect == Effect::kAllow) why.push_back(StatementName(st) + " " + check.Why(st));
    }
    if (why.empty()) why.push_back("it has no Allow statement");
    std::string joined;
    for (std::size_t i = 0; i < why.size(); ++i) joined += (i ? "; " : "") + why[i];
    parts.push_back(source->name() + " (" + joined + ")");
  }
  if (parts.empty()) return "";
  std::string out = " Checked: ";
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? "; " : "") + parts[i];
  return out + ".";
}

std::vector<const PolicySource*> Sources(const std::vector<PolicySource>& v) {
  std::vector<const PolicySource*> out;
  for (const PolicySource& p : v) out.push_back(&p);
  return out;
}

const StatementRef* FirstMatched(const Decision& d, PolicyType type) {
  for (const StatementRef& r : d.matched)
    if (r.type == type && r.statement->effect == Effect::kAllow) return &r;
  return nullptr;
}

std::string ActionOn(const RequestContext& r) { return r.action + " on " + r.resource; }

std::string StatementOr(const StatementRef* s, const char* otherwise) {
  return s ? Where(*s) : std::string(otherwise);
}

bool HasNoIdentityPolicies(const Principal& p) {
  return p.type == PrincipalType::kService || p.type == PrincipalType::kAnonymous ||
         p.type == PrincipalType::kFederated;
}

std::string AllowedByResource(const Decision& d) {
  const RequestContext& r = *d.request;
  std::string out =
      "Allowed: " +
      StatementOr(FirstMatched(d, PolicyType::kResource), "the resource-based policy") +
      " allows " + DescribePrincipal(r.principal) + " to do " + ActionOn(r) + ".";
  if (HasNoIdentityPolicies(r.principal)) {
    return out +
           " This caller has no identity-based policies; the resource-based policy is what "
           "allows it.";
  }
  if (d.resource_grant == PrincipalGrant::kParent) {
    return out +
           " It names the role this session was assumed from (or the IAM user behind this "
           "federated session); within one account such a grant needs no identity-based "
           "allow, but a permissions boundary or session policy could still limit it.";
  }
  return out +
         " Within one account, a resource-based policy that names the principal itself (or "
         "\"*\") is enough on its own, whatever the identity-based policies, boundary and "
         "session policies say.";
}

std::string AllowedCrossAccount(const Decision& d) {
  const RequestContext& r = *d.request;
  const EvaluationInput& in = *d.input;
  return "Allowed: " +
         StatementOr(FirstMatched(d, PolicyType::kIdentity), "an identity-based policy") +
         " allows " + ActionOn(r) + ", and " +
         StatementOr(FirstMatched(d, PolicyType::kResource), "the resource-based policy") +
         " of account " + (in.resource ? in.resource->owner_account : std::string("?")) +
         " allows " + DescribePrincipal(r.principal) + "; a cross-account request needs both.";
}

// What else had to allow, and did.
std::string AlsoAllowed(const Decision& d) {
  const EvaluationInput& in = *d.input;
  const bool limited =
      d.reason != Reason::kAllowedAsRoot && d.resource_grant != PrincipalGrant::kDirect;
  std::string out;
  if (in.boundary && limited)
    out += " The permissions boundary " + in.boundary->name() + " allows it too.";
  if (!in.session.empty() && limited) out += " The session policies allow it too.";
  if (!in.scps.empty()) out += " Every SCP level allows it.";
  if (!in.rcps.empty()) out += " Every RCP level allows it.";
  return out;
}

std::string AllowedSentence(const Decision& d) {
  const RequestContext& r = *d.request;
  std::string out;
  switch (d.reason) {
    case Reason::kAllowedAsRoot:
      out = "Allowed: " + DescribePrincipal(r.principal) +
            " has full access to its account; no policy denies " + ActionOn(r) + ".";
      break;
    case Reason::kAllowedByResource:
      out = AllowedByResource(d);
      break;
    case Reason::kAllowedCrossAccount:
      out = AllowedCrossAccount(d);
      break;
    default:
      out = "Allowed: " +
            StatementOr(FirstMatched(d, PolicyType::kIdentity), "an identity-based policy") +
            " allows " + ActionOn(r) + ".";
      break;
  }
  return out + AlsoAllowed(d);
}

std::string GuardrailDenied(const Decision& d, const StatementCheck& check) {
  const bool scp = d.reason == Reason::kScpNoAllow;
  const GuardrailLevel* level = d.failed_guardrail;
  std::string out = "Denied: no ";
  out += scp ? "service control policy (SCP)" : "resource control policy (RCP)";
  if (level && !level->name.empty()) out += " attached to " + level->name;
  out += " allows " + ActionOn(*d.request) + ". ";
  out += scp ? "SCPs" : "RCPs";
  out +=
      " set the maximum permissions in an organisation: every level must allow, whatever the "
      "account's own policies say.";
  if (level) out += Checked(check, Sources(level->policies));
  return out;
}

std::string ResourceDenied(const Decision& d, const StatementCheck& check) {
  const RequestContext& r = *d.request;
  const EvaluationInput& in = *d.input;
  const std::string who = DescribePrincipal(r.principal);
  if (!in.resource && !in.same_account) {
    return "Denied: the resource is in another account and has no resource-based policy; a "
           "cross-account request needs the resource's account to allow " +
           who + ".";
  }
  if (!in.resource) {
    return "Denied: " + who +
           " has no identity-based policies and the resource has no "
           "resource-based policy to allow " +
           ActionOn(r) + ".";
  }
  std::string out = "Denied: " + in.resource->source.name() + " does not allow " + who + " to do " +
                    ActionOn(r) + ".";
  if (in.resource->kind == ResourcePolicyKind::kRoleTrust) {
    out +=
        " A role's trust policy must allow the principal explicitly, whatever its "
        "identity-based policies say.";
  } else if (in.resource->kind == ResourcePolicyKind::kKeyPolicy) {
    out += " A key policy must allow the principal explicitly.";
  } else if (!in.same_account) {
    out += " The resource is in account " + in.resource->owner_account +
           ": a cross-account request needs both an identity-based allow and the resource-based "
           "policy's allow.";
  } else {
    out +=
        " This caller has no identity-based policies, so only the resource-based policy can "
        "allow it.";
  }
  return out + Checked(check, {&in.resource->source});
}

std::string IdentityDenied(const Decision& d, const StatementCheck& check) {
  const RequestContext& r = *d.request;
  const EvaluationInput& in = *d.input;
  std::string out = "Denied: no identity-based policy allows " + ActionOn(r) + ".";
  if (in.identity.empty()) {
    out += " " + Capitalized(DescribePrincipal(r.principal)) + " has no identity-based policies.";
  }
  if (in.resource && in.same_account && d.resource_grant == PrincipalGrant::kAccount) {
    out +=
        " The resource-based policy names the account, which delegates the decision to the "
        "account's identity-based policies.";
  } else if (in.resource && d.outcome(PolicyType::kResource) == Outcome::kNoAllow) {
    out += " The resource-based policy does not allow it either.";
  }
  return out + Checked(check, Sources(in.identity));
}

std::string BoundaryDenied(const Decision& d, const StatementCheck& check) {
  const EvaluationInput& in = *d.input;
  std::string out = "Denied: the permissions boundary " + in.boundary->name() + " does not allow " +
                    ActionOn(*d.request) + ". A boundary sets the maximum permissions: ";
  if (d.resource_grant == PrincipalGrant::kParent) {
    out +=
        "the resource-based policy allows the role (or IAM user) behind this session, but such "
        "a grant is still limited by the boundary.";
  } else if (const StatementRef* id = FirstMatched(d, PolicyType::kIdentity)) {
    out += Where(*id) + " allows it, but the boundary must allow it too.";
  } else {
    out += "identity-based policies and the boundary must both allow it.";
  }
  return out + Checked(check, {&*in.boundary});
}

std::string DeniedSentence(const Decision& d, const StatementCheck& check) {
  const RequestContext& r = *d.request;
  switch (d.reason) {
    case Reason::kExplicitDeny:
      return "Denied explicitly: " + Where(*d.denied_by) + " (" +
             std::string(PolicyTypeName(d.denied_by->type)) + ") denies " + ActionOn(r) +
             ". An explicit Deny overrides every Allow.";
    case Reason::kRcpNoAllow:
    case Reason::kScpNoAllow:
      return GuardrailDenied(d, check);
    case Reason::kResourceNoAllow:
      return ResourceDenied(d, check);
    case Reason::kIdentityNoAllow:
      return IdentityDenied(d, check);
    case Reason::kBoundaryNoAllow:
      return BoundaryDenied(d, check);
    case Reason::kSessionNoAllow:
      return "Denied: the session policies passed when the session was created do not allow " +
             ActionOn(r) +
             ". A session's permissions are the intersection of its identity-based policies and "
             "its session policies." +
             Checked(check, Sources(d.input->session));
    case Reason::kFederatedNoSessionPolicy:
      return "Denied: " + DescribePrincipal(r.principal) +
             " is a federated user session created without a session policy, so no "
             "identity-based permissions reach it; only a resource-based policy that names the "
             "session could allow " +
             ActionOn(r) + ".";
    default:
      return "Denied.";
  }
}

std::string ConditionLines(const Decision& d) {
  std::string out;
  for (const ConditionFailure& f : d.failed_conditions) {
    out += "\n  Condition failed in " + Where(f.where) + ": " +
           DescribeCondition(*f.condition, f.values) + ".";
  }
  if (!d.missing_context_keys.empty()) {
    std::string keys;
    for (std::size_t i = 0; i < d.missing_context_keys.size(); ++i)
      keys += (i ? ", " : "") + std::string(d.missing_context_keys[i]);
    out += "\n  Context keys the policies use that the request does not have: " + keys + ".";
  }
  return out;
}

}  // namespace

std::string Explain(const Decision& d) {
  if (d.request == nullptr || d.input == nullptr) return "No decision.";
  const StatementCheck check(d);
  std::string out = d.allowed() ? AllowedSentence(d) : DeniedSentence(d, check);
  return out + ConditionLines(d);
}

}  // namespace iamlite::policy
