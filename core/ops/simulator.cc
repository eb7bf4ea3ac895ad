#include "core/ops/simulator.h"

#include <string_view>

#include "core/base64.h"
#include "core/ops/effective_policies.h"
#include "core/ops/effective_policies_cache.h"
#include "core/policy/compiled_policy.h"
#include "core/policy/evaluator.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"

namespace iamlite::ops {
namespace {

using policy::PolicySource;

std::string FoldKey(std::string_view key) {
  std::string out(key);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// AWS's simulator names an input policy after its list and 1-based place.
PolicySource Source(std::string id, std::string type, std::string label, const policy::Policy& p) {
  return {std::move(id), std::move(type), std::move(label), policy::CompileShared(p)};
}
// A stored policy of the principal: compiled once, then shared (policy::CompileCached).
PolicySource Source(const EffectivePolicy& p) {
  return {p.id, p.type, p.label, policy::CompileCached(p.parsed)};
}

Result<std::shared_ptr<const policy::Policy>> ParseInput(const std::string& text,
                                                         policy::PolicyKind kind) {
  auto parsed = policy::ParsePolicy(text, kind);
  if (!parsed) return std::unexpected(errors::InvalidInput(parsed.error().message));
  return *parsed;
}

// ContextKeyType -> the evaluator's value type; list types are multivalued.
Result<policy::ContextValue> ContextValueOf(const SimContextEntry& e) {
  policy::ContextValue v;
  std::string_view type = e.type;
  if (type.ends_with("List")) {
    v.multivalued = true;
    type.remove_suffix(4);
  }
  if (type == "string" || type.empty()) {
    v.type = policy::ValueType::kString;
  } else if (type == "numeric") {
    v.type = policy::ValueType::kNumber;
  } else if (type == "boolean") {
    v.type = policy::ValueType::kBool;
  } else if (type == "ip") {
    v.type = policy::ValueType::kIp;
  } else if (type == "date") {
    v.type = policy::ValueType::kDate;
  } else if (type == "binary") {
    v.type = policy::ValueType::kBinary;
  } else {
    return std::unexpected(errors::InvalidInput("Invalid context key type " + e.type + "."));
  }
  for (const auto& value : e.values) {
    if (v.type == policy::ValueType::kBinary) {
      auto raw = Base64Decode(value);
      v.values.push_back(raw ? *raw : value);
    } else {
      v.values.push_back(value);
    }
  }
  return v;
}

// The account of an ARN ("arn:aws:iam::111122223333:root" -> "111122223333"); empty when none.
std::string AccountOf(std::string_view arn) {
  for (int i = 0; i < 4; ++i) {
    auto colon = arn.find(':');
    if (colon == std::string_view::npos) return "";
    arn.remove_prefix(colon + 1);
  }
  return std::string(arn.substr(0, arn.find(':')));
}

std::vector<SimStatement> Matched(const policy::Decision& d) {
  std::vector<SimStatement> out;
  if (d.verdict == policy::Verdict::kImplicitDeny) return out;
  const auto effect =
      d.verdict == policy::Verdict::kAllow ? policy::Effect::kAllow : policy::Effect::kDeny;
  for (const auto& ref : d.matched) {
    if (ref.statement->effect != effect) continue;
    out.push_back(
        {ref.source->id, ref.source->type, ref.statement->span.start, ref.statement->span.end});
  }
  return out;
}

// The request's principal and context are built once; Run sets the action and resource of
// each pair in place (a RequestContext holds them by value: copying it per pair copied
// every context entry).
struct Prepared {
  policy::EvaluationInput input;
  policy::RequestContext request;
};

Result<void> Prepare(const SimulationInput& in, const std::string& account,
                     const EffectivePolicies* principal, Prepared& out) {
  if (principal) {
    for (const auto& p : principal->identity) out.input.identity.push_back(Source(p));
    if (principal->boundary) out.input.boundary = Source(*principal->boundary);
    out.request.principal = principal->principal;
    out.request.context = principal->context;
  } else {
    out.request.principal.type = policy::PrincipalType::kUser;
    out.request.principal.account = account;
  }
  if (in.caller_arn) {
    out.request.principal.arn = *in.caller_arn;
    if (auto a = AccountOf(*in.caller_arn); !a.empty()) out.request.principal.account = a;
  }
  for (std::size_t i = 0; i < in.policy_inputs.size(); ++i) {
    auto p = ParseInput(in.policy_inputs[i], policy::PolicyKind::kInlineIdentity);
    if (!p) return std::unexpected(p.error());
    const std::string id = "PolicyInputList." + std::to_string(i + 1);
    out.input.identity.push_back(Source(id, kIamPolicySourceType, "input policy " + id, **p));
  }
  // PermissionsBoundaryPolicyInputList replaces the principal's boundary; AWS allows one.
  for (std::size_t i = 0; i < in.boundary_inputs.size(); ++i) {
    auto p = ParseInput(in.boundary_inputs[i], policy::PolicyKind::kInlineIdentity);
    if (!p) return std::unexpected(p.error());
    const std::string id = "PermissionsBoundaryPolicyInputList." + std::to_string(i + 1);
    out.input.boundary = Source(id, kIamPolicySourceType, "permissions boundary " + id, **p);
  }
  if (in.resource_policy) {
    auto p = ParseInput(*in.resource_policy, policy::PolicyKind::kResource);
    if (!p) return std::unexpected(p.error());
    policy::ResourcePolicy rp;
    // SourcePolicyType "resource" (the model's PolicySourceType enum); unconfirmed.
    rp.source = Source("ResourcePolicy", "resource", "resource policy", **p);
    rp.owner_account = in.resource_owner ? AccountOf(*in.resource_owner) : "";
    if (rp.owner_account.empty()) rp.owner_account = account;
    out.input.same_account = rp.owner_account == out.request.principal.account;
    out.input.resource = std::move(rp);
  }
  for (const auto& e : in.context) {
    auto v = ContextValueOf(e);
    if (!v) return std::unexpected(v.error());
    out.request.context.Set(e.name, std::move(*v));
  }
  return {};
}

std::vector<SimEvaluation> Run(const SimulationInput& in, Prepared& prep) {
  static const std::vector<std::string> kAnyResource{"*"};
  const auto& resources = in.resources.empty() ? kAnyResource : in.resources;
  std::vector<SimEvaluation> out;
  out.reserve(in.actions.size() * resources.size());
  policy::RequestContext& req = prep.request;
  for (const auto& action : in.actions) {
    for (const auto& resource : resources) {
      req.action = action;
      req.resource = resource;
      policy::Decision d = policy::Evaluate(prep.input, req);
      SimEvaluation e;
      e.action = action;
      e.resource = resource;
      e.decision = std::string(policy::VerdictName(d.verdict));
      e.matched = Matched(d);
      for (auto key : d.missing_context_keys) e.missing_context.emplace_back(key);
      if (prep.input.boundary)
        e.allowed_by_boundary =
            d.outcome(policy::PolicyType::kBoundary) == policy::Outcome::kAllows;
      e.resource_results.push_back({resource, e.decision, e.matched, e.missing_context});
      if (in.explain) e.explanation = policy::Explain(d);
      out.push_back(std::move(e));
    }
  }
  return out;
}

void AppendVariables(std::string_view text, std::vector<std::string>& keys) {
  for (auto at = text.find("${"); at != std::string_view::npos; at = text.find("${", at + 2)) {
    auto close = text.find('}', at);
    if (close == std::string_view::npos) return;
    std::string_view body = text.substr(at + 2, close - at - 2);
    body = body.substr(0, body.find(','));
    while (!body.empty() && body.back() == ' ') body.remove_suffix(1);
    while (!body.empty() && body.front() == ' ') body.remove_prefix(1);
    if (body.empty() || body == "*" || body == "?" || body == "$") continue;
    keys.emplace_back(body);
  }
}

void AddUnique(std::vector<std::string>& out, const std::vector<std::string>& keys) {
  for (const auto& k : keys) {
    bool seen = false;
    for (const auto& o : out) seen = seen || FoldKey(o) == FoldKey(k);
    if (!seen) out.push_back(k);
  }
}

}  // namespace

std::vector<std::string> ContextKeysOf(const policy::Policy& p) {
  std::vector<std::string> keys;
  for (const auto& s : p.statements) {
    for (const auto& r : s.resources) AppendVariables(r, keys);
    for (const auto& c : s.conditions) {
      keys.push_back(c.key);
      for (const auto& v : c.values) AppendVariables(v, keys);
    }
  }
  std::vector<std::string> out;
  AddUnique(out, keys);
  return out;
}

Result<Page<SimEvaluation>> Simulate(OpContext& ctx, const SimulationInput& in) {
  std::shared_ptr<const EffectivePolicies> principal;
  if (in.policy_source_arn) {
    auto found = SharedEffectivePoliciesOf(ctx, *in.policy_source_arn);
    if (!found) return std::unexpected(found.error());
    principal = std::move(*found);
  }
  Prepared prep;
  if (auto ok = Prepare(in, ctx.account(), principal.get(), prep); !ok)
    return std::unexpected(ok.error());
  return PaginateVector(Run(in, prep), "SimulatePolicy", in.page);
}

Result<std::vector<SimEvaluation>> SimulateOffline(const SimulationInput& in) {
  Prepared prep;
  if (auto ok = Prepare(in, "123456789012", nullptr, prep); !ok) return std::unexpected(ok.error());
  return Run(in, prep);
}

Result<std::vector<std::string>> ContextKeysForPolicies(OpContext& ctx,
                                                        const std::optional<std::string>& arn,
                                                        const std::vector<std::string>& inputs) {
  std::vector<std::string> out;
  if (arn) {
    auto found = EffectivePoliciesOf(ctx, *arn);
    if (!found) return std::unexpected(found.error());
    for (const auto& p : found->identity) AddUnique(out, ContextKeysOf(*p.parsed));
  }
  for (const auto& text : inputs) {
    auto p = ParseInput(text, policy::PolicyKind::kInlineIdentity);
    if (!p) return std::unexpected(p.error());
    AddUnique(out, ContextKeysOf(**p));
  }
  return out;
}

}  // namespace iamlite::ops
