#include "core/ops/account.h"

#include <algorithm>

namespace iamlite::ops {
namespace {

// Credential reports write times as ISO 8601 with an explicit UTC offset.
std::string ReportTime(TimeMs t) {
  std::string iso = FormatIso8601(t);
  return iso.substr(0, iso.size() - 1) + "+00:00";
}

std::string Bool(bool b) { return b ? "true" : "false"; }

void AppendKeyColumns(std::vector<std::string>& row, const AccessKey* key) {
  if (!key) {
    row.insert(row.end(), {"false", "N/A", "N/A", "N/A", "N/A"});
    return;
  }
  row.push_back(Bool(key->active));
  row.push_back(ReportTime(key->create_date));
  if (key->last_used) {
    row.push_back(ReportTime(key->last_used->date));
    row.push_back(key->last_used->region);
    row.push_back(key->last_used->service);
  } else {
    row.insert(row.end(), {"N/A", "N/A", "N/A"});
  }
}

std::string Join(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) line += (i ? "," : "") + cells[i];
  return line + "\n";
}

}  // namespace

Result<void> CreateAccountAlias(OpContext& ctx, const std::string& alias) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    AccountSettings settings = *s.settings;
    // AWS keeps one alias per account and replaces it; asking for the one already held
    // answers EntityAlreadyExists (aliases are unique across AWS).
    if (std::find(settings.aliases.begin(), settings.aliases.end(), alias) !=
        settings.aliases.end())
      return std::unexpected(
          errors::EntityAlreadyExists("The account alias " + alias + " already exists."));
    settings.aliases = {alias};
    return Change().SetSettings(settings);
  });
}

Result<void> DeleteAccountAlias(OpContext& ctx, const std::string& alias) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    AccountSettings settings = *s.settings;
    auto it = std::find(settings.aliases.begin(), settings.aliases.end(), alias);
    if (it == settings.aliases.end())
      return std::unexpected(
          errors::NoSuchEntity("The account alias " + alias + " cannot be found."));
    settings.aliases.erase(it);
    return Change().SetSettings(settings);
  });
}

std::vector<std::string> ListAccountAliases(OpContext& ctx) {
  std::vector<std::string> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) { out = s.settings->aliases; });
  return out;
}

std::map<std::string, std::int64_t> AccountSummary(OpContext& ctx) {
  std::map<std::string, std::int64_t> m;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    // PolicyVersionsInUse counts attachments of managed policies (customer and AWS) to users,
    // groups and roles, not stored versions: AWS's recorded delta is +1 for CreatePolicy then
    // AttachRolePolicy, where the recording's author notes the attachment "increases policy
    // versions in use"; accounts holding only service roles report it with no customer
    // policies at all. Creating a policy or a version alone does not move it.
    std::int64_t versions_in_use = 0;
    for (const auto& [k, p] : s.policies) versions_in_use += p->attachment_count;
    for (const auto& [arn, n] : s.settings->aws_policy_attachments) versions_in_use += n;
    // MFADevices counts virtual devices, MFADevicesInUse those assigned to a user (enabled),
    // Providers SAML and OIDC providers together.
    std::int64_t mfa_in_use = 0;
    for (const auto& [k, d] : s.mfa_devices) mfa_in_use += d->user_id.empty() ? 0 : 1;
    auto count = [](const auto& table) { return static_cast<std::int64_t>(table.size()); };
    m = {{"Users", count(s.users)},
         {"UsersQuota", 5000},
         {"Groups", count(s.groups)},
         {"GroupsQuota", 300},
         {"Roles", count(s.roles)},
         {"RolesQuota", 1000},
         {"InstanceProfiles", count(s.instance_profiles)},
         {"InstanceProfilesQuota", 1000},
         {"Policies", count(s.policies)},
         {"PoliciesQuota", 1500},
         {"PolicyVersionsInUse", versions_in_use},
         {"PolicyVersionsInUseQuota", 10000},
         {"VersionsPerPolicyQuota", 5},
         {"PolicySizeQuota", 6144},
         {"UserPolicySizeQuota", 2048},
         {"GroupPolicySizeQuota", 5120},
         {"RolePolicySizeQuota", 10240},
         {"AssumeRolePolicySizeQuota", 2048},
         {"AttachedPoliciesPerUserQuota", 10},
         {"AttachedPoliciesPerGroupQuota", 10},
         {"AttachedPoliciesPerRoleQuota", 10},
         {"GroupsPerUserQuota", 10},
         {"AccessKeysPerUserQuota", 2},
         {"SigningCertificatesPerUserQuota", 2},
         {"ServerCertificates", count(s.server_certificates)},
         {"ServerCertificatesQuota", 20},
         {"MFADevices", count(s.mfa_devices)},
         {"MFADevicesInUse", mfa_in_use},
         {"Providers", count(s.oidc_providers) + count(s.saml_providers)},
         {"AccountMFAEnabled", 0},
         {"AccountAccessKeysPresent", 0},
         {"AccountSigningCertificatesPresent", 0},
         {"AccountPasswordPresent", 1},
         // SetSecurityTokenServicePreferences (sts_preferences.h): 2 once v2Token is set.
         {"GlobalEndpointTokenVersion",
          s.settings->global_endpoint_token_version == "v2Token" ? 2 : 1}};
  });
  return m;
}

std::string BuildCredentialReport(const AccountState& s, TimeMs now) {
  (void)now;
  std::string csv = Join({"user",
                          "arn",
                          "user_creation_time",
                          "password_enabled",
                          "password_last_used",
                          "password_last_changed",
                          "password_next_rotation",
                          "mfa_active",
                          "access_key_1_active",
                          "access_key_1_last_rotated",
                          "access_key_1_last_used_date",
                          "access_key_1_last_used_region",
                          "access_key_1_last_used_service",
                          "access_key_2_active",
                          "access_key_2_last_rotated",
                          "access_key_2_last_used_date",
                          "access_key_2_last_used_region",
                          "access_key_2_last_used_service",
                          "cert_1_active",
                          "cert_1_last_rotated",
                          "cert_2_active",
                          "cert_2_last_rotated"});
  std::vector<std::string> root = {"<root_account>", "arn:aws:iam::" + s.account_id + ":root",
                                   ReportTime(s.created)};
  // password_enabled, password_last_used, password_last_changed, password_next_rotation,
  // mfa_active
  root.insert(root.end(),
              {"not_supported", "no_information", "not_supported", "not_supported", "false"});
  AppendKeyColumns(root, nullptr);
  AppendKeyColumns(root, nullptr);
  root.insert(root.end(), {"false", "N/A", "false", "N/A"});
  csv += Join(root);
  for (const auto& [key, u] : s.users) {
    std::vector<std::string> row = {u->name, u->Arn(s.account_id), ReportTime(u->create_date)};
    const bool password = u->login_profile.has_value();
    row.push_back(Bool(password));
    row.push_back(u->password_last_used ? ReportTime(*u->password_last_used)
                                        : (password ? "no_information" : "N/A"));
    row.push_back(password ? ReportTime(u->login_profile->create_date) : "N/A");
    // password_next_rotation: when the password policy sets MaxPasswordAge, the day the
    // password must change (IAM User Guide, credential report columns); otherwise N/A.
    const auto& policy = s.settings->password_policy;
    if (password && policy && policy->max_password_age)
      row.push_back(ReportTime(u->login_profile->create_date +
                               TimeMs{*policy->max_password_age} * 24 * 3600 * 1000));
    else
      row.push_back("N/A");
    row.push_back("false");  // mfa_active
    std::vector<const AccessKey*> keys;
    for (const auto& id : u->access_keys)
      if (auto it = s.access_keys.find(id); it != s.access_keys.end())
        keys.push_back(it->second.get());
    // Active keys take the first columns, then by creation. Recorded from AWS: a user whose
    // first key was made Inactive before a second was created shows access_key_1_active
    // true and access_key_2_active false. (With one recording, "newest first" fits as well.)
    std::stable_sort(keys.begin(), keys.end(), [](const AccessKey* a, const AccessKey* b) {
      if (a->active != b->active) return a->active;
      return a->create_date < b->create_date;
    });
    AppendKeyColumns(row, keys.size() > 0 ? keys[0] : nullptr);
    AppendKeyColumns(row, keys.size() > 1 ? keys[1] : nullptr);
    row.insert(row.end(), {"false", "N/A", "false", "N/A"});
    csv += Join(row);
  }
  return csv;
}

Result<GenerateReportResult> GenerateCredentialReport(OpContext& ctx) {
  GenerateReportResult out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    TimeMs now = ctx.clock.Now();
    const auto& existing = s.settings->credential_report;
    bool fresh = existing && now - existing->generated < kCredentialReportLifetimeMs;
    out.state = fresh ? "COMPLETE" : "STARTED";
    // A report younger than four hours is kept as it is: "a new report ... can be done every
    // four hours. If the last report is still recent the State field reads COMPLETE" (IAM User
    // Guide, GenerateCredentialReport examples).
    if (fresh) return Change();
    out.description = "No report exists. Starting a new report generation task";
    AccountSettings settings = *s.settings;
    settings.credential_report = CredentialReport{now, BuildCredentialReport(s, now)};
    return Change().SetSettings(settings);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<CredentialReportResult> GetCredentialReport(OpContext& ctx) {
  Result<CredentialReportResult> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    const auto& report = s.settings->credential_report;
    if (!report) {
      out = std::unexpected(IamError{"ReportNotPresent", 410, "", true});
    } else if (ctx.clock.Now() - report->generated >= kCredentialReportLifetimeMs) {
      out = std::unexpected(IamError{"ReportExpired", 410, "", true});
    } else {
      out = CredentialReportResult{report->csv, report->generated};
    }
  });
  return out;
}

}  // namespace iamlite::ops
