#include "core/ops/access_keys.h"

#include <algorithm>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/ops/target_user.h"

namespace iamlite::ops {
namespace {

IamError NoSuchKey(const std::string& key_id) {
  return errors::NoSuchEntity("The Access Key with id " + key_id + " cannot be found.");
}

// The key `key_id` of `user`: AWS looks keys up under the user, so another user's key is
// "not found" too.
Result<std::shared_ptr<const AccessKey>> FindUserKey(const AccountState& s, const User& user,
                                                     const std::string& key_id) {
  auto key = FindAccessKey(s, key_id);
  if (!key || key->user != FoldName(user.name)) return std::unexpected(NoSuchKey(key_id));
  return key;
}

}  // namespace

std::shared_ptr<const AccessKey> FindAccessKey(const AccountState& s, const std::string& key_id) {
  auto it = s.access_keys.find(key_id);
  return it == s.access_keys.end() ? nullptr : it->second;
}

Result<AccessKeyView> CreateAccessKey(OpContext& ctx, const std::optional<std::string>& user_name) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  AccessKeyView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, *name);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    if (user.access_keys.size() >= kMaxAccessKeysPerUser)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for AccessKeysPerUser: " +
                                                   std::to_string(kMaxAccessKeysPerUser)));
    AccessKey key;
    do {
      key.id = ctx.ids.UniqueId(id_prefix::kAccessKey, kAccessKeyIdSuffixLength);
    } while (s.access_keys.contains(key.id));
    key.user = FoldName(user.name);
    key.secret = ctx.ids.Secret();
    key.create_date = ctx.clock.Now();
    user.access_keys.push_back(key.id);
    out = {key, user.name};
    return Change().Upsert(key.id, key).Upsert(key.user, user);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<Page<AccessKeyView>> ListAccessKeys(OpContext& ctx,
                                           const std::optional<std::string>& user_name,
                                           const PageRequest& page) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  Result<Page<AccessKeyView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindUser(s, *name);
    if (!found) {
      out = std::unexpected(found.error());
      return;
    }
    auto ids = PaginateVector((*found)->access_keys, "ListAccessKeys", page);
    if (!ids) {
      out = std::unexpected(ids.error());
      return;
    }
    Page<AccessKeyView> views{{}, ids->truncated, ids->next_marker};
    for (const auto& id : ids->items)
      if (auto key = FindAccessKey(s, id)) views.items.push_back({*key, (*found)->name});
    out = std::move(views);
  });
  return out;
}

Result<void> UpdateAccessKey(OpContext& ctx, const std::optional<std::string>& user_name,
                             const std::string& key_id, const std::string& status) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  if (status != "Active" && status != "Inactive")
    return std::unexpected(errors::InvalidInput("Access key status " + status +
                                                " cannot be set; use Active or Inactive."));
  const bool active = status == "Active";
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, *name);
    if (!user) return std::unexpected(user.error());
    auto found = FindUserKey(s, **user, key_id);
    if (!found) return std::unexpected(found.error());
    if ((*found)->active == active) return Change();
    AccessKey key = **found;
    key.active = active;
    return Change().Upsert(key.id, key);
  });
}

Result<void> DeleteAccessKey(OpContext& ctx, const std::optional<std::string>& user_name,
                             const std::string& key_id) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindUser(s, *name);
    if (!found) return std::unexpected(found.error());
    if (auto key = FindUserKey(s, **found, key_id); !key) return std::unexpected(key.error());
    User user = **found;
    std::erase(user.access_keys, key_id);
    return Change().Remove<AccessKey>(key_id).Upsert(FoldName(user.name), user);
  });
}

Result<AccessKeyLastUsedView> GetAccessKeyLastUsed(OpContext& ctx, const std::string& key_id) {
  Result<AccessKeyLastUsedView> out = std::unexpected(
      errors::AccessDenied("User: " + ctx.caller.arn +
                           " is not authorized to perform iam:GetAccessKeyLastUsed on resource: "
                           "access key " +
                           key_id));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto key = FindAccessKey(s, key_id);
    if (!key) return;
    auto user = s.users.find(key->user);
    if (user == s.users.end()) return;
    out = AccessKeyLastUsedView{user->second->name, key->last_used};
  });
  return out;
}

Result<void> RecordAccessKeyUse(Store& store, const std::string& account, const std::string& key_id,
                                const std::string& service, const std::string& region,
                                TimeMs when) {
  return store.Mutate(account, [&](const AccountState& s) -> Result<Change> {
    auto found = FindAccessKey(s, key_id);
    if (!found) return std::unexpected(NoSuchKey(key_id));
    const auto& last = found->last_used;
    if (last && last->service == service && last->region == region && when >= last->date &&
        when - last->date < kLastUsedGranularityMs)
      return Change();
    if (last && when < last->date) return Change();  // a late report of an older use
    AccessKey key = *found;
    key.last_used = AccessKeyLastUsed{when, service, region};
    return Change().Upsert(key.id, key);
  });
}

}  // namespace iamlite::ops
