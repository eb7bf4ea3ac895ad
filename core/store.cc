#include "core/store.h"

#include <pthread.h>
#include <sched.h>

#include <condition_variable>
#include <deque>
#include <thread>
#include <type_traits>
#include <utility>

namespace iamlite {
namespace {

template <class Op>
struct EntityOf;
template <class T>
struct EntityOf<Put<T>> {
  using type = T;
};
template <class T>
struct EntityOf<Erase<T>> {
  using type = T;
};

// The ops that put back what `op` is about to overwrite in `s`.
template <class T>
void AddUndo(const AccountState& s, const std::string& key, Change& undo) {
  const auto& table = s.TableOf<T>();
  auto it = table.find(key);
  if (it == table.end()) {
    undo.ops.emplace_back(Erase<T>{key});
  } else {
    undo.ops.emplace_back(Put<T>{key, it->second});
  }
}

// A change that, applied after `change`, restores `s` as it is now. Ops are recorded in
// reverse order so that several ops on one key end with the oldest value.
Change UndoOf(const AccountState& s, const Change& change) {
  Change undo;
  for (auto it = change.ops.rbegin(); it != change.ops.rend(); ++it) {
    std::visit(
        [&]<class Op>(const Op& op) {
          if constexpr (std::is_same_v<Op, Put<AccountSettings>>) {
            undo.ops.emplace_back(Put<AccountSettings>{"", s.settings});
          } else {
            AddUndo<typename EntityOf<Op>::type>(s, op.key, undo);
          }
        },
        *it);
  }
  return undo;
}

// Frees replaced account states on a background thread, so that a reset answers without
// first destroying every entity it dropped (about half of a reset of 1,000 entities). The
// thread lives as long as the process (never joined: it only ever holds garbage).
class Reaper {
 public:
  static void Free(AccountState&& state) {
    static Reaper* const reaper = new Reaper();  // leaked on purpose: no exit-time join
    reaper->Push(std::move(state));
  }

 private:
  Reaper() {
    std::thread([this] {
      // The lowest scheduling class: freeing garbage never preempts a thread answering a
      // request (with the default class, waking this thread at the end of a reset often took
      // the reset's own core before its response was written).
      sched_param none{};
      pthread_setschedparam(pthread_self(), SCHED_IDLE, &none);
      Run();
    }).detach();
  }
  void Push(AccountState&& state) {
    {
      std::lock_guard lock(mu_);
      queue_.push_back(std::move(state));
    }
    cv_.notify_one();
  }
  [[noreturn]] void Run() {
    for (;;) {
      std::deque<AccountState> batch;
      {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !queue_.empty(); });
        batch.swap(queue_);
      }
      // `batch` is destroyed here, outside the lock.
    }
  }
  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<AccountState> queue_;
};

AccountState EmptyLike(const AccountState& s) {
  AccountState empty;
  empty.account_id = s.account_id;
  empty.created = s.created;
  empty.generation = s.generation + 1;
  return empty;
}

}  // namespace

bool IsEmpty(const AccountState& s) {
  const AccountSettings& set = *s.settings;
  return s.users.empty() && s.groups.empty() && s.roles.empty() && s.policies.empty() &&
         s.access_keys.empty() && s.instance_profiles.empty() && s.oidc_providers.empty() &&
         s.saml_providers.empty() && s.sts_sessions.empty() && s.mfa_devices.empty() &&
         s.ssh_public_keys.empty() && s.signing_certificates.empty() &&
         s.server_certificates.empty() && !set.password_policy && set.aliases.empty() &&
         set.aws_policy_attachments.empty() && set.aws_policy_boundary_usage.empty() &&
         !set.credential_report && set.global_endpoint_token_version.empty() &&
         !set.outbound_issuer;
}

Store::Slot& Store::SlotFor(const std::string& account) {
  {
    std::shared_lock lock(accounts_mu_);
    auto it = accounts_.find(account);
    if (it != accounts_.end()) return *it->second;
  }
  std::unique_lock lock(accounts_mu_);
  auto& slot = accounts_[account];
  if (!slot) {
    slot = std::make_unique<Slot>();
    slot->state.account_id = account;
    slot->state.created = clock_ ? clock_->Now() : 0;
  }
  return *slot;
}

void Store::Read(const std::string& account, const std::function<void(const AccountState&)>& read) {
  Slot& slot = SlotFor(account);
  std::shared_lock lock(slot.mu);
  read(slot.state);
}

std::uint64_t Store::Generation(const std::string& account) {
  Slot& slot = SlotFor(account);
  std::shared_lock lock(slot.mu);
  return slot.state.generation;
}

Result<void> Store::Mutate(const std::string& account,
                           const std::function<Result<Change>(const AccountState&)>& plan) {
  Slot& slot = SlotFor(account);
  std::lock_guard lock(slot.mu);
  Result<Change> change = plan(slot.state);
  if (!change) return std::unexpected(change.error());
  if (change->empty()) return Ok();
  if (!observer_) {
    ApplyChange(slot.state, *change);
    return Ok();
  }
  Change undo = UndoOf(slot.state, *change);
  const std::uint64_t generation = slot.state.generation;
  ApplyChange(slot.state, *change);
  if (auto ok = observer_->OnChange(slot.state, *change); !ok) {
    // Nobody saw the change (the lock is still held): undo it, generation included.
    ApplyChange(slot.state, undo);
    slot.state.generation = generation;
    return std::unexpected(ok.error());
  }
  return Ok();
}

Result<void> Store::ClearSlot(const std::string& id, Slot& slot) {
  (void)id;
  std::lock_guard lock(slot.mu);
  AccountState old = std::exchange(slot.state, EmptyLike(slot.state));
  if (observer_) {
    if (auto ok = observer_->OnClear(slot.state); !ok) {
      slot.state = std::move(old);
      return std::unexpected(ok.error());
    }
  }
  if (!IsEmpty(old)) Reaper::Free(std::move(old));
  return Ok();
}

Result<void> Store::Clear() {
  // Slots stay (a request may hold one); only their contents go.
  std::shared_lock lock(accounts_mu_);
  for (auto& [id, slot] : accounts_) {
    if (auto ok = ClearSlot(id, *slot); !ok) return ok;
  }
  return Ok();
}

Result<void> Store::Clear(const std::string& account) {
  std::shared_lock lock(accounts_mu_);
  auto it = accounts_.find(account);
  if (it == accounts_.end()) return Ok();
  return ClearSlot(it->first, *it->second);
}

Result<void> Store::ReplaceAll(std::map<std::string, AccountState> accounts) {
  std::unique_lock lock(accounts_mu_);
  for (auto& [id, state] : accounts) {
    auto& slot = accounts_[id];
    if (!slot) {
      slot = std::make_unique<Slot>();
      slot->state.account_id = id;
      slot->state.created = state.created;
    }
  }
  std::vector<std::unique_lock<RwLock>> locks;
  locks.reserve(accounts_.size());
  for (auto& [id, slot] : accounts_) locks.emplace_back(slot->mu);

  std::vector<AccountState> old;
  old.reserve(accounts_.size());
  std::vector<const AccountState*> installed;
  for (auto& [id, slot] : accounts_) {
    auto it = accounts.find(id);
    AccountState next = it == accounts.end() ? EmptyLike(slot->state) : std::move(it->second);
    next.account_id = id;
    next.generation = slot->state.generation + 1;
    old.push_back(std::exchange(slot->state, std::move(next)));
    if (!IsEmpty(slot->state)) installed.push_back(&slot->state);
  }
  if (observer_) {
    if (auto ok = observer_->OnReplaceAll(installed); !ok) {
      size_t i = 0;
      for (auto& [id, slot] : accounts_) slot->state = std::move(old[i++]);
      return std::unexpected(ok.error());
    }
  }
  for (AccountState& s : old)
    if (!IsEmpty(s)) Reaper::Free(std::move(s));
  return Ok();
}

std::map<std::string, AccountState> Store::Snapshot() const {
  std::shared_lock lock(accounts_mu_);
  std::vector<std::shared_lock<RwLock>> locks;
  locks.reserve(accounts_.size());
  for (const auto& [id, slot] : accounts_) locks.emplace_back(slot->mu);
  std::map<std::string, AccountState> out;
  for (const auto& [id, slot] : accounts_)
    if (!IsEmpty(slot->state)) out.emplace(id, slot->state);
  return out;
}

std::vector<std::string> Store::AccountIds() const {
  std::shared_lock lock(accounts_mu_);
  std::vector<std::string> ids;
  for (const auto& [id, slot] : accounts_) ids.push_back(id);
  return ids;
}

std::optional<std::string> Store::FindAccessKeyOwner(const std::string& key_id) {
  for (const std::string& id : AccountIds()) {
    Slot* slot = nullptr;
    {
      std::shared_lock lock(accounts_mu_);
      auto it = accounts_.find(id);
      if (it == accounts_.end()) continue;
      slot = it->second.get();  // slots are never removed (Clear keeps them)
    }
    std::shared_lock lock(slot->mu);
    if (slot->state.access_keys.contains(key_id)) return id;
  }
  return std::nullopt;
}

}  // namespace iamlite
