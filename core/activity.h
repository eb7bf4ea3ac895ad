// What iamlite has seen: per account, per principal ARN, the last authenticated call to each
// service (and, for IAM, to each action). The access reports (core/ops/access_reports.h)
// read it for LastAuthenticated. Kept in memory only: a restarted server has seen nothing,
// as a new AWS account has not.
//
// Thread safety: every method may be called from any thread. Record() takes one mutex per
// account (and, only the first time an account is seen, the map's lock exclusively).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/clock.h"

namespace iamlite {

struct ServiceAccess {
  TimeMs last = 0;
  std::string region;
  struct Action {
    TimeMs last = 0;
    std::string region;
  };
  std::map<std::string, Action> actions;  // tracked actions only ("CreateUser" for iam)
};

// Service namespace ("iam", "sts") -> last access.
using PrincipalActivity = std::map<std::string, ServiceAccess>;

class ActivityLog {
 public:
  // One authenticated request by `principal_arn` to `service`'s `action`. `track_action`:
  // also remember the action (AWS tracks actions of a few services only).
  void Record(const std::string& account, const std::string& principal_arn,
              std::string_view service, std::string_view action, std::string_view region,
              TimeMs when, bool track_action);

  // A copy of what `principal_arn` did in `account` (empty when nothing).
  PrincipalActivity Of(const std::string& account, const std::string& principal_arn) const;

  // Forgets everything (the reset between tests).
  void Clear();

 private:
  struct AccountLog {
    mutable std::mutex mu;
    std::unordered_map<std::string, PrincipalActivity> by_principal;
  };
  AccountLog* Find(const std::string& account) const;

  mutable std::shared_mutex mu_;
  std::map<std::string, std::unique_ptr<AccountLog>> accounts_;
};

}  // namespace iamlite
