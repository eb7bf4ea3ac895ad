// The in-memory store: account id -> AccountState, one mutex per account.
//
// Thread safety: every method may be called from any thread. Read() and Mutate() hold the
// account's lock only while their callback runs; callbacks must copy out what they return
// (or keep shared_ptr<const T>), never references into the state.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <vector>

#include "core/account_state.h"
#include "core/change.h"
#include "core/clock.h"
#include "core/error.h"

namespace iamlite {

class Store {
 public:
  // `clock` (optional, must outlive the store) stamps each account's creation time.
  explicit Store(const Clock* clock = nullptr) : clock_(clock) {}

  // Runs `read` on the account's state (created empty on first use).
  void Read(const std::string& account, const std::function<void(const AccountState&)>& read);

  // Runs `plan` on the account's state; when it yields a Change, applies it before the lock
  // is released, so check-then-change is atomic. An error leaves the state untouched.
  Result<void> Mutate(const std::string& account,
                      const std::function<Result<Change>(const AccountState&)>& plan);

  // Empties every account (the reset between tests).
  void Clear();

  std::vector<std::string> AccountIds() const;

  // The account whose state holds the access key `key_id`, or nullopt. Cost: a linear scan,
  // one account lock at a time (never two locks at once, never the account map's lock while an
  // account is locked): O(accounts x log keys) per call. Fine for an emulator's handful of
  // accounts; an index would have to be kept in step with every Change that touches keys.
  std::optional<std::string> FindAccessKeyOwner(const std::string& key_id);

 private:
  struct Slot {
    std::mutex mu;
    AccountState state;
  };
  Slot& SlotFor(const std::string& account);

  const Clock* clock_;
  mutable std::shared_mutex accounts_mu_;
  std::map<std::string, std::unique_ptr<Slot>> accounts_;
};

}  // namespace iamlite
