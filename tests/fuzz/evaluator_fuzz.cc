// libFuzzer target: the evaluator, policies plus request. Input: one case in the format of
// tests/data/evaluator/*.json ({"identity": [...], "boundary", "session", "resource", "scp",
// "request": {"action", "resource", "principal", "context"}}); policies that do not parse are
// skipped, the decision is made and explained.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "core/policy/compiled_policy.h"
#include "core/policy/evaluator.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"

namespace {

using nlohmann::json;
using namespace iamlite::policy;

std::string Text(const json& j) { return j.is_string() ? j.get<std::string>() : j.dump(); }

bool Build(const json& j, PolicyKind kind, const std::string& id, PolicySource& out) {
  json doc = j.is_object() && j.contains("document") ? j["document"] : j;
  if (doc.is_array()) doc = json{{"Version", "2012-10-17"}, {"Statement", doc}};
  auto parsed = ParsePolicy(Text(doc), kind);
  if (!parsed) return false;
  out.id = id;
  out.type = "inline";
  out.policy = CompileShared(**parsed);
  return true;
}

void BuildList(const json& c, const char* key, PolicyKind kind, std::vector<PolicySource>& out) {
  if (!c.contains(key) || !c[key].is_array()) return;
  for (const json& p : c[key]) {
    PolicySource s;
    if (Build(p, kind, key + std::to_string(out.size()), s)) out.push_back(std::move(s));
  }
}

ContextValue ValueOf(const json& v) {
  ContextValue out;
  if (v.is_object()) {
    if (v.contains("type") && v["type"].is_string())
      out.type = ValueTypeFromName(v["type"].get<std::string>()).value_or(ValueType::kString);
    const json& values = v.contains("values") ? v["values"] : v.contains("value") ? v["value"] : v;
    out.multivalued = v.contains("values");
    if (values.is_array()) {
      for (const json& x : values) out.values.push_back(Text(x));
    } else {
      out.values.push_back(Text(values));
    }
  } else if (v.is_array()) {
    out.multivalued = true;
    for (const json& x : v) out.values.push_back(Text(x));
  } else {
    if (v.is_number()) out.type = ValueType::kNumber;
    if (v.is_boolean()) out.type = ValueType::kBool;
    out.values.push_back(Text(v));
  }
  return out;
}

std::string Str(const json& obj, const char* key) {
  return obj.is_object() && obj.contains(key) && obj[key].is_string() ? obj[key].get<std::string>()
                                                                      : std::string();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const json c = json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  if (!c.is_object()) return 0;
  EvaluationInput input;
  BuildList(c, "identity", PolicyKind::kInlineIdentity, input.identity);
  BuildList(c, "session", PolicyKind::kInlineIdentity, input.session);
  if (c.contains("boundary")) {
    PolicySource s;
    if (Build(c["boundary"], PolicyKind::kIdentity, "boundary", s)) input.boundary = std::move(s);
  }
  if (c.contains("resource")) {
    const json& r = c["resource"];
    ResourcePolicy rp;
    const std::string kind = Str(r, "kind");
    rp.kind = kind == "trust" ? ResourcePolicyKind::kRoleTrust
              : kind == "key" ? ResourcePolicyKind::kKeyPolicy
                              : ResourcePolicyKind::kResourceBased;
    rp.owner_account = Str(r, "owner");
    if (Build(
            r,
            rp.kind == ResourcePolicyKind::kRoleTrust ? PolicyKind::kTrust : PolicyKind::kResource,
            "resource", rp.source))
      input.resource = std::move(rp);
  }
  for (const char* key : {"scp", "rcp"}) {
    if (!c.contains(key)) continue;
    GuardrailLevel level;
    level.name = key;
    BuildList(c, key, PolicyKind::kIdentity, level.policies);
    (std::string_view(key) == "scp" ? input.scps : input.rcps).push_back(std::move(level));
  }
  if (c.contains("same_account") && c["same_account"].is_boolean())
    input.same_account = c["same_account"].get<bool>();

  RequestContext request;
  const json r = c.contains("request") ? c["request"] : json::object();
  request.action = Str(r, "action");
  request.resource = Str(r, "resource");
  if (r.is_object() && r.contains("principal")) {
    const json& p = r["principal"];
    request.principal.type = PrincipalTypeFromName(Str(p, "type")).value_or(PrincipalType::kUser);
    request.principal.arn = Str(p, "arn");
    request.principal.account = Str(p, "account");
    request.principal.parent_arn = Str(p, "parent");
  }
  if (r.is_object() && r.contains("context") && r["context"].is_object()) {
    for (auto it = r["context"].begin(); it != r["context"].end(); ++it)
      request.context.Set(it.key(), ValueOf(it.value()));
  }
  const Decision decision = Evaluate(input, request);
  (void)Explain(decision);
  return 0;
}
