#include "core/activity.h"

namespace iamlite {

ActivityLog::AccountLog* ActivityLog::Find(const std::string& account) const {
  std::shared_lock lock(mu_);
  auto it = accounts_.find(account);
  return it == accounts_.end() ? nullptr : it->second.get();
}

void ActivityLog::Record(const std::string& account, const std::string& principal_arn,
                         std::string_view service, std::string_view action, std::string_view region,
                         TimeMs when, bool track_action) {
  AccountLog* log = Find(account);
  if (!log) {
    std::unique_lock lock(mu_);
    auto& slot = accounts_[account];
    if (!slot) slot = std::make_unique<AccountLog>();
    log = slot.get();
  }
  std::lock_guard lock(log->mu);
  ServiceAccess& access = log->by_principal[principal_arn][std::string(service)];
  if (when >= access.last) {
    access.last = when;
    access.region.assign(region);
  }
  if (track_action) {
    auto& a = access.actions[std::string(action)];
    if (when >= a.last) {
      a.last = when;
      a.region.assign(region);
    }
  }
}

PrincipalActivity ActivityLog::Of(const std::string& account,
                                  const std::string& principal_arn) const {
  AccountLog* log = Find(account);
  if (!log) return {};
  std::lock_guard lock(log->mu);
  auto it = log->by_principal.find(principal_arn);
  return it == log->by_principal.end() ? PrincipalActivity{} : it->second;
}

void ActivityLog::Clear() {
  std::unique_lock lock(mu_);
  for (auto& [id, log] : accounts_) {
    std::lock_guard account_lock(log->mu);
    log->by_principal.clear();
  }
}

}  // namespace iamlite
