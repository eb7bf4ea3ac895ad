#include "core/ops/users.h"

#include <algorithm>

#include "core/names.h"
#include "core/ops/boundaries.h"
#include "core/ops/lookup.h"
#include "core/ops/user_credentials.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

// The first reason AWS gives for refusing DeleteUser, if any.
std::optional<std::string> DeleteBlocker(const AccountState& s, const User& u) {
  if (u.login_profile) return "Cannot delete entity, must delete login profile first.";
  if (!u.access_keys.empty()) return "Cannot delete entity, must delete access keys first.";
  if (auto why = UserCredentialBlocker(s, u.id)) return why;
  if (u.other_credentials > 0 || !u.service_credentials.empty())
    return "Cannot delete entity, must remove referenced objects first.";
  if (!u.groups.empty()) return "Cannot delete entity, must remove users from group first.";
  if (!u.inline_policies.empty()) return "Cannot delete entity, must delete policies first.";
  if (!u.attached_policies.empty()) return "Cannot delete entity, must detach all policies first.";
  return std::nullopt;
}

// A renamed user's key changes: rewrite the groups and access keys that refer to it.
void RenameReferences(const AccountState& s, const std::string& old_key, const std::string& new_key,
                      Change& change) {
  if (old_key == new_key) return;
  for (const auto& [gkey, group] : s.groups) {
    auto it = std::find(group->members.begin(), group->members.end(), old_key);
    if (it == group->members.end()) continue;
    Group g = *group;
    g.members[static_cast<size_t>(it - group->members.begin())] = new_key;
    change.Upsert(gkey, g);
  }
  for (const auto& [kid, key] : s.access_keys) {
    if (key->user != old_key) continue;
    AccessKey k = *key;
    k.user = new_key;
    change.Upsert(kid, k);
  }
}

}  // namespace

Result<void> CheckPolicyArn(const std::string& arn) {
  // arn:aws:iam::ACCOUNT:policy/PATH/NAME where ACCOUNT is 12 digits or "aws".
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  bool ok = arn.starts_with(kPrefix);
  if (ok) {
    auto rest = std::string_view(arn).substr(kPrefix.size());
    auto colon = rest.find(':');
    auto account = rest.substr(0, colon);
    bool digits =
        account.size() == 12 && account.find_first_not_of("0123456789") == std::string_view::npos;
    ok = colon != std::string_view::npos && (digits || account == "aws") &&
         rest.substr(colon + 1).starts_with("policy/") && rest.size() > colon + 8;
  }
  if (!ok) return std::unexpected(errors::InvalidInput("ARN " + arn + " is not valid."));
  return Ok();
}

Result<User> CreateUser(OpContext& ctx, const CreateUserInput& in) {
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  if (!in.permissions_boundary.empty()) {
    if (auto ok = CheckPolicyArn(in.permissions_boundary); !ok) return std::unexpected(ok.error());
  }
  User user;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.users.contains(FoldName(in.user_name)))
      return std::unexpected(
          errors::EntityAlreadyExists("User with name " + in.user_name + " already exists."));
    if (s.users.size() >= kMaxUsersPerAccount)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for UsersPerAccount: " +
                                                   std::to_string(kMaxUsersPerAccount)));
    Change change;
    if (!in.permissions_boundary.empty()) {
      if (auto b = FindBoundary(s, in.permissions_boundary); !b) return std::unexpected(b.error());
      MoveBoundaryUsage(s, "", in.permissions_boundary, change);
    }
    user.id = ctx.ids.UniqueId(id_prefix::kUser);
    user.name = in.user_name;
    user.path = in.path;
    user.create_date = ctx.clock.Now();
    user.permissions_boundary = in.permissions_boundary;
    user.tags = in.tags;
    return change.Upsert(FoldName(user.name), user);
  });
  if (!done) return std::unexpected(done.error());
  return user;
}

Result<User> GetUser(OpContext& ctx, const std::optional<std::string>& user_name) {
  if (!user_name && ctx.caller.type == Caller::Type::kRoot) {
    User root;
    root.id = ctx.account();
    root.path = "";
    ctx.store.Read(ctx.account(), [&](const AccountState& s) { root.create_date = s.created; });
    return root;
  }
  if (!user_name && ctx.caller.type != Caller::Type::kUser)
    return std::unexpected(
        errors::ValidationError("Must specify userName when calling with non-User credentials"));
  std::string name = user_name.value_or(ctx.caller.user_name);
  Result<User> out = std::unexpected(errors::NoSuchEntity(NoSuchUserMessage(name)));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    if (auto u = FindUser(s, name)) out = **u;
  });
  return out;
}

Result<Page<std::shared_ptr<const User>>> ListUsers(OpContext& ctx, const std::string& path_prefix,
                                                    const PageRequest& page) {
  Result<Page<std::shared_ptr<const User>>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = Paginate(s.users, "ListUsers", page,
                   [&](const User& u) { return PathHasPrefix(u.path, path_prefix); });
  });
  return out;
}

Result<void> UpdateUser(OpContext& ctx, const UpdateUserInput& in) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, in.user_name);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    Change change;
    if (in.new_user_name) {
      std::string new_key = FoldName(*in.new_user_name);
      if (new_key != FoldName(user.name) && s.users.contains(new_key))
        return std::unexpected(errors::EntityAlreadyExists("User with name " + *in.new_user_name +
                                                           " already exists."));
      change.Remove<User>(FoldName(user.name));
      RenameReferences(s, FoldName(user.name), new_key, change);
      user.name = *in.new_user_name;
    }
    if (in.new_path) user.path = *in.new_path;
    return change.Upsert(FoldName(user.name), user);
  });
}

Result<void> DeleteUser(OpContext& ctx, const std::string& user_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, user_name);
    if (!found) return std::unexpected(found.error());
    if (auto why = DeleteBlocker(s, **found)) return std::unexpected(errors::DeleteConflict(*why));
    Change change;
    MoveBoundaryUsage(s, (*found)->permissions_boundary, "", change);
    return change.Remove<User>(FoldName((*found)->name));
  });
}

Result<void> TagUser(OpContext& ctx, const std::string& user_name, const Tags& tags) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, user_name);
    if (!found) return std::unexpected(found.error());
    auto merged = MergeTags((*found)->tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    User user = **found;
    user.tags = std::move(*merged);
    return Change().Upsert(FoldName(user.name), user);
  });
}

Result<void> UntagUser(OpContext& ctx, const std::string& user_name,
                       const std::vector<std::string>& keys) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, user_name);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    user.tags = RemoveTags(user.tags, keys);
    return Change().Upsert(FoldName(user.name), user);
  });
}

Result<Page<Tag>> ListUserTags(OpContext& ctx, const std::string& user_name,
                               const PageRequest& page) {
  Result<Page<Tag>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindUser(s, user_name);
    if (!found)
      out = std::unexpected(found.error());
    else
      out = PaginateVector((*found)->tags, "ListUserTags/" + FoldName((*found)->name), page);
  });
  return out;
}

}  // namespace iamlite::ops
