// The effective policies of principals (effective_policies.h), kept between requests while
// their account is unchanged: the simulator and the enforce-mode authorizer ask for the same
// principals request after request.
//
// An entry remembers the generation of the account state it was computed from
// (AccountState::generation, bumped by every change, reset and import); it is used only for a
// state of that same generation, so it always equals a fresh computation. Callers look up and
// compute under the account's read lock (Store::Read), which is what makes the generation
// they pass the state's. At most kMaxEntries entries; when full, all are dropped.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/ops/effective_policies.h"

namespace iamlite::ops {

class EffectivePoliciesCache {
 public:
  static constexpr std::size_t kMaxEntries = 1024;

  // The policies of `arn` in `s` (whose id is `account`), from the cache when it holds them for
  // s.generation, else computed (and kept when found). Errors as EffectivePoliciesOf; they are
  // not kept. Call with the account's lock held, as Store::Read does.
  Result<std::shared_ptr<const EffectivePolicies>> Get(const AccountState& s,
                                                       const std::string& account,
                                                       const std::string& arn);

  std::size_t size() const;
  void Clear();

 private:
  struct Entry {
    std::uint64_t generation;
    std::shared_ptr<const EffectivePolicies> policies;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // key: account '\n' arn
};

// EffectivePoliciesOf for the caller's account, through ctx.runtime's cache when the context
// has a runtime, computed afresh otherwise.
Result<std::shared_ptr<const EffectivePolicies>> SharedEffectivePoliciesOf(OpContext& ctx,
                                                                           const std::string& arn);

}  // namespace iamlite::ops
