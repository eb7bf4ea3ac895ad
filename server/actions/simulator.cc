// The IAM policy simulator: decode -> core/ops/simulator -> output tree.
#include "core/ops/simulator.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"
#include "server/actions/simulator_shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

// Objects are filled member by member (an initializer list builds and copies a two-element
// array per member first), in key order, each at the end of the object's map: an insertion
// then compares with the last key only, instead of a search from the root.
void AddMember(Json& obj, const char* key, Json value) {
  auto& members = obj.get_ref<Json::object_t&>();
  members.emplace_hint(members.end(), key, std::move(value));
}

Json PositionJson(const policy::TextPosition& p) {
  Json j = Json::object();
  AddMember(j, "Column", p.column);
  AddMember(j, "Line", p.line);
  return j;
}

Json StatementsJson(const std::vector<ops::SimStatement>& statements) {
  Json out = Json::array();
  out.get_ref<Json::array_t&>().reserve(statements.size());
  for (const auto& s : statements) {
    Json j = Json::object();
    AddMember(j, "EndPosition", PositionJson(s.end));
    AddMember(j, "SourcePolicyId", s.source_policy_id);
    AddMember(j, "SourcePolicyType", s.source_policy_type);
    AddMember(j, "StartPosition", PositionJson(s.start));
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
  args.explain = false;  // the API has no member for the explanation
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
  Json out = Json::object();
  AddMember(out, "EvalActionName", e.action);
  AddMember(out, "EvalDecision", e.decision);
  AddMember(out, "EvalDecisionDetails", Json(e.decision_details));
  AddMember(out, "EvalResourceName", e.resource);
  AddMember(out, "MatchedStatements", StatementsJson(e.matched));
  AddMember(out, "MissingContextValues", e.missing_context);
  Json organizations = Json::object();
  AddMember(organizations, "AllowedByOrganizations", true);
  AddMember(out, "OrganizationsDecisionDetail", std::move(organizations));
  if (e.allowed_by_boundary) {
    Json boundary = Json::object();
    AddMember(boundary, "AllowedByPermissionsBoundary", *e.allowed_by_boundary);
    AddMember(out, "PermissionsBoundaryDecisionDetail", std::move(boundary));
  }
  Json resources = Json::array();
  resources.get_ref<Json::array_t&>().reserve(e.resource_results.size());
  for (const auto& r : e.resource_results) {
    Json j = Json::object();
    AddMember(j, "EvalResourceDecision", r.decision);
    AddMember(j, "EvalResourceName", r.resource);
    AddMember(j, "MatchedStatements", StatementsJson(r.matched));
    AddMember(j, "MissingContextValues", r.missing_context);
    resources.push_back(std::move(j));
  }
  AddMember(out, "ResourceSpecificResults", std::move(resources));
  return out;
}

void RegisterSimulatorActions(ActionTable& t) {
  t.Add("SimulatePrincipalPolicy", Simulate);
  t.Add("SimulateCustomPolicy", Simulate);
  t.Add("GetContextKeysForPrincipalPolicy", ContextKeys);
  t.Add("GetContextKeysForCustomPolicy", ContextKeys);
}

}  // namespace iamlite
