// Enforce mode's authorization stage (DESIGN.md: "authorize (core/evaluator) only with
// --enforce"): may this caller perform this IAM or STS operation with this input?
//
// The request the evaluator sees is built from the operation table (operations.h): the IAM
// action, the resource ARN the operation acts on (with the entity's path when it exists), and
// the context keys: the global ones describing the caller (aws:PrincipalArn, aws:PrincipalType,
// aws:username, aws:userid, aws:PrincipalAccount, aws:PrincipalTag/*, aws:SourceIp,
// aws:CurrentTime, aws:EpochTime, aws:SecureTransport, aws:RequestedRegion and, for temporary
// credentials, aws:MultiFactorAuthPresent, aws:TokenIssueTime, aws:SourceIdentity) and the
// operation's own (aws:RequestTag/*, aws:TagKeys, aws:ResourceTag/*, iam:ResourceTag/*,
// iam:PolicyARN, iam:PermissionsBoundary, iam:AWSServiceName, sts:*).
//
// The policies: a user's own and its groups', with its boundary; for a role session the role's
// policies and boundary, its session policies (inline and managed) and session tags as
// aws:PrincipalTag/*; for a federated user session the issuing user's. The account's root user
// is always allowed. Thread-safe: reads the store under its lock, evaluates outside it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/authz/operations.h"
#include "core/caller.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/policy/evaluator.h"
#include "core/store.h"

namespace iamlite::ops {
class EffectivePoliciesCache;
}

namespace iamlite::authz {

// What the pipeline knows about the request besides the caller and its input.
struct RequestFacts {
  TimeMs now = 0;
  std::string region;  // aws:RequestedRegion (the credential scope's region); empty: absent
  bool secure_transport = false;
};

// The inputs of one decision, kept alive together (a Decision points into them).
struct Evaluation {
  policy::EvaluationInput input;
  policy::RequestContext request;
};

// The principal's side of an evaluation: policies and context keys for `caller`.
// A principal whose entity is gone evaluates with no policies (denied). The principal's
// effective policies come from `cache` when given (it is kept per account generation, so
// the answer is the same), else are computed afresh; call with the account's lock held.
void AddPrincipal(const AccountState& s, const Caller& caller, TimeMs now, Evaluation& out,
                  ops::EffectivePoliciesCache* cache);

// The same for a principal ARN alone (the /iamlite/authorize endpoint): a user or role of
// `s`, or the account's root. NoSuchEntity / InvalidInput as EffectivePoliciesOf.
Result<void> AddPrincipalArn(const AccountState& s, const std::string& arn, TimeMs now,
                             Evaluation& out, ops::EffectivePoliciesCache* cache);

// The global keys of the request itself: time, source IP, region, transport.
void AddRequestKeys(const RequestFacts& facts, const std::string& source_ip, Evaluation& out);

struct Outcome {
  bool allowed = true;
  bool evaluated = false;  // false: no authorization needed (root, GetCallerIdentity, ...)
  std::string action;
  std::string resource;
  std::string explanation;        // plain words (core/policy/explain.h), for the debug log
  std::optional<IamError> error;  // AccessDenied when denied
};

// Authorizes `op` with its decoded `input` for `caller` (`cache` as for AddPrincipal).
Outcome AuthorizeOperation(Store& store, const Caller& caller, const OperationAuth& op,
                           const nlohmann::json& input, const RequestFacts& facts,
                           ops::EffectivePoliciesCache* cache);

// AWS's AccessDenied message for a denied decision, e.g. "User: ARN is not authorized to
// perform: iam:CreateUser on resource: ARN because no identity-based policy allows the
// iam:CreateUser action" (IAM User Guide, "Troubleshoot access denied error messages").
std::string AccessDeniedMessage(const std::string& principal_arn, const policy::Decision& d);

}  // namespace iamlite::authz
