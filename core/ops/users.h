// IAM users: CreateUser, GetUser, ListUsers, UpdateUser, DeleteUser and user tags, with
// AWS's rules and messages. Inputs arrive already validated against the service model
// (lengths, patterns); these functions enforce the semantic rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxUsersPerAccount = 5000;

struct CreateUserInput {
  std::string user_name;
  std::string path = "/";
  std::string permissions_boundary;
  Tags tags;
};
// A boundary must name an existing policy (boundaries.h), whose usage count it then holds.
Result<User> CreateUser(OpContext& ctx, const CreateUserInput& in);

// The named user; with no name, the calling user. A root caller gets a User carrying the
// account root's identity (UserId = account id, no name, ARN ...:root).
Result<User> GetUser(OpContext& ctx, const std::optional<std::string>& user_name);

Result<Page<std::shared_ptr<const User>>> ListUsers(OpContext& ctx, const std::string& path_prefix,
                                                    const PageRequest& page);

struct UpdateUserInput {
  std::string user_name;
  std::optional<std::string> new_user_name;
  std::optional<std::string> new_path;
};
Result<void> UpdateUser(OpContext& ctx, const UpdateUserInput& in);

Result<void> DeleteUser(OpContext& ctx, const std::string& user_name);

Result<void> TagUser(OpContext& ctx, const std::string& user_name, const Tags& tags);
Result<void> UntagUser(OpContext& ctx, const std::string& user_name,
                       const std::vector<std::string>& keys);
Result<Page<Tag>> ListUserTags(OpContext& ctx, const std::string& user_name,
                               const PageRequest& page);

// Checks a permissions-boundary ARN's form ("arn:aws:iam::<account|aws>:policy/...").
Result<void> CheckPolicyArn(const std::string& arn);

}  // namespace iamlite::ops
