#include "core/ops/effective_policies_cache.h"

#include "core/runtime.h"

namespace iamlite::ops {

Result<std::shared_ptr<const EffectivePolicies>> EffectivePoliciesCache::Get(
    const AccountState& s, const std::string& account, const std::string& arn) {
  std::string key;
  key.reserve(account.size() + 1 + arn.size());
  key += account;
  key += '\n';
  key += arn;
  {
    std::lock_guard lock(mu_);
    auto it = entries_.find(key);
    if (it != entries_.end() && it->second.generation == s.generation) return it->second.policies;
  }
  // Computed outside the cache's lock: other principals' lookups need not wait for it.
  auto found = EffectivePoliciesOf(s, account, arn);
  if (!found) return std::unexpected(found.error());
  auto shared = std::make_shared<const EffectivePolicies>(std::move(*found));
  std::lock_guard lock(mu_);
  if (entries_.size() >= kMaxEntries && !entries_.contains(key)) entries_.clear();
  entries_[std::move(key)] = Entry{s.generation, shared};
  return shared;
}

std::size_t EffectivePoliciesCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

void EffectivePoliciesCache::Clear() {
  std::lock_guard lock(mu_);
  entries_.clear();
}

Result<std::shared_ptr<const EffectivePolicies>> SharedEffectivePoliciesOf(OpContext& ctx,
                                                                           const std::string& arn) {
  Result<std::shared_ptr<const EffectivePolicies>> out =
      std::unexpected(errors::ServiceFailure("unreachable"));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    if (ctx.runtime) {
      out = ctx.runtime->effective_policies.Get(s, ctx.account(), arn);
      return;
    }
    auto found = EffectivePoliciesOf(s, ctx.account(), arn);
    if (!found) {
      out = std::unexpected(found.error());
      return;
    }
    out = std::make_shared<const EffectivePolicies>(std::move(*found));
  });
  return out;
}

}  // namespace iamlite::ops
