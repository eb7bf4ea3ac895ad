// The identity-based policies that apply to a principal of the store, as the IAM policy
// simulator sees them: a user's inline and attached managed policies and those of each of
// its groups; a role's inline and attached policies; a group's own. With the permissions
// boundary and the request context keys that describe the principal.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/account_state.h"
#include "core/aws_managed_policies.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/policy/policy.h"
#include "core/policy/request_context.h"

namespace iamlite::ops {

struct EffectivePolicy {
  // The simulator's SourcePolicyId: a managed policy's name; an inline policy as
  // "<user|group|role>_<entity name>_<policy name>"; "PolicyInputList.N" for input policies.
  std::string id;
  // The simulator's SourcePolicyType: "IAM Policy" for identity-based policies and boundaries
  // (recorded from AWS in test_iam.snapshot.json, for users, groups and roles alike).
  std::string type;
  std::string label;  // how explanations name it: "group Accountants policy Billing"
  std::shared_ptr<const policy::Policy> parsed;
};

struct EffectivePolicies {
  std::vector<EffectivePolicy> identity;
  std::optional<EffectivePolicy> boundary;
  policy::Principal principal;
  // aws:username, aws:userid, aws:PrincipalArn, aws:PrincipalAccount, aws:PrincipalType,
  // aws:PrincipalTag/<key>.
  policy::ContextKeys context;
};

inline constexpr const char* kIamPolicySourceType = "IAM Policy";

// The default version of an AWS managed policy, parsed once per process (the catalogue is
// immutable); nullptr if it does not parse.
std::shared_ptr<const policy::Policy> AwsManagedDocument(const AwsManagedPolicy& p);

// The policies of the user, group or role `arn` names. A malformed ARN or one naming no
// entity of this account: NoSuchEntity with the lookup's message ("The user with name X
// cannot be found." and its kin); ARNs that name no user, group or role: InvalidInput.
Result<EffectivePolicies> EffectivePoliciesOf(const AccountState& s, const std::string& account,
                                              const std::string& arn);
Result<EffectivePolicies> EffectivePoliciesOf(OpContext& ctx, const std::string& arn);

}  // namespace iamlite::ops
