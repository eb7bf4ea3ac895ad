// Output trees for managed policies, versions, attachments and inline policies, and the
// decoding of the enum inputs of the policy operations.
#pragma once

#include <string>

#include "core/ops/attachments.h"
#include "core/ops/managed_policies.h"
#include "server/action_table.h"

namespace iamlite::shapes {

// Which members of the Policy shape AWS fills, as the recordings show: CreatePolicy omits
// Description and, when there are none, Tags; GetPolicy has both (Tags always, [] when
// none); ListPolicies has neither.
// GetAccountAuthorizationDetails' ManagedPolicyDetail is kList too: the recording of an AWS
// managed policy that has a description shows neither Description nor Tags.
enum class PolicyFields { kCreate, kGet, kList };
Json ToJson(const ops::PolicyView& policy, PolicyFields fields);

// CreatePolicyVersion and ListPolicyVersions have no Document; GetPolicyVersion has it,
// URL-encoded as AWS returns documents.
Json ToJson(const ops::PolicyVersionView& version, bool with_document);

Json ToJson(const ops::AttachedPolicy& policy);

// A {User,Group,Role}PolicyList of GetAccountAuthorizationDetails: PolicyName and the
// URL-encoded PolicyDocument of each inline policy, in name order.
Json ToJson(const InlinePolicies& policies);

// The PolicyGroups, PolicyUsers and PolicyRoles lists (each always present) of one page.
Json EntitiesPageJson(const Page<ops::PolicyEntity>& page);

ops::ListPoliciesInput ListPoliciesInputOf(const Json& in);
ops::ListEntitiesInput ListEntitiesInputOf(const Json& in);

}  // namespace iamlite::shapes
