// Account-wide views and settings: aliases, GetAccountSummary, the credential report.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite::ops {

Result<void> CreateAccountAlias(OpContext& ctx, const std::string& alias);
Result<void> DeleteAccountAlias(OpContext& ctx, const std::string& alias);
std::vector<std::string> ListAccountAliases(OpContext& ctx);

// GetAccountSummary's SummaryMap: counts of this account's entities and IAM's quotas.
std::map<std::string, std::int64_t> AccountSummary(OpContext& ctx);

struct GenerateReportResult {
  std::string state;        // "STARTED" or "COMPLETE"
  std::string description;  // set with STARTED
};
// Builds the report at once; the first call (or one after the report expired) answers
// STARTED, as AWS does for a new generation task, later ones COMPLETE.
Result<GenerateReportResult> GenerateCredentialReport(OpContext& ctx);

struct CredentialReportResult {
  std::string content;  // the CSV
  TimeMs generated = 0;
};
// ReportNotPresent (410) before generation; ReportExpired (410) four hours after it.
Result<CredentialReportResult> GetCredentialReport(OpContext& ctx);

// The CSV itself, with AWS's columns (root account row first, then users by name).
std::string BuildCredentialReport(const AccountState& s, TimeMs now);

inline constexpr TimeMs kCredentialReportLifetimeMs = 4 * 3600 * 1000;

}  // namespace iamlite::ops
