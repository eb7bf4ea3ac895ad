// Managed policy attachments: Attach/Detach{User,Group,Role}Policy and
// ListAttached{User,Group,Role}Policies. The entity's attached_policies list and the policy's
// attachment count (ManagedPolicy::attachment_count, or AccountSettings::
// aws_policy_attachments for AWS managed policies) change together in one Change.
#pragma once

#include <string>

#include "core/error.h"
#include "core/ops/context.h"
#include "core/ops/policy_common.h"
#include "core/pagination.h"

namespace iamlite::ops {

// AWS's default quota of managed policies attached to one user, group or role.
inline constexpr size_t kMaxAttachedPoliciesPerEntity = 10;

// Errors in AWS's order as far as known: ValidationError "ARN X is not valid." for a
// non-ARN; NoSuchEntity for an unknown entity (lookup.h messages) or "Policy X does not exist
// or is not attachable."; PolicyNotAttachable (400) for an AWS policy under
// /aws-service-role/; LimitExceeded "Cannot exceed quota for PoliciesPer{User|Group|Role}: 10".
// Attaching an attached policy again changes nothing.
Result<void> AttachPolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                          const std::string& policy_arn);

// NoSuchEntity "Policy X was not found." when the policy is not attached to the entity
// (whether or not it exists).
Result<void> DetachPolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                          const std::string& policy_arn);

struct AttachedPolicy {
  std::string name;
  std::string arn;
};
// In attach order; `path_prefix` filters the policies' paths.
Result<Page<AttachedPolicy>> ListAttachedPolicies(OpContext& ctx, EntityKind kind,
                                                  const std::string& entity_name,
                                                  const std::string& path_prefix,
                                                  const PageRequest& page);

}  // namespace iamlite::ops
