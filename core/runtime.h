// What one server holds in memory besides the store: the activity the access reports read,
// their jobs, the delegation requests that pass between accounts, and the principals'
// effective policies kept between requests. Not journaled: a restarted server starts with
// none of it. Every member is thread-safe.
#pragma once

#include "core/activity.h"
#include "core/ops/access_reports.h"
#include "core/ops/delegation.h"
#include "core/ops/effective_policies_cache.h"

namespace iamlite {

struct Runtime {
  ActivityLog activity;
  ops::AccessReportJobs reports;
  ops::DelegationRequests delegations;
  ops::EffectivePoliciesCache effective_policies;

  void Clear() {
    activity.Clear();
    reports.Clear();
    std::lock_guard lock(delegations.mu);
    delegations.by_id.clear();
    effective_policies.Clear();
  }
};

}  // namespace iamlite
