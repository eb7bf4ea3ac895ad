#include "core/ops/authorization_details.h"

#include <algorithm>
#include <utility>
#include <variant>

#include "core/aws_managed_policies.h"
#include "core/ops/lookup.h"
#include "core/ops/policy_common.h"

namespace iamlite::ops {
namespace {

// One entry of the combined listing; resolved into its detail only when it is on the page.
using EntryRef = std::variant<std::shared_ptr<const User>, std::shared_ptr<const Group>,
                              std::shared_ptr<const Role>, PolicyRef>;

bool Wants(const std::vector<DetailKind>& filter, DetailKind kind) {
  return filter.empty() || std::find(filter.begin(), filter.end(), kind) != filter.end();
}

// The entries of the kinds wanted, sorted by their listing key: "0" users, "1" groups, "2"
// roles (each followed by the entity's key), "3" policies followed by the name, \x01 (below
// every name character) and 0 for AWS, 1 for customer, as ListPolicies orders them.
std::vector<std::pair<std::string, EntryRef>> Entries(const AccountState& s,
                                                      const std::vector<DetailKind>& filter) {
  std::vector<std::pair<std::string, EntryRef>> all;
  if (Wants(filter, DetailKind::kUser))
    for (const auto& [key, u] : s.users) all.emplace_back("0" + key, u);
  if (Wants(filter, DetailKind::kGroup))
    for (const auto& [key, g] : s.groups) all.emplace_back("1" + key, g);
  if (Wants(filter, DetailKind::kRole))
    for (const auto& [key, r] : s.roles) all.emplace_back("2" + key, r);
  if (Wants(filter, DetailKind::kLocalManagedPolicy))
    for (const auto& [key, p] : s.policies)
      all.emplace_back("3" + p->name +
                           "\x01"
                           "1",
                       PolicyRef{p, key, nullptr});
  if (Wants(filter, DetailKind::kAwsManagedPolicy))
    for (const auto& [arn, count] : s.settings->aws_policy_attachments)
      if (const AwsManagedPolicy* p = FindAwsManagedPolicy(arn); p && count > 0)
        all.emplace_back("3" + p->name +
                             "\x01"
                             "0",
                         PolicyRef{nullptr, "", p});
  std::sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  return all;
}

std::vector<AttachedPolicy> AttachedOf(const std::vector<std::string>& arns) {
  std::vector<AttachedPolicy> out;
  for (const auto& arn : arns) out.push_back({PolicyNameOfArn(arn), arn});
  return out;
}

UserDetail DetailOf(const AccountState& s, const std::shared_ptr<const User>& u) {
  UserDetail d{u, {}, AttachedOf(u->attached_policies)};
  for (const auto& key : u->groups)
    if (auto it = s.groups.find(key); it != s.groups.end())
      d.group_names.push_back(it->second->name);
  return d;
}

GroupDetail DetailOf(const AccountState&, const std::shared_ptr<const Group>& g) {
  return {g, AttachedOf(g->attached_policies)};
}

RoleDetail DetailOf(const AccountState& s, const std::shared_ptr<const Role>& r) {
  RoleDetail d{r, {}, AttachedOf(r->attached_policies)};
  std::vector<std::string> keys = r->instance_profiles;
  std::sort(keys.begin(), keys.end());
  for (const auto& key : keys)
    if (auto it = s.instance_profiles.find(key); it != s.instance_profiles.end())
      d.instance_profiles.push_back(ResolveInstanceProfile(s, it->second));
  return d;
}

ManagedPolicyDetail DetailOf(const AccountState& s, const PolicyRef& ref) {
  return {ViewOfPolicy(s, ref), VersionsOfPolicy(ref)};
}

}  // namespace

Result<AuthorizationDetails> GetAccountAuthorizationDetails(OpContext& ctx,
                                                            const std::vector<DetailKind>& filter,
                                                            const PageRequest& page) {
  Result<AuthorizationDetails> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto entries = PaginateSorted(Entries(s, filter), "GetAccountAuthorizationDetails", page);
    if (!entries) {
      out = std::unexpected(entries.error());
      return;
    }
    AuthorizationDetails details;
    details.truncated = entries->truncated;
    details.next_marker = entries->next_marker;
    for (const EntryRef& entry : entries->items) {
      std::visit(
          [&](const auto& ref) {
            auto detail = DetailOf(s, ref);
            using D = decltype(detail);
            if constexpr (std::is_same_v<D, UserDetail>)
              details.users.push_back(std::move(detail));
            else if constexpr (std::is_same_v<D, GroupDetail>)
              details.groups.push_back(std::move(detail));
            else if constexpr (std::is_same_v<D, RoleDetail>)
              details.roles.push_back(std::move(detail));
            else
              details.policies.push_back(std::move(detail));
          },
          entry);
    }
    out = std::move(details);
  });
  return out;
}

}  // namespace iamlite::ops
