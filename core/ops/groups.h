// IAM groups and group membership: CreateGroup, GetGroup, ListGroups, UpdateGroup,
// DeleteGroup, AddUserToGroup, RemoveUserFromGroup and ListGroupsForUser, with AWS's rules
// and messages. Inputs arrive already validated against the service model (lengths,
// patterns); these functions enforce the semantic rules.
//
// Membership is kept on both sides (Group::members holds user keys, User::groups holds group
// keys, both in join order); every operation that changes one side changes the other in the
// same Change. Group policies (inline and attached) belong to core/ops/policies; DeleteGroup
// only reads them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

// IAM quotas (IAM User Guide, "IAM and AWS STS quotas").
inline constexpr size_t kMaxGroupsPerAccount = 300;
inline constexpr size_t kMaxGroupsPerUser = 10;

// Errors: EntityAlreadyExists when the name is taken (without regard to case),
// LimitExceeded past kMaxGroupsPerAccount.
Result<Group> CreateGroup(OpContext& ctx, const std::string& group_name,
                          const std::string& path = "/");

struct GroupWithUsers {
  Group group;
  Page<std::shared_ptr<const User>> users;  // members, in join order
};
// The group and one page of its members. Errors: NoSuchEntity, ValidationError for a bad
// marker.
Result<GroupWithUsers> GetGroup(OpContext& ctx, const std::string& group_name,
                                const PageRequest& page);

// Groups whose path starts with `path_prefix`, in name order.
Result<Page<std::shared_ptr<const Group>>> ListGroups(OpContext& ctx,
                                                      const std::string& path_prefix,
                                                      const PageRequest& page);

struct UpdateGroupInput {
  std::string group_name;
  std::optional<std::string> new_group_name;
  std::optional<std::string> new_path;
};
// Renames and/or moves a group; a rename rewrites every member's reference to it.
// Errors: NoSuchEntity, EntityAlreadyExists when the new name belongs to another group.
Result<void> UpdateGroup(OpContext& ctx, const UpdateGroupInput& in);

// Errors: NoSuchEntity; DeleteConflict while the group has members, inline policies or
// attached managed policies (checked in that order).
Result<void> DeleteGroup(OpContext& ctx, const std::string& group_name);

// Adding a member again succeeds and changes nothing, as on AWS. Errors: NoSuchEntity for
// the user, then for the group; LimitExceeded when the user is already in
// kMaxGroupsPerUser groups.
Result<void> AddUserToGroup(OpContext& ctx, const std::string& group_name,
                            const std::string& user_name);

// Removing a user who is not a member succeeds and changes nothing, as on AWS. Errors:
// NoSuchEntity for the user, then for the group.
Result<void> RemoveUserFromGroup(OpContext& ctx, const std::string& group_name,
                                 const std::string& user_name);

// The user's groups in join order. Errors: NoSuchEntity, ValidationError for a bad marker.
Result<Page<std::shared_ptr<const Group>>> ListGroupsForUser(OpContext& ctx,
                                                             const std::string& user_name,
                                                             const PageRequest& page);

}  // namespace iamlite::ops
