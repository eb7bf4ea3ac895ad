#include "core/ops/roles.h"

#include "core/names.h"
#include "core/ops/boundaries.h"
#include "core/ops/lookup.h"
#include "core/ops/service_linked_roles.h"
#include "core/ops/users.h"
#include "core/policy/parser.h"
#include "core/policy/policy_size.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

// The first reason AWS gives for refusing DeleteRole, if any. Each message is recorded from AWS;
// their order when several apply is not (ours: instance profiles, then policies as DeleteUser).
std::optional<std::string> DeleteBlocker(const Role& r) {
  if (!r.instance_profiles.empty())
    return "Cannot delete entity, must remove roles from instance profile first.";
  if (!r.inline_policies.empty()) return "Cannot delete entity, must delete policies first.";
  if (!r.attached_policies.empty()) return "Cannot delete entity, must detach all policies first.";
  return std::nullopt;
}

// Reads one role into `out`, or its NoSuchEntity error.
template <class Out>
void ReadRole(OpContext& ctx, const std::string& role_name, Out& out,
              const std::function<void(const Role&)>& use) {
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindRole(s, role_name);
    if (!found)
      out = std::unexpected(found.error());
    else
      use(**found);
  });
}

// Applies `edit` to the named role in one Mutate.
Result<void> EditRole(OpContext& ctx, const std::string& role_name,
                      const std::function<Result<void>(Role&)>& edit) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindRole(s, role_name);
    if (!found) return std::unexpected(found.error());
    Role role = **found;
    if (auto ok = edit(role); !ok) return std::unexpected(ok.error());
    return Change().Upsert(FoldName(role.name), role);
  });
}

}  // namespace

Result<PolicyDocument> ParseTrustPolicy(const std::string& text) {
  auto compiled = policy::ParsePolicy(text, policy::PolicyKind::kTrust);
  if (!compiled) return std::unexpected(compiled.error());
  if (auto ok =
          policy::CheckPolicySize(policy::PolicySizeQuota::kRoleTrust, policy::PolicySize(text));
      !ok)
    return std::unexpected(ok.error());
  // The parsed form is built again when the trust policy is first evaluated (PolicyDocument).
  return PolicyDocument(text, policy::PolicyKind::kTrust);
}

Result<Role> CreateRole(OpContext& ctx, const CreateRoleInput& in) {
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  if (!in.permissions_boundary.empty()) {
    if (auto ok = CheckPolicyArn(in.permissions_boundary); !ok) return std::unexpected(ok.error());
  }
  auto trust = ParseTrustPolicy(in.assume_role_policy_document);
  if (!trust) return std::unexpected(trust.error());
  Role role;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.roles.contains(FoldName(in.role_name)))
      return std::unexpected(
          errors::EntityAlreadyExists("Role with name " + in.role_name + " already exists."));
    if (s.roles.size() >= kMaxRolesPerAccount)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for RolesPerAccount: " +
                                                   std::to_string(kMaxRolesPerAccount)));
    Change change;
    if (!in.permissions_boundary.empty()) {
      if (auto b = FindBoundary(s, in.permissions_boundary); !b) return std::unexpected(b.error());
      MoveBoundaryUsage(s, "", in.permissions_boundary, change);
    }
    role.id = ctx.ids.UniqueId(id_prefix::kRole);
    role.name = in.role_name;
    role.path = in.path;
    role.create_date = ctx.clock.Now();
    role.assume_role_policy = *trust;
    role.description = in.description;
    role.max_session_duration = in.max_session_duration.value_or(3600);
    role.permissions_boundary = in.permissions_boundary;
    role.tags = in.tags;
    return change.Upsert(FoldName(role.name), role);
  });
  if (!done) return std::unexpected(done.error());
  return role;
}

Result<Role> GetRole(OpContext& ctx, const std::string& role_name) {
  Result<Role> out;
  ReadRole(ctx, role_name, out, [&](const Role& r) { out = r; });
  return out;
}

Result<Page<std::shared_ptr<const Role>>> ListRoles(OpContext& ctx, const std::string& path_prefix,
                                                    const PageRequest& page) {
  Result<Page<std::shared_ptr<const Role>>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = Paginate(s.roles, "ListRoles", page,
                   [&](const Role& r) { return PathHasPrefix(r.path, path_prefix); });
  });
  return out;
}

Result<void> UpdateRole(OpContext& ctx, const UpdateRoleInput& in) {
  return EditRole(ctx, in.role_name, [&](Role& role) -> Result<void> {
    if (in.description) role.description = *in.description;
    if (in.max_session_duration) role.max_session_duration = *in.max_session_duration;
    return Ok();
  });
}

Result<Role> UpdateRoleDescription(OpContext& ctx, const std::string& role_name,
                                   const std::string& description) {
  Role updated;
  auto done = EditRole(ctx, role_name, [&](Role& role) -> Result<void> {
    role.description = description;
    updated = role;
    return Ok();
  });
  if (!done) return std::unexpected(done.error());
  return updated;
}

Result<void> UpdateAssumeRolePolicy(OpContext& ctx, const std::string& role_name,
                                    const std::string& policy_document) {
  auto trust = ParseTrustPolicy(policy_document);
  if (!trust) return std::unexpected(trust.error());
  return EditRole(ctx, role_name, [&](Role& role) -> Result<void> {
    role.assume_role_policy = *trust;
    return Ok();
  });
}

Result<void> DeleteRole(OpContext& ctx, const std::string& role_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindRole(s, role_name);
    if (!found) return std::unexpected(found.error());
    if (IsServiceLinkedRolePath((*found)->path))
      return std::unexpected(ProtectedRole((*found)->name));  // DeleteServiceLinkedRole's job
    if (auto why = DeleteBlocker(**found)) return std::unexpected(errors::DeleteConflict(*why));
    Change change;
    MoveBoundaryUsage(s, (*found)->permissions_boundary, "", change);
    return change.Remove<Role>(FoldName((*found)->name));
  });
}

Result<void> TagRole(OpContext& ctx, const std::string& role_name, const Tags& tags) {
  return EditRole(ctx, role_name, [&](Role& role) -> Result<void> {
    auto merged = MergeTags(role.tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    role.tags = std::move(*merged);
    return Ok();
  });
}

Result<void> UntagRole(OpContext& ctx, const std::string& role_name,
                       const std::vector<std::string>& keys) {
  return EditRole(ctx, role_name, [&](Role& role) -> Result<void> {
    role.tags = RemoveTags(role.tags, keys);
    return Ok();
  });
}

Result<Page<Tag>> ListRoleTags(OpContext& ctx, const std::string& role_name,
                               const PageRequest& page) {
  Result<Page<Tag>> out;
  ReadRole(ctx, role_name, out,
           [&](const Role& r) { out = PaginateVector(r.tags, "ListRoleTags", page); });
  return out;
}

}  // namespace iamlite::ops
