#include "core/store.h"

namespace iamlite {

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
  std::lock_guard lock(slot.mu);
  read(slot.state);
}

Result<void> Store::Mutate(const std::string& account,
                           const std::function<Result<Change>(const AccountState&)>& plan) {
  Slot& slot = SlotFor(account);
  std::lock_guard lock(slot.mu);
  Result<Change> change = plan(slot.state);
  if (!change) return std::unexpected(change.error());
  if (!change->empty()) ApplyChange(slot.state, *change);
  return Ok();
}

void Store::Clear() {
  // Slots stay (a request may hold one); only their contents go.
  std::shared_lock lock(accounts_mu_);
  for (auto& [id, slot] : accounts_) {
    std::lock_guard slot_lock(slot->mu);
    TimeMs created = slot->state.created;
    slot->state = AccountState{};
    slot->state.account_id = id;
    slot->state.created = created;
  }
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
    std::lock_guard lock(slot->mu);
    if (slot->state.access_keys.contains(key_id)) return id;
  }
  return std::nullopt;
}

}  // namespace iamlite
