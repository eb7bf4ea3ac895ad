// The IAM policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy and
// GetContextKeysFor{Principal,Custom}Policy, on top of the evaluator (core/policy).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"
#include "core/policy/policy.h"

namespace iamlite::ops {

// One ContextEntries member: ContextKeyType is string, stringList, numeric, numericList,
// boolean, booleanList, ip, ipList, binary, binaryList, date or dateList.
struct SimContextEntry {
  std::string name;
  std::string type;
  std::vector<std::string> values;
};

struct SimulationInput {
  std::optional<std::string> policy_source_arn;  // SimulatePrincipalPolicy
  std::vector<std::string> policy_inputs;        // PolicyInputList
  std::vector<std::string> boundary_inputs;      // PermissionsBoundaryPolicyInputList
  std::vector<std::string> actions;
  std::vector<std::string> resources;  // empty: "*"
  std::optional<std::string> resource_policy;
  std::optional<std::string> resource_owner;
  std::optional<std::string> caller_arn;
  std::vector<SimContextEntry> context;
  PageRequest page;
  // Fill SimEvaluation::explanation (the console and the command line show it; the API has
  // no place for it, so its action skips the work).
  bool explain = true;
};

struct SimStatement {
  std::string source_policy_id;
  std::string source_policy_type;
  policy::TextPosition start, end;
};

struct SimResourceResult {
  std::string resource;
  std::string decision;
  std::vector<SimStatement> matched;
  std::vector<std::string> missing_context;
};

struct SimEvaluation {
  std::string action;
  std::string resource;
  std::string decision;  // allowed | explicitDeny | implicitDeny
  std::vector<SimStatement> matched;
  std::vector<std::string> missing_context;
  std::map<std::string, std::string> decision_details;  // EvalDecisionDetails
  std::optional<bool> allowed_by_boundary;              // when a boundary was simulated
  std::vector<SimResourceResult> resource_results;
  std::string explanation;  // plain words (core/policy Explain) when asked; not part of the API
};

// Evaluates every (action, resource) pair in order, one EvaluationResult each, paginated.
// Policy documents that do not parse: InvalidInput with the parser's message (AWS's answer is
// not recorded; the operation's documented errors have no MalformedPolicyDocument).
Result<Page<SimEvaluation>> Simulate(OpContext& ctx, const SimulationInput& in);

// The same without a store (the command line): no principal, only input policies.
Result<std::vector<SimEvaluation>> SimulateOffline(const SimulationInput& in);

// The condition keys and policy-variable keys the policies use, as written, each once
// (compared without regard to case), in document order.
Result<std::vector<std::string>> ContextKeysForPolicies(OpContext& ctx,
                                                        const std::optional<std::string>& arn,
                                                        const std::vector<std::string>& inputs);
std::vector<std::string> ContextKeysOf(const policy::Policy& p);

}  // namespace iamlite::ops
