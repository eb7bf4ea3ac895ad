// IAM instance profiles: create, get, list, delete, the (at most one) role they carry, and their
// tags. A profile's roles and each role's instance profiles are the two sides of one
// relationship, always changed together in one Change.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxInstanceProfilesPerAccount = 1000;
inline constexpr size_t kMaxRolesPerInstanceProfile = 1;

// A profile with its roles resolved (in the profile's order), as every read returns it.
struct InstanceProfileView {
  std::shared_ptr<const InstanceProfile> profile;
  std::vector<std::shared_ptr<const Role>> roles;
};

// The profile with its roles resolved; for reads in other areas, inside a Store callback.
InstanceProfileView ResolveInstanceProfile(const AccountState& s,
                                           std::shared_ptr<const InstanceProfile> profile);

struct CreateInstanceProfileInput {
  std::string name;
  std::string path = "/";
  Tags tags;
};
// InvalidInput for duplicate tag keys; EntityAlreadyExists "Instance Profile X already exists.";
// LimitExceeded "Cannot exceed quota for InstanceProfilesPerAccount: 1000".
Result<InstanceProfile> CreateInstanceProfile(OpContext& ctx, const CreateInstanceProfileInput& in);

Result<InstanceProfileView> GetInstanceProfile(OpContext& ctx, const std::string& name);

Result<Page<InstanceProfileView>> ListInstanceProfiles(OpContext& ctx,
                                                       const std::string& path_prefix,
                                                       const PageRequest& page);

// The profiles that carry the role, in name order. NoSuchEntity for the role.
Result<Page<InstanceProfileView>> ListInstanceProfilesForRole(OpContext& ctx,
                                                              const std::string& role_name,
                                                              const PageRequest& page);

// DeleteConflict "Cannot delete entity, must remove roles from instance profile first." while
// the profile carries a role.
Result<void> DeleteInstanceProfile(OpContext& ctx, const std::string& name);

// NoSuchEntity for the profile, then for the role; LimitExceeded
// "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1" when the profile has a role.
Result<void> AddRoleToInstanceProfile(OpContext& ctx, const std::string& profile_name,
                                      const std::string& role_name);

// NoSuchEntity for the profile, then for the role, then
// "Role R in Instance Profile P cannot be found." when the profile does not carry the role.
Result<void> RemoveRoleFromInstanceProfile(OpContext& ctx, const std::string& profile_name,
                                           const std::string& role_name);

Result<void> TagInstanceProfile(OpContext& ctx, const std::string& name, const Tags& tags);
Result<void> UntagInstanceProfile(OpContext& ctx, const std::string& name,
                                  const std::vector<std::string>& keys);
Result<Page<Tag>> ListInstanceProfileTags(OpContext& ctx, const std::string& name,
                                          const PageRequest& page);

}  // namespace iamlite::ops
