#include "core/ops/inline_policies.h"

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/policy/parser.h"
#include "core/policy/policy_size.h"

namespace iamlite::ops {
namespace {

template <class T>
struct Traits;
template <>
struct Traits<User> {
  static constexpr auto Find = FindUser;
  static constexpr auto kQuota = policy::PolicySizeQuota::kUserInline;
};
template <>
struct Traits<Group> {
  static constexpr auto Find = FindGroup;
  static constexpr auto kQuota = policy::PolicySizeQuota::kGroupInline;
};
template <>
struct Traits<Role> {
  static constexpr auto Find = FindRole;
  static constexpr auto kQuota = policy::PolicySizeQuota::kRoleInline;
};

// Recorded from AWS: "The role policy with name X cannot be found." (and group, user).
IamError NoSuchPolicy(EntityKind kind, const std::string& policy_name) {
  return errors::NoSuchEntity("The " + std::string(EntityWord(kind)) + " policy with name " +
                              policy_name + " cannot be found.");
}

template <class T>
Result<Change> PlanPut(const AccountState& s, const std::string& entity_name,
                       const std::string& policy_name, const PolicyDocument& doc,
                       const Result<void>& parsed) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  if (!parsed) return std::unexpected(parsed.error());
  T updated = **found;
  updated.inline_policies[policy_name] = doc;
  // AWS counts all of the entity's inline policies together against one quota.
  std::size_t total = 0;
  for (const auto& [name, d] : updated.inline_policies) total += policy::PolicySize(d.text());
  if (auto ok = policy::CheckPolicySize(Traits<T>::kQuota, total, updated.name); !ok)
    return std::unexpected(ok.error());
  return Change().Upsert(FoldName(updated.name), updated);
}

template <class T>
Result<Change> PlanDelete(const AccountState& s, EntityKind kind, const std::string& entity_name,
                          const std::string& policy_name) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  T updated = **found;
  if (updated.inline_policies.erase(policy_name) == 0)
    return std::unexpected(NoSuchPolicy(kind, policy_name));
  return Change().Upsert(FoldName(updated.name), updated);
}

template <class T>
Result<InlinePolicyView> GetFrom(const AccountState& s, EntityKind kind,
                                 const std::string& entity_name, const std::string& policy_name) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  auto it = (*found)->inline_policies.find(policy_name);
  if (it == (*found)->inline_policies.end())
    return std::unexpected(NoSuchPolicy(kind, policy_name));
  return InlinePolicyView{(*found)->name, it->first, it->second.text()};
}

template <class T>
Result<Page<std::string>> ListFrom(const AccountState& s, const std::string& entity_name,
                                   const PageRequest& page) {
  auto found = Traits<T>::Find(s, entity_name);
  if (!found) return std::unexpected(found.error());
  std::vector<std::pair<std::string, std::string>> names;
  for (const auto& [name, doc] : (*found)->inline_policies) names.emplace_back(name, name);
  return PaginateSorted(names, "ListInlinePolicies", page);
}

}  // namespace

Result<void> PutInlinePolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                             const std::string& policy_name, const std::string& document) {
  // Validated before taking the lock (an unknown entity is still reported first); the parsed
  // form is not kept: it is built again if the policy is ever evaluated (PolicyDocument).
  Result<void> parsed = Ok();
  if (auto valid = policy::ParsePolicy(document, policy::PolicyKind::kInlineIdentity); !valid)
    parsed = std::unexpected(valid.error());
  const PolicyDocument doc(document, policy::PolicyKind::kInlineIdentity);
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) {
    return DispatchEntity(
        kind, [&]<class T>() { return PlanPut<T>(s, entity_name, policy_name, doc, parsed); });
  });
}

Result<InlinePolicyView> GetInlinePolicy(OpContext& ctx, EntityKind kind,
                                         const std::string& entity_name,
                                         const std::string& policy_name) {
  Result<InlinePolicyView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = DispatchEntity(kind,
                         [&]<class T>() { return GetFrom<T>(s, kind, entity_name, policy_name); });
  });
  return out;
}

Result<void> DeleteInlinePolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                                const std::string& policy_name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) {
    return DispatchEntity(
        kind, [&]<class T>() { return PlanDelete<T>(s, kind, entity_name, policy_name); });
  });
}

Result<Page<std::string>> ListInlinePolicies(OpContext& ctx, EntityKind kind,
                                             const std::string& entity_name,
                                             const PageRequest& page) {
  Result<Page<std::string>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = DispatchEntity(kind, [&]<class T>() { return ListFrom<T>(s, entity_name, page); });
  });
  return out;
}

}  // namespace iamlite::ops
