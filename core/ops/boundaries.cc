#include "core/ops/boundaries.h"

#include <algorithm>

#include "core/names.h"
#include "core/ops/users.h"

namespace iamlite::ops {
namespace {

// Adds `delta` to the usage count of the policy `arn`, in `policies`/`settings` copies that the
// caller writes back once.
void AddUsage(const AccountState& s, const std::string& arn, int delta, Change& change,
              AccountSettings& settings, bool& settings_touched) {
  if (arn.empty()) return;
  if (arn.starts_with(kAwsManagedPolicyArnPrefix)) {
    int& n = settings.aws_policy_boundary_usage[arn];
    n += delta;
    if (n <= 0) settings.aws_policy_boundary_usage.erase(arn);
    settings_touched = true;
    return;
  }
  auto found = FindPolicyByArn(s, arn, NoSuchBoundaryMessage);
  if (!found || !found->customer) return;
  ManagedPolicy p = *found->customer;
  p.boundary_usage_count = std::max(0, p.boundary_usage_count + delta);
  change.Upsert(found->key, p);
}

// The shared body of Put{User,Role}PermissionsBoundary: T is User or Role.
template <class T, class FindFn>
Result<void> PutBoundary(OpContext& ctx, const std::string& name, const std::string& arn,
                         FindFn find) {
  if (auto ok = CheckPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = find(s, name);
    if (!found) return std::unexpected(found.error());
    if (auto policy = FindBoundary(s, arn); !policy) return std::unexpected(policy.error());
    T entity = **found;
    Change change;
    MoveBoundaryUsage(s, entity.permissions_boundary, arn, change);
    entity.permissions_boundary = arn;
    return change.Upsert(FoldName(entity.name), entity);
  });
}

template <class T, class FindFn>
Result<void> DeleteBoundary(OpContext& ctx, const std::string& name, FindFn find) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = find(s, name);
    if (!found) return std::unexpected(found.error());
    if ((*found)->permissions_boundary.empty()) return Change();
    T entity = **found;
    Change change;
    MoveBoundaryUsage(s, entity.permissions_boundary, "", change);
    entity.permissions_boundary.clear();
    return change.Upsert(FoldName(entity.name), entity);
  });
}

}  // namespace

std::string NoSuchBoundaryMessage(const std::string& arn) {
  return "Scope ARN: " + arn + " does not exist or is not attachable.";
}

Result<PolicyRef> FindBoundary(const AccountState& s, const std::string& arn) {
  if (auto ok = CheckPolicyArn(arn); !ok) return std::unexpected(ok.error());
  auto found = FindPolicyByArn(s, arn, NoSuchBoundaryMessage);
  if (!found) return std::unexpected(found.error());
  // "or is not attachable": AWS managed policies reserved for service-linked roles.
  if (found->aws && !found->aws->attachable)
    return std::unexpected(errors::NoSuchEntity(NoSuchBoundaryMessage(arn)));
  return found;
}

void MoveBoundaryUsage(const AccountState& s, const std::string& old_arn,
                       const std::string& new_arn, Change& change) {
  if (old_arn == new_arn) return;
  AccountSettings settings = *s.settings;
  bool settings_touched = false;
  AddUsage(s, old_arn, -1, change, settings, settings_touched);
  AddUsage(s, new_arn, +1, change, settings, settings_touched);
  if (settings_touched) change.SetSettings(settings);
}

Result<void> PutUserPermissionsBoundary(OpContext& ctx, const std::string& user_name,
                                        const std::string& policy_arn) {
  return PutBoundary<User>(ctx, user_name, policy_arn, FindUser);
}
Result<void> PutRolePermissionsBoundary(OpContext& ctx, const std::string& role_name,
                                        const std::string& policy_arn) {
  return PutBoundary<Role>(ctx, role_name, policy_arn, FindRole);
}
Result<void> DeleteUserPermissionsBoundary(OpContext& ctx, const std::string& user_name) {
  return DeleteBoundary<User>(ctx, user_name, FindUser);
}
Result<void> DeleteRolePermissionsBoundary(OpContext& ctx, const std::string& role_name) {
  return DeleteBoundary<Role>(ctx, role_name, FindRole);
}

}  // namespace iamlite::ops
