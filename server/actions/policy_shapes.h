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
enum class PolicyFields { kCreate, kGet, kList };
Json ToJson(const ops::PolicyView& policy, PolicyFields fields);

// CreatePolicyVersion and ListPolicyVersions have no Document; GetPolicyVersion has it,
// URL-encoded as AWS returns documents.
Json ToJson(const ops::PolicyVersionView& version, bool with_document);

Json ToJson(const ops::AttachedPolicy& policy);

// The PolicyGroups, PolicyUsers and PolicyRoles lists (each always present) of one page.
Json EntitiesPageJson(const Page<ops::PolicyEntity>& page);

ops::ListPoliciesInput ListPoliciesInputOf(const Json& in);
ops::ListEntitiesInput ListEntitiesInputOf(const Json& in);

}  // namespace iamlite::shapes
