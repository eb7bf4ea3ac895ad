#include "core/ops/attachments.h"

#include <algorithm>

#include "core/names.h"
#include "core/ops/lookup.h"

namespace iamlite::ops {
namespace {

std::string NotAttachable(const std::string& arn) {
  return "Policy " + arn + " does not exist or is not attachable.";
}

// Per entity type: how to find it and how AWS names its quota and kind.
template <class T>
struct Traits;
template <>
struct Traits<User> {
  static constexpr auto Find = FindUser;
  static constexpr const char* kQuota = "PoliciesPerUser";
  // Unconfirmed: AWS's wording is recorded for roles only (below).
  static constexpr const char* kServiceRolePolicy =
      "Cannot attach a Service Role Policy to a User.";
};
template <>
struct Traits<Group> {
  static constexpr auto Find = FindGroup;
  static constexpr const char* kQuota = "PoliciesPerGroup";
  static constexpr const char* kServiceRolePolicy =
      "Cannot attach a Service Role Policy to a Group.";
};
template <>
struct Traits<Role> {
  static constexpr auto Find = FindRole;
  static constexpr const char* kQuota = "PoliciesPerRole";
  // Quoted from AWS in aws/aws-cdk#6131 (PolicyNotAttachable, 400).
  static constexpr const char* kServiceRolePolicy =
      "Cannot attach a Service Role Policy to a Customer Role.";
};

// "Cannot exceed quota for PoliciesPerRole: 10" and kin: quoted from AWS in public reports
// (aws/eks-hybrid#741, and the AWS CLI's answers to attach-user-policy and
// attach-group-policy quoted in several repositories).
template <class T>
Result<Change> PlanAttach(const AccountState& s, const std::string& entity_name,
                          const std::string& arn) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  auto ref = FindPolicyByArn(s, arn, NotAttachable);
  if (!ref) return std::unexpected(ref.error());
  if (ref->aws && ref->aws->path == "/aws-service-role/")
    return std::unexpected(IamError{"PolicyNotAttachable", 400, Traits<T>::kServiceRolePolicy});
  const T& entity = **found;
  auto& attached = entity.attached_policies;
  if (std::find(attached.begin(), attached.end(), arn) != attached.end()) return Change();
  if (attached.size() >= kMaxAttachedPoliciesPerEntity)
    return std::unexpected(errors::LimitExceeded(std::string("Cannot exceed quota for ") +
                                                 Traits<T>::kQuota + ": " +
                                                 std::to_string(kMaxAttachedPoliciesPerEntity)));
  T updated = entity;
  updated.attached_policies.push_back(arn);
  Change change;
  change.Upsert(FoldName(updated.name), updated);
  AddAttachments(s, *ref, +1, change);
  return change;
}

template <class T>
Result<Change> PlanDetach(const AccountState& s, const std::string& entity_name,
                          const std::string& arn) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  T updated = **found;
  if (std::erase(updated.attached_policies, arn) == 0)
    return std::unexpected(errors::NoSuchEntity("Policy " + arn + " was not found."));
  Change change;
  change.Upsert(FoldName(updated.name), updated);
  // An attached policy cannot be deleted, so it exists; stay safe if it does not.
  if (auto ref = FindPolicyByArn(s, arn, NotAttachable)) AddAttachments(s, *ref, -1, change);
  return change;
}

template <class T>
Result<Page<AttachedPolicy>> ListFor(const AccountState& s, const std::string& entity_name,
                                     const std::string& path_prefix, const PageRequest& page) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  std::vector<AttachedPolicy> items;
  for (const auto& arn : (*found)->attached_policies)
    if (PathHasPrefix(PolicyPathOfArn(arn), path_prefix))
      items.push_back({PolicyNameOfArn(arn), arn});
  return PaginateVector(items, "ListAttachedPolicies", page);
}

}  // namespace

Result<void> AttachPolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                          const std::string& policy_arn) {
  if (auto ok = CheckManagedPolicyArn(policy_arn); !ok) return ok;
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) {
    return DispatchEntity(kind,
                          [&]<class T>() { return PlanAttach<T>(s, entity_name, policy_arn); });
  });
}

Result<void> DetachPolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                          const std::string& policy_arn) {
  if (auto ok = CheckManagedPolicyArn(policy_arn); !ok) return ok;
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) {
    return DispatchEntity(kind,
                          [&]<class T>() { return PlanDetach<T>(s, entity_name, policy_arn); });
  });
}

Result<Page<AttachedPolicy>> ListAttachedPolicies(OpContext& ctx, EntityKind kind,
                                                  const std::string& entity_name,
                                                  const std::string& path_prefix,
                                                  const PageRequest& page) {
  Result<Page<AttachedPolicy>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = DispatchEntity(kind,
                         [&]<class T>() { return ListFor<T>(s, entity_name, path_prefix, page); });
  });
  return out;
}

}  // namespace iamlite::ops
