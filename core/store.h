// The in-memory store: account id -> AccountState, one reader-writer lock per account.
//
// Thread safety: every method may be called from any thread, except SetObserver (call it
// before the store is shared). Read() holds the account's lock shared (reads of one account
// run in parallel and never wait for each other, only for a writer); Mutate(), Clear() and
// ReplaceAll() hold it exclusively. Both hold it only while their callback runs; callbacks
// must copy out what they return (or keep shared_ptr<const T>), never references into the
// state. Methods that lock several accounts (Clear, ReplaceAll, Snapshot) lock them in
// account-id order, so they never deadlock with each other.
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
#include "core/rw_lock.h"

namespace iamlite {

// Told about every applied change while the changed account is still locked, so that a
// journal can make the change durable before anyone sees it acknowledged.
//
// The durability contract: Mutate, Clear and ReplaceAll return success only after the
// observer returned success for that change. When the observer fails, the store undoes the
// change in memory and returns the observer's error: no caller ever sees a change that the
// observer did not accept. Observers run inside the store's locks: they must not call back
// into the store.
class StoreObserver {
 public:
  virtual ~StoreObserver() = default;
  // `change` has just been applied to `state` (the account's whole state after it).
  virtual Result<void> OnChange(const AccountState& state, const Change& change) = 0;
  // `state` has just been emptied by Clear (its id and creation time remain).
  virtual Result<void> OnClear(const AccountState& state) = 0;
  // ReplaceAll has just installed `accounts` (every account that is not empty); all other
  // accounts are now empty. Every account is locked.
  virtual Result<void> OnReplaceAll(const std::vector<const AccountState*>& accounts) = 0;
};

class Store {
 public:
  // `clock` (optional, must outlive the store) stamps each account's creation time.
  explicit Store(const Clock* clock = nullptr) : clock_(clock) {}

  // Runs `read` on the account's state (created empty on first use). Several reads of one
  // account may run at once: `read` must not modify anything shared without its own locking.
  void Read(const std::string& account, const std::function<void(const AccountState&)>& read);

  // The account's generation (AccountState::generation): equal values mean an unchanged
  // state. 0 for an account never used.
  std::uint64_t Generation(const std::string& account);

  // Runs `plan` on the account's state; when it yields a Change, applies it (and has the
  // observer accept it) before the lock is released, so check-then-change is atomic. An error,
  // from `plan` or from the observer, leaves the state untouched.
  Result<void> Mutate(const std::string& account,
                      const std::function<Result<Change>(const AccountState&)>& plan);

  // Empties every account (the reset between tests), one account at a time. Accounts keep
  // their creation time. On an observer error the failing account keeps its state and the
  // accounts after it are not reached.
  Result<void> Clear();
  // Empties one account, if it exists.
  Result<void> Clear(const std::string& account);

  // Replaces everything atomically: every account becomes the one of `accounts` with its id
  // (keeping `created` from `accounts`), or empty when absent. Each account's generation
  // still moves forward. All or nothing, also when the observer fails.
  Result<void> ReplaceAll(std::map<std::string, AccountState> accounts);

  // A consistent copy of every non-empty account (all locked at once while copying). Cheap:
  // entities are shared, not copied.
  std::map<std::string, AccountState> Snapshot() const;

  std::vector<std::string> AccountIds() const;

  // The account whose state holds the access key `key_id`, or nullopt. Cost: a linear scan,
  // one account lock at a time (never two locks at once, never the account map's lock while an
  // account is locked): O(accounts x log keys) per call. Fine for an emulator's handful of
  // accounts; an index would have to be kept in step with every Change that touches keys.
  std::optional<std::string> FindAccessKeyOwner(const std::string& key_id);

  // Installs (or, with nullptr, removes) the observer; not thread-safe. `observer` must
  // outlive its installation.
  void SetObserver(StoreObserver* observer) { observer_ = observer; }

 private:
  struct Slot {
    // Shared by readers (Read, Snapshot, FindAccessKeyOwner), exclusive for writers; a
    // waiting writer goes before new readers (RwLock), so reads cannot starve Mutate.
    RwLock mu;
    AccountState state;
  };
  Slot& SlotFor(const std::string& account);
  Result<void> ClearSlot(const std::string& id, Slot& slot);

  const Clock* clock_;
  StoreObserver* observer_ = nullptr;
  mutable RwLock accounts_mu_;  // writer-preferring too: ReplaceAll is not starved by SlotFor
  std::map<std::string, std::unique_ptr<Slot>> accounts_;
};

// True when the account holds nothing: no entities and default settings.
bool IsEmpty(const AccountState& state);

}  // namespace iamlite
