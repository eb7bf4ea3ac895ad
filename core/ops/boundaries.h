// Permissions boundaries of users and roles: checking a boundary ARN, keeping the policies'
// PermissionsBoundaryUsageCount, and Put/Delete{User,Role}PermissionsBoundary.
#pragma once

#include <string>

#include "core/account_state.h"
#include "core/change.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/ops/lookup.h"

namespace iamlite::ops {

// "Scope ARN: X does not exist or is not attachable." (recorded from AWS for CreateRole and
// PutRolePermissionsBoundary).
std::string NoSuchBoundaryMessage(const std::string& arn);

// The managed policy `arn` names, usable as a boundary: an existing customer managed policy of
// this account or an attachable AWS managed policy. InvalidInput "ARN X is not valid." when
// `arn` is not a policy ARN; NoSuchEntity NoSuchBoundaryMessage(arn) when there is no such
// policy. Call inside a Store callback.
Result<PolicyRef> FindBoundary(const AccountState& s, const std::string& arn);

// Adds to `change` what moves one entity's boundary from `old_arn` to `new_arn` does to the
// usage counts: ManagedPolicy::boundary_usage_count for customer policies,
// AccountSettings::aws_policy_boundary_usage for AWS ones. Either ARN may be empty (none);
// equal ARNs change nothing; a policy that no longer exists is skipped. Must be called at most
// once per Change (it replaces the settings and policies it touches from `s`).
void MoveBoundaryUsage(const AccountState& s, const std::string& old_arn,
                       const std::string& new_arn, Change& change);

// Sets or replaces the boundary of a user or role. Errors, in this order: InvalidInput for a
// malformed ARN; NoSuchEntity for the user or role; NoSuchEntity for the policy.
Result<void> PutUserPermissionsBoundary(OpContext& ctx, const std::string& user_name,
                                        const std::string& policy_arn);
Result<void> PutRolePermissionsBoundary(OpContext& ctx, const std::string& role_name,
                                        const std::string& policy_arn);

// Removes the boundary; succeeds when there is none. NoSuchEntity for the user or role.
Result<void> DeleteUserPermissionsBoundary(OpContext& ctx, const std::string& user_name);
Result<void> DeleteRolePermissionsBoundary(OpContext& ctx, const std::string& role_name);

}  // namespace iamlite::ops
