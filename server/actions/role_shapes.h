// Output trees for roles and instance profiles. AWS returns a different subset of a Role's
// members from each operation (recorded from real AWS, LocalStack snapshots test_iam_roles and
// test_iam_instance_profiles); the view names the operation.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/entities.h"
#include "server/action_table.h"

namespace iamlite::shapes {

enum class RoleView {
  // GetRole: everything; MaxSessionDuration and RoleLastUsed always (RoleLastUsed {} before any
  // use), Description, PermissionsBoundary and Tags when set.
  kFull,
  // ListRoles: Description and MaxSessionDuration, never Tags, PermissionsBoundary or
  // RoleLastUsed.
  kList,
  // CreateRole: PermissionsBoundary and Tags when set; no Description (even when given),
  // MaxSessionDuration or RoleLastUsed.
  kCreate,
  // UpdateRoleDescription: as kCreate plus Description.
  kDescription,
  // A role inside an instance profile: Path, RoleName, RoleId, Arn, CreateDate and
  // AssumeRolePolicyDocument only (no Tags even when the role has some).
  kInstanceProfile,
  // GetAccountAuthorizationDetails' RoleDetail: as kFull without Description and
  // MaxSessionDuration (the shape has neither), with Tags always ([] when none) and
  // RoleLastUsed always; InstanceProfileList, RolePolicyList and AttachedManagedPolicies are
  // the caller's to add.
  kDetail,
};

// The AssumeRolePolicyDocument is the stored text, URL-encoded as AWS returns it.
Json RoleToJson(const Role& role, const std::string& account, RoleView view);

enum class InstanceProfileView {
  kCreate,  // CreateInstanceProfile: Tags only when set
  kGet,     // GetInstanceProfile: Tags always, [] when none
  kList,    // ListInstanceProfiles, ListInstanceProfilesForRole: no Tags
};

// `roles` are the profile's roles, resolved (see ops::InstanceProfileView).
Json InstanceProfileToJson(const InstanceProfile& profile,
                           const std::vector<std::shared_ptr<const Role>>& roles,
                           const std::string& account, InstanceProfileView view);

}  // namespace iamlite::shapes
