// IAM roles: CreateRole, GetRole, ListRoles, UpdateRole, UpdateRoleDescription,
// UpdateAssumeRolePolicy, DeleteRole and role tags, with AWS's rules and messages. Inputs arrive
// already validated against the service model (name and path patterns, lengths,
// MaxSessionDuration 3600-43200); these functions enforce the semantic rules. Role policies
// (Put/Attach/List...) live with the other policy operations; boundaries in boundaries.h.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxRolesPerAccount = 1000;

// The trust policy `text` parsed and checked as AWS does (MalformedPolicyDocument with AWS's
// messages, then LimitExceeded "Cannot exceed quota for ACLSizePerRole: 2048"), stored with its
// original text.
Result<PolicyDocument> ParseTrustPolicy(const std::string& text);

struct CreateRoleInput {
  std::string role_name;
  std::string assume_role_policy_document;
  std::string path = "/";
  std::string description;
  std::optional<int> max_session_duration;  // 3600 when absent
  std::string permissions_boundary;         // policy ARN; empty for none
  Tags tags;
};
// Errors, in this order: InvalidInput for duplicate tag keys or a malformed boundary ARN;
// MalformedPolicyDocument / LimitExceeded for the trust policy; EntityAlreadyExists
// "Role with name X already exists."; LimitExceeded "Cannot exceed quota for RolesPerAccount:
// 1000"; NoSuchEntity "Scope ARN: X does not exist or is not attachable.".
Result<Role> CreateRole(OpContext& ctx, const CreateRoleInput& in);

Result<Role> GetRole(OpContext& ctx, const std::string& role_name);

Result<Page<std::shared_ptr<const Role>>> ListRoles(OpContext& ctx, const std::string& path_prefix,
                                                    const PageRequest& page);

// Changes only what is given (AWS keeps the rest, as recorded).
struct UpdateRoleInput {
  std::string role_name;
  std::optional<std::string> description;
  std::optional<int> max_session_duration;
};
Result<void> UpdateRole(OpContext& ctx, const UpdateRoleInput& in);

// Sets the description and returns the updated role.
Result<Role> UpdateRoleDescription(OpContext& ctx, const std::string& role_name,
                                   const std::string& description);

Result<void> UpdateAssumeRolePolicy(OpContext& ctx, const std::string& role_name,
                                    const std::string& policy_document);

// DeleteConflict while the role is in an instance profile or has inline or attached policies;
// releases its permissions boundary's usage count.
Result<void> DeleteRole(OpContext& ctx, const std::string& role_name);

Result<void> TagRole(OpContext& ctx, const std::string& role_name, const Tags& tags);
Result<void> UntagRole(OpContext& ctx, const std::string& role_name,
                       const std::vector<std::string>& keys);
Result<Page<Tag>> ListRoleTags(OpContext& ctx, const std::string& role_name,
                               const PageRequest& page);

}  // namespace iamlite::ops
