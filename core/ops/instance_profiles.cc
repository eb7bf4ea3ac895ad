#include "core/ops/instance_profiles.h"

#include <algorithm>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

Result<Page<InstanceProfileView>> Views(const AccountState& s,
                                        Result<Page<std::shared_ptr<const InstanceProfile>>> page) {
  if (!page) return std::unexpected(page.error());
  Page<InstanceProfileView> out;
  out.truncated = page->truncated;
  out.next_marker = page->next_marker;
  for (auto& p : page->items) out.items.push_back(ResolveInstanceProfile(s, std::move(p)));
  return out;
}

// Applies `edit` to the named profile in one Mutate.
Result<void> EditProfile(OpContext& ctx, const std::string& name,
                         const std::function<Result<void>(InstanceProfile&)>& edit) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindInstanceProfile(s, name);
    if (!found) return std::unexpected(found.error());
    InstanceProfile profile = **found;
    if (auto ok = edit(profile); !ok) return std::unexpected(ok.error());
    return Change().Upsert(FoldName(profile.name), profile);
  });
}

void Erase(std::vector<std::string>& keys, const std::string& key) {
  keys.erase(std::remove(keys.begin(), keys.end(), key), keys.end());
}

}  // namespace

InstanceProfileView ResolveInstanceProfile(const AccountState& s,
                                           std::shared_ptr<const InstanceProfile> profile) {
  InstanceProfileView view{std::move(profile), {}};
  for (const auto& key : view.profile->roles)
    if (auto it = s.roles.find(key); it != s.roles.end()) view.roles.push_back(it->second);
  return view;
}

Result<InstanceProfile> CreateInstanceProfile(OpContext& ctx,
                                              const CreateInstanceProfileInput& in) {
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  InstanceProfile profile;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.instance_profiles.contains(FoldName(in.name)))
      return std::unexpected(
          errors::EntityAlreadyExists("Instance Profile " + in.name + " already exists."));
    if (s.instance_profiles.size() >= kMaxInstanceProfilesPerAccount)
      return std::unexpected(
          errors::LimitExceeded("Cannot exceed quota for InstanceProfilesPerAccount: " +
                                std::to_string(kMaxInstanceProfilesPerAccount)));
    profile.id = ctx.ids.UniqueId(id_prefix::kInstanceProfile);
    profile.name = in.name;
    profile.path = in.path;
    profile.create_date = ctx.clock.Now();
    profile.tags = in.tags;
    return Change().Upsert(FoldName(profile.name), profile);
  });
  if (!done) return std::unexpected(done.error());
  return profile;
}

Result<InstanceProfileView> GetInstanceProfile(OpContext& ctx, const std::string& name) {
  Result<InstanceProfileView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindInstanceProfile(s, name);
    if (!found)
      out = std::unexpected(found.error());
    else
      out = ResolveInstanceProfile(s, *found);
  });
  return out;
}

Result<Page<InstanceProfileView>> ListInstanceProfiles(OpContext& ctx,
                                                       const std::string& path_prefix,
                                                       const PageRequest& page) {
  Result<Page<InstanceProfileView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = Views(
        s, Paginate(s.instance_profiles, "ListInstanceProfiles", page,
                    [&](const InstanceProfile& p) { return PathHasPrefix(p.path, path_prefix); }));
  });
  return out;
}

Result<Page<InstanceProfileView>> ListInstanceProfilesForRole(OpContext& ctx,
                                                              const std::string& role_name,
                                                              const PageRequest& page) {
  Result<Page<InstanceProfileView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto role = FindRole(s, role_name);
    if (!role) {
      out = std::unexpected(role.error());
      return;
    }
    std::string key = FoldName((*role)->name);
    out = Views(s, Paginate(s.instance_profiles, "ListInstanceProfilesForRole", page,
                            [&](const InstanceProfile& p) {
                              return std::ranges::find(p.roles, key) != p.roles.end();
                            }));
  });
  return out;
}

Result<void> DeleteInstanceProfile(OpContext& ctx, const std::string& name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindInstanceProfile(s, name);
    if (!found) return std::unexpected(found.error());
    if (!(*found)->roles.empty())
      return std::unexpected(errors::DeleteConflict(
          "Cannot delete entity, must remove roles from instance profile first."));
    return Change().Remove<InstanceProfile>(FoldName((*found)->name));
  });
}

Result<void> AddRoleToInstanceProfile(OpContext& ctx, const std::string& profile_name,
                                      const std::string& role_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found_profile = FindInstanceProfile(s, profile_name);
    if (!found_profile) return std::unexpected(found_profile.error());
    auto found_role = FindRole(s, role_name);
    if (!found_role) return std::unexpected(found_role.error());
    InstanceProfile profile = **found_profile;
    Role role = **found_role;
    if (profile.roles.size() >= kMaxRolesPerInstanceProfile)
      return std::unexpected(
          errors::LimitExceeded("Cannot exceed quota for InstanceSessionsPerInstanceProfile: " +
                                std::to_string(kMaxRolesPerInstanceProfile)));
    std::string profile_key = FoldName(profile.name), role_key = FoldName(role.name);
    profile.roles.push_back(role_key);
    role.instance_profiles.push_back(profile_key);
    return Change().Upsert(profile_key, profile).Upsert(role_key, role);
  });
}

Result<void> RemoveRoleFromInstanceProfile(OpContext& ctx, const std::string& profile_name,
                                           const std::string& role_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found_profile = FindInstanceProfile(s, profile_name);
    if (!found_profile) return std::unexpected(found_profile.error());
    auto found_role = FindRole(s, role_name);
    if (!found_role) return std::unexpected(found_role.error());
    InstanceProfile profile = **found_profile;
    Role role = **found_role;
    std::string profile_key = FoldName(profile.name), role_key = FoldName(role.name);
    if (std::ranges::find(profile.roles, role_key) == profile.roles.end())
      return std::unexpected(errors::NoSuchEntity("Role " + role_name + " in Instance Profile " +
                                                  profile_name + " cannot be found."));
    Erase(profile.roles, role_key);
    Erase(role.instance_profiles, profile_key);
    return Change().Upsert(profile_key, profile).Upsert(role_key, role);
  });
}

Result<void> TagInstanceProfile(OpContext& ctx, const std::string& name, const Tags& tags) {
  return EditProfile(ctx, name, [&](InstanceProfile& profile) -> Result<void> {
    auto merged = MergeTags(profile.tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    profile.tags = std::move(*merged);
    return Ok();
  });
}

Result<void> UntagInstanceProfile(OpContext& ctx, const std::string& name,
                                  const std::vector<std::string>& keys) {
  return EditProfile(ctx, name, [&](InstanceProfile& profile) -> Result<void> {
    profile.tags = RemoveTags(profile.tags, keys);
    return Ok();
  });
}

Result<Page<Tag>> ListInstanceProfileTags(OpContext& ctx, const std::string& name,
                                          const PageRequest& page) {
  Result<Page<Tag>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindInstanceProfile(s, name);
    if (!found)
      out = std::unexpected(found.error());
    else
      out = PaginateVector((*found)->tags, "ListInstanceProfileTags", page);
  });
  return out;
}

}  // namespace iamlite::ops
