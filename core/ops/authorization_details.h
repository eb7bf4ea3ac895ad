// GetAccountAuthorizationDetails: one read of the account's users, groups, roles and managed
// policies with their relationships, as typed entities (the server writes the output tree).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/attachments.h"
#include "core/ops/context.h"
#include "core/ops/instance_profiles.h"
#include "core/ops/managed_policies.h"
#include "core/pagination.h"

namespace iamlite::ops {

// The Filter values (the model's EntityType enum).
enum class DetailKind { kUser, kRole, kGroup, kLocalManagedPolicy, kAwsManagedPolicy };

struct UserDetail {
  std::shared_ptr<const User> user;
  std::vector<std::string> group_names;  // in join order
  std::vector<AttachedPolicy> attached;  // in attach order
};

struct GroupDetail {
  std::shared_ptr<const Group> group;
  std::vector<AttachedPolicy> attached;
};

struct RoleDetail {
  std::shared_ptr<const Role> role;
  std::vector<InstanceProfileView> instance_profiles;  // by name
  std::vector<AttachedPolicy> attached;
};

struct ManagedPolicyDetail {
  PolicyView policy;
  std::vector<PolicyVersionView> versions;  // every version, newest first
};

struct AuthorizationDetails {
  std::vector<UserDetail> users;
  std::vector<GroupDetail> groups;
  std::vector<RoleDetail> roles;
  std::vector<ManagedPolicyDetail> policies;
  bool truncated = false;
  std::string next_marker;  // set when truncated
};

// The entities of the kinds in `filter` (all kinds when it is empty), paged as one list:
// users, then groups, then roles (each by name), then managed policies by name (an AWS managed
// policy before a customer one of the same name). MaxItems counts entities of every kind and
// one opaque marker resumes the combined list; a marker from another listing is
// ValidationError "Invalid Marker.".
//
// LocalManagedPolicy gives every customer managed policy; AWSManagedPolicy gives only the AWS
// managed policies attached to a user, group or role of this account (AWS's answer holds the
// policies in use there, not its whole catalogue).
//
// Locks the account's state for one read; never fails otherwise.
Result<AuthorizationDetails> GetAccountAuthorizationDetails(OpContext& ctx,
                                                            const std::vector<DetailKind>& filter,
                                                            const PageRequest& page);

}  // namespace iamlite::ops
