#include "core/ops/groups.h"

#include <algorithm>
#include <vector>

#include "core/names.h"
#include "core/ops/lookup.h"

namespace iamlite::ops {
namespace {

// Message recorded from AWS (CreateGroup and UpdateGroup duplicate names).
IamError GroupExists(const std::string& name) {
  return errors::EntityAlreadyExists("Group with name " + name + " already exists.");
}

// The first reason AWS gives for refusing DeleteGroup, if any. The wording matches AWS's
// DeleteUser/DeleteRole messages (recorded) and is confirmed for groups by DeleteGroup
// failures quoted in public issue reports (members: go-to-k/delstack#40 and
// hashicorp/terraform#29147; inline policies: rebuy-de/aws-nuke#275; attached policies:
// cloud-custodian/cloud-custodian#7484). The order of the checks is not documented.
std::optional<std::string> DeleteBlocker(const Group& g) {
  if (!g.members.empty()) return "Cannot delete entity, must remove users from group first.";
  if (!g.inline_policies.empty()) return "Cannot delete entity, must delete policies first.";
  if (!g.attached_policies.empty()) return "Cannot delete entity, must detach all policies first.";
  return std::nullopt;
}

// Resolves keys to entities, skipping any that no longer exist (none should: DeleteUser and
// DeleteGroup refuse while memberships remain).
template <class T>
std::vector<std::shared_ptr<const T>> Resolve(const Table<T>& table,
                                              const std::vector<std::string>& keys) {
  std::vector<std::shared_ptr<const T>> out;
  out.reserve(keys.size());
  for (const auto& key : keys)
    if (auto it = table.find(key); it != table.end()) out.push_back(it->second);
  return out;
}

bool Contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// A renamed group's key changes: rewrite the member users that refer to it.
void RenameReferences(const AccountState& s, const Group& group, const std::string& old_key,
                      const std::string& new_key, Change& change) {
  if (old_key == new_key) return;
  for (const auto& user_key : group.members) {
    auto it = s.users.find(user_key);
    if (it == s.users.end()) continue;
    User u = *it->second;
    std::replace(u.groups.begin(), u.groups.end(), old_key, new_key);
    change.Upsert(user_key, u);
  }
}

// Both sides of a membership, found in the order AWS reports missing ones: the user first
// (recorded for RemoveUserFromGroup when neither exists), then the group.
struct Membership {
  User user;
  Group group;
  std::string user_key;
  std::string group_key;
};
Result<Membership> FindMembership(const AccountState& s, const std::string& group_name,
                                  const std::string& user_name) {
  auto user = FindUser(s, user_name);
  if (!user) return std::unexpected(user.error());
  auto group = FindGroup(s, group_name);
  if (!group) return std::unexpected(group.error());
  return Membership{**user, **group, FoldName((*user)->name), FoldName((*group)->name)};
}

}  // namespace

Result<Group> CreateGroup(OpContext& ctx, const std::string& group_name, const std::string& path) {
  Group group;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.groups.contains(FoldName(group_name))) return std::unexpected(GroupExists(group_name));
    if (s.groups.size() >= kMaxGroupsPerAccount)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for GroupsPerAccount: " +
                                                   std::to_string(kMaxGroupsPerAccount)));
    group.id = ctx.ids.UniqueId(id_prefix::kGroup);
    group.name = group_name;
    group.path = path;
    group.create_date = ctx.clock.Now();
    return Change().Upsert(FoldName(group.name), group);
  });
  if (!done) return std::unexpected(done.error());
  return group;
}

Result<GroupWithUsers> GetGroup(OpContext& ctx, const std::string& group_name,
                                const PageRequest& page) {
  Result<GroupWithUsers> out =
      std::unexpected(errors::NoSuchEntity(NoSuchGroupMessage(group_name)));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto group = FindGroup(s, group_name);
    if (!group) return;
    auto users = PaginateVector(Resolve(s.users, (*group)->members),
                                "GetGroup/" + FoldName((*group)->name), page);
    if (!users)
      out = std::unexpected(users.error());
    else
      out = GroupWithUsers{**group, std::move(*users)};
  });
  return out;
}

Result<Page<std::shared_ptr<const Group>>> ListGroups(OpContext& ctx,
                                                      const std::string& path_prefix,
                                                      const PageRequest& page) {
  Result<Page<std::shared_ptr<const Group>>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = Paginate(s.groups, "ListGroups", page,
                   [&](const Group& g) { return PathHasPrefix(g.path, path_prefix); });
  });
  return out;
}

Result<void> UpdateGroup(OpContext& ctx, const UpdateGroupInput& in) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindGroup(s, in.group_name);
    if (!found) return std::unexpected(found.error());
    Group group = **found;
    const std::string old_key = FoldName(group.name);
    Change change;
    if (in.new_group_name) {
      std::string new_key = FoldName(*in.new_group_name);
      if (new_key != old_key && s.groups.contains(new_key))
        return std::unexpected(GroupExists(*in.new_group_name));
      change.Remove<Group>(old_key);
      RenameReferences(s, group, old_key, new_key, change);
      group.name = *in.new_group_name;
    }
    if (in.new_path) group.path = *in.new_path;
    return change.Upsert(FoldName(group.name), group);
  });
}

Result<void> DeleteGroup(OpContext& ctx, const std::string& group_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindGroup(s, group_name);
    if (!found) return std::unexpected(found.error());
    if (auto why = DeleteBlocker(**found)) return std::unexpected(errors::DeleteConflict(*why));
    return Change().Remove<Group>(FoldName((*found)->name));
  });
}

Result<void> AddUserToGroup(OpContext& ctx, const std::string& group_name,
                            const std::string& user_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto m = FindMembership(s, group_name, user_name);
    if (!m) return std::unexpected(m.error());
    if (Contains(m->group.members, m->user_key)) return Change();  // already a member
    if (m->user.groups.size() >= kMaxGroupsPerUser)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for GroupsPerUser: " +
                                                   std::to_string(kMaxGroupsPerUser)));
    m->group.members.push_back(m->user_key);
    m->user.groups.push_back(m->group_key);
    return Change().Upsert(m->group_key, m->group).Upsert(m->user_key, m->user);
  });
}

Result<void> RemoveUserFromGroup(OpContext& ctx, const std::string& group_name,
                                 const std::string& user_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto m = FindMembership(s, group_name, user_name);
    if (!m) return std::unexpected(m.error());
    // AWS answers 200 for a user who is not a member (recorded: test_iam_users
    // test_user_group_membership, "remove-nonmember-user-from-group").
    if (!Contains(m->group.members, m->user_key)) return Change();
    std::erase(m->group.members, m->user_key);
    std::erase(m->user.groups, m->group_key);
    return Change().Upsert(m->group_key, m->group).Upsert(m->user_key, m->user);
  });
}

Result<Page<std::shared_ptr<const Group>>> ListGroupsForUser(OpContext& ctx,
                                                             const std::string& user_name,
                                                             const PageRequest& page) {
  Result<Page<std::shared_ptr<const Group>>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindUser(s, user_name);
    if (!user)
      out = std::unexpected(user.error());
    else
      out = PaginateVector(Resolve(s.groups, (*user)->groups),
                           "ListGroupsForUser/" + FoldName((*user)->name), page);
  });
  return out;
}

}  // namespace iamlite::ops
