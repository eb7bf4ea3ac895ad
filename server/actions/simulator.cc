// The IAM policy simulator: decode -> core/ops/simulator -> output tree.
#include "core/ops/simulator.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"
#include "server/actions/simulator_shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

// Objects are filled member by member: an initializer list builds (and copies) a two-element
// array per member first, which doubled the cost of a simulation's output.
Json PositionJson(const policy::TextPosition& p) {
  Json j;
  j["Line"] = p.line;
  j["Column"] = p.column;
  return j;
}

Json StatementsJson(const std::vector<ops::SimStatement>& statements) {
  Json out = Json::array();
  for (const auto& s : statements) {
    Json j;
    j["SourcePolicyId"] = s.source_policy_id;
    j["SourcePolicyType"] = s.source_policy_type;
    j["StartPosition"] = PositionJson(s.start);
    j["EndPosition"] = PositionJson(s.end);
    out.push_back(std::move(j));
  }
  return out;
}

ops::SimulationInput InputOf(const Json& in) {
  ops::SimulationInput args;
  args.policy_source_arn = OptStr(in, "PolicySourceArn");
  args.policy_inputs = StrList(in, "PolicyInputList");
  args.boundary_inputs = StrList(in, "PermissionsBoundaryPolicyInputList");
  args.actions = StrList(in, "ActionNames");
  args.resources = StrList(in, "ResourceArns");
  args.resource_policy = OptStr(in, "ResourcePolicy");
  args.resource_owner = OptStr(in, "ResourceOwner");
  args.caller_arn = OptStr(in, "CallerArn");
  if (in.contains("ContextEntries") && in["ContextEntries"].is_array())
    for (const auto& e : in["ContextEntries"])
      args.context.push_back(
          {Str(e, "ContextKeyName"), Str(e, "ContextKeyType"), StrList(e, "ContextKeyValues")});
  args.page = PageOf(in);
  return args;
}

Result<Json> Simulate(OpContext& ctx, const Json& in) {
  auto page = ops::Simulate(ctx, InputOf(in));
  if (!page) return std::unexpected(page.error());
  return PageJson(*page, "EvaluationResults", SimEvaluationJson);
}

Result<Json> ContextKeys(OpContext& ctx, const Json& in) {
  auto keys = ops::ContextKeysForPolicies(ctx, OptStr(in, "PolicySourceArn"),
                                          StrList(in, "PolicyInputList"));
  if (!keys) return std::unexpected(keys.error());
  return Json{{"ContextKeyNames", *keys}};
}

}  // namespace

Json SimEvaluationJson(const ops::SimEvaluation& e) {
  Json out;
  out["EvalActionName"] = e.action;
  out["EvalResourceName"] = e.resource;
  out["EvalDecision"] = e.decision;
  out["MatchedStatements"] = StatementsJson(e.matched);
  out["MissingContextValues"] = e.missing_context;
  out["OrganizationsDecisionDetail"]["AllowedByOrganizations"] = true;
  out["EvalDecisionDetails"] = Json(e.decision_details);
  if (e.allowed_by_boundary)
    out["PermissionsBoundaryDecisionDetail"]["AllowedByPermissionsBoundary"] =
        *e.allowed_by_boundary;
  Json resources = Json::array();
  for (const auto& r : e.resource_results) {
    Json j;
    j["EvalResourceName"] = r.resource;
    j["EvalResourceDecision"] = r.decision;
    j["MatchedStatements"] = StatementsJson(r.matched);
    j["MissingContextValues"] = r.missing_context;
    resources.push_back(std::move(j));
  }
  out["ResourceSpecificResults"] = std::move(resources);
  return out;
}

void RegisterSimulatorActions(ActionTable& t) {
  t.Add("SimulatePrincipalPolicy", Simulate);
  t.Add("SimulateCustomPolicy", Simulate);
  t.Add("GetContextKeysForPrincipalPolicy", ContextKeys);
  t.Add("GetContextKeysForCustomPolicy", ContextKeys);
}

}  // namespace iamlite
