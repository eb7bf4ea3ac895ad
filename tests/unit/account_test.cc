// Account-wide views: aliases, GetAccountSummary, the credential report and
// GetAccountAuthorizationDetails.
#include "core/ops/account.h"

#include <gtest/gtest.h>

#include <sstream>

#include "core/ops/access_keys.h"
#include "core/ops/attachments.h"
#include "core/ops/authorization_details.h"
#include "core/ops/boundaries.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/instance_profiles.h"
#include "core/ops/login_profiles.h"
#include "core/ops/managed_policies.h"
#include "core/ops/password_policy.h"
#include "core/ops/roles.h"
#include "core/ops/users.h"

namespace iamlite {
namespace {

using ops::DetailKind;
using ops::EntityKind;

constexpr const char* kAccount = "123456789012";
constexpr const char* kDoc =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListBucket","Resource":"*"}]})";
constexpr const char* kDoc2 =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]})";
constexpr const char* kTrust =
    R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})";
constexpr const char* kReadOnly = "arn:aws:iam::aws:policy/ReadOnlyAccess";
constexpr const char* kS3Full = "arn:aws:iam::aws:policy/AmazonS3FullAccess";
constexpr TimeMs kHour = 3600 * 1000;

std::string PolicyArn(const std::string& name) {
  return std::string("arn:aws:iam::") + kAccount + ":policy/" + name;
}

class AccountTest : public ::testing::Test {
 protected:
  Store store_;
  FakeClock clock_;
  SeededIdGenerator ids_{7};
  Caller caller_ = Caller::Root(kAccount);
  OpContext ctx_{store_, clock_, ids_, caller_};

  void User(const std::string& name, const Tags& tags = {}) {
    ASSERT_TRUE(ops::CreateUser(ctx_, {name, "/", "", tags})) << name;
  }
  void Group(const std::string& name) { ASSERT_TRUE(ops::CreateGroup(ctx_, name)) << name; }
  void Role(const std::string& name, const std::string& path = "/") {
    ops::CreateRoleInput in;
    in.role_name = name;
    in.assume_role_policy_document = kTrust;
    in.path = path;
    ASSERT_TRUE(ops::CreateRole(ctx_, in)) << name;
  }
  void Policy(const std::string& name, const std::string& description = "") {
    ASSERT_TRUE(ops::CreatePolicy(ctx_, {name, "/", kDoc, description, {}})) << name;
  }
  void Attach(EntityKind kind, const std::string& entity, const std::string& arn) {
    ASSERT_TRUE(ops::AttachPolicy(ctx_, kind, entity, arn)) << entity << " " << arn;
  }
  std::map<std::string, std::int64_t> Summary() { return ops::AccountSummary(ctx_); }
  ops::AuthorizationDetails Details(const std::vector<DetailKind>& filter = {},
                                    const PageRequest& page = {}) {
    auto d = ops::GetAccountAuthorizationDetails(ctx_, filter, page);
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error().message);
    return d ? *d : ops::AuthorizationDetails{};
  }
};

// --- Aliases ---------------------------------------------------------------------------

TEST_F(AccountTest, AnAccountHoldsOneAliasAndANewOneReplacesIt) {
  EXPECT_TRUE(ops::ListAccountAliases(ctx_).empty());
  ASSERT_TRUE(ops::CreateAccountAlias(ctx_, "first-alias"));
  EXPECT_EQ(ops::ListAccountAliases(ctx_), std::vector<std::string>{"first-alias"});
  ASSERT_TRUE(ops::CreateAccountAlias(ctx_, "second-alias"));
  EXPECT_EQ(ops::ListAccountAliases(ctx_), std::vector<std::string>{"second-alias"});
}

TEST_F(AccountTest, AskingForTheHeldAliasIsEntityAlreadyExists) {
  ASSERT_TRUE(ops::CreateAccountAlias(ctx_, "held"));
  auto again = ops::CreateAccountAlias(ctx_, "held");
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "EntityAlreadyExists");
  EXPECT_EQ(again.error().http_status, 409);
  EXPECT_EQ(again.error().message, "The account alias held already exists.");
  EXPECT_EQ(ops::ListAccountAliases(ctx_), std::vector<std::string>{"held"});
}

TEST_F(AccountTest, DeletingAnAliasNotHeldIsNoSuchEntity) {
  auto none = ops::DeleteAccountAlias(ctx_, "never");
  ASSERT_FALSE(none);
  EXPECT_EQ(none.error().code, "NoSuchEntity");
  EXPECT_EQ(none.error().http_status, 404);
  EXPECT_EQ(none.error().message, "The account alias never cannot be found.");
  ASSERT_TRUE(ops::CreateAccountAlias(ctx_, "mine"));
  auto other = ops::DeleteAccountAlias(ctx_, "other");
  ASSERT_FALSE(other);
  EXPECT_EQ(other.error().code, "NoSuchEntity");
  ASSERT_TRUE(ops::DeleteAccountAlias(ctx_, "mine"));
  EXPECT_TRUE(ops::ListAccountAliases(ctx_).empty());
}

// --- GetAccountSummary -----------------------------------------------------------------

TEST_F(AccountTest, SummaryHasEveryRecordedKeyAndAwsQuotas) {
  // Keys and quota values recorded from AWS (test_iam_account_summary, format test).
  const std::map<std::string, std::int64_t> quotas = {{"AccessKeysPerUserQuota", 2},
                                                      {"AssumeRolePolicySizeQuota", 2048},
                                                      {"AttachedPoliciesPerGroupQuota", 10},
                                                      {"AttachedPoliciesPerRoleQuota", 10},
                                                      {"AttachedPoliciesPerUserQuota", 10},
                                                      {"GlobalEndpointTokenVersion", 1},
                                                      {"GroupPolicySizeQuota", 5120},
                                                      {"GroupsPerUserQuota", 10},
                                                      {"GroupsQuota", 300},
                                                      {"InstanceProfilesQuota", 1000},
                                                      {"PoliciesQuota", 1500},
                                                      {"PolicySizeQuota", 6144},
                                                      {"PolicyVersionsInUseQuota", 10000},
                                                      {"RolePolicySizeQuota", 10240},
                                                      {"RolesQuota", 1000},
                                                      {"ServerCertificatesQuota", 20},
                                                      {"SigningCertificatesPerUserQuota", 2},
                                                      {"UserPolicySizeQuota", 2048},
                                                      {"UsersQuota", 5000},
                                                      {"VersionsPerPolicyQuota", 5},
                                                      {"AccountAccessKeysPresent", 0},
                                                      {"AccountMFAEnabled", 0},
                                                      {"AccountSigningCertificatesPresent", 0}};
  const std::vector<std::string> counts = {"AccountPasswordPresent",
                                           "Groups",
                                           "InstanceProfiles",
                                           "MFADevices",
                                           "MFADevicesInUse",
                                           "Policies",
                                           "PolicyVersionsInUse",
                                           "Providers",
                                           "Roles",
                                           "ServerCertificates",
                                           "Users"};
  auto summary = Summary();
  EXPECT_EQ(summary.size(), quotas.size() + counts.size());
  for (const auto& [key, value] : quotas) {
    ASSERT_TRUE(summary.contains(key)) << key;
    EXPECT_EQ(summary[key], value) << key;
  }
  for (const auto& key : counts) EXPECT_TRUE(summary.contains(key)) << key;
}

TEST_F(AccountTest, SummaryCountsMoveAsRecordedWhenEntitiesAreCreated) {
  auto before = Summary();
  User("u1");
  Group("g1");
  Role("r1");
  Policy("p1");
  Attach(EntityKind::kRole, "r1", PolicyArn("p1"));
  ASSERT_TRUE(ops::CreateInstanceProfile(ctx_, {"ip1", "/", {}}));
  auto after = Summary();
  // test_get_account_summary_with_resources for the kinds made here (no MFA device, provider
  // or server certificate: their deltas are 0; tests/e2e/test_account.py makes them too).
  const std::map<std::string, std::int64_t> deltas = {{"AccountPasswordPresent", 0},
                                                      {"Groups", 1},
                                                      {"InstanceProfiles", 1},
                                                      {"MFADevices", 0},
                                                      {"MFADevicesInUse", 0},
                                                      {"Policies", 1},
                                                      {"PolicyVersionsInUse", 1},
                                                      {"Providers", 0},
                                                      {"Roles", 1},
                                                      {"ServerCertificates", 0},
                                                      {"Users", 1}};
  for (const auto& [key, delta] : deltas) EXPECT_EQ(after[key] - before[key], delta) << key;
}

TEST_F(AccountTest, PolicyVersionsInUseCountsAttachmentsNotStoredVersions) {
  Policy("p1");
  ASSERT_TRUE(ops::CreatePolicyVersion(ctx_, PolicyArn("p1"), kDoc2, false));
  EXPECT_EQ(Summary()["PolicyVersionsInUse"], 0);  // two versions, none attached
  User("u1");
  Group("g1");
  Role("r1");
  Attach(EntityKind::kUser, "u1", PolicyArn("p1"));
  Attach(EntityKind::kGroup, "g1", PolicyArn("p1"));
  Attach(EntityKind::kRole, "r1", kReadOnly);
  Attach(EntityKind::kUser, "u1", kReadOnly);
  EXPECT_EQ(Summary()["PolicyVersionsInUse"], 4);
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kUser, "u1", kReadOnly));
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kGroup, "g1", PolicyArn("p1")));
  EXPECT_EQ(Summary()["PolicyVersionsInUse"], 2);
  EXPECT_EQ(Summary()["Policies"], 1);  // customer managed only
}

TEST_F(AccountTest, SummaryCountsFallWhenEntitiesAreDeleted) {
  User("u1");
  Group("g1");
  ASSERT_TRUE(ops::DeleteUser(ctx_, "u1"));
  auto s = Summary();
  EXPECT_EQ(s["Users"], 0);
  EXPECT_EQ(s["Groups"], 1);
  EXPECT_EQ(s["AccountPasswordPresent"], 1);  // the root's password
}

// --- Credential report -----------------------------------------------------------------

std::vector<std::vector<std::string>> ParseCsv(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream l(line);
    while (std::getline(l, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    rows.push_back(cells);
  }
  return rows;
}

// Recorded from AWS (test_iam_credential_report, field_names).
const std::vector<std::string> kReportColumns = {"user",
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
                                                 "cert_2_last_rotated"};

std::map<std::string, std::string> RowOf(const std::string& csv, const std::string& user) {
  auto rows = ParseCsv(csv);
  for (size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].empty() || rows[i][0] != user) continue;
    std::map<std::string, std::string> out;
    for (size_t c = 0; c < rows[0].size() && c < rows[i].size(); ++c) out[rows[0][c]] = rows[i][c];
    return out;
  }
  return {};
}

TEST_F(AccountTest, ReportIsNotPresentBeforeGeneration) {
  auto got = ops::GetCredentialReport(ctx_);
  ASSERT_FALSE(got);
  EXPECT_EQ(got.error().code, "ReportNotPresent");
  EXPECT_EQ(got.error().http_status, 410);
  EXPECT_EQ(got.error().message, "");  // recorded: no Message element
}

TEST_F(AccountTest, GenerateStartsThenCompletes) {
  auto first = ops::GenerateCredentialReport(ctx_);
  ASSERT_TRUE(first);
  EXPECT_EQ(first->state, "STARTED");
  EXPECT_EQ(first->description, "No report exists. Starting a new report generation task");
  auto second = ops::GenerateCredentialReport(ctx_);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->state, "COMPLETE");
  EXPECT_EQ(second->description, "");
  auto got = ops::GetCredentialReport(ctx_);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->generated, clock_.Now());
}

TEST_F(AccountTest, ReportHeaderIsAwsColumnsAndRootComesFirst) {
  User("zed");
  User("amy");
  ASSERT_TRUE(ops::GenerateCredentialReport(ctx_));
  auto rows = ParseCsv(ops::GetCredentialReport(ctx_)->content);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], kReportColumns);
  EXPECT_EQ(rows[1][0], "<root_account>");
  EXPECT_EQ(rows[1][1], "arn:aws:iam::123456789012:root");
  EXPECT_EQ(rows[2][0], "amy");
  EXPECT_EQ(rows[3][0], "zed");
  for (const auto& row : rows) EXPECT_EQ(row.size(), kReportColumns.size()) << row[0];
}

TEST_F(AccountTest, ReportRowForAUserWithPasswordAndTwoKeysMatchesTheRecording) {
  User("report-user");
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {"report-user", "TestPassword123!", false}));
  auto key1 = ops::CreateAccessKey(ctx_, "report-user");
  ASSERT_TRUE(key1);
  ASSERT_TRUE(ops::UpdateAccessKey(ctx_, "report-user", key1->key.id, "Inactive"));
  clock_.Advance(1000);
  ASSERT_TRUE(ops::CreateAccessKey(ctx_, "report-user"));
  clock_.Advance(1000);
  ASSERT_TRUE(ops::GenerateCredentialReport(ctx_));
  auto row = RowOf(ops::GetCredentialReport(ctx_)->content, "report-user");
  const std::string created = FormatIso8601(clock_.Now() - 2000);
  const std::string created_time = created.substr(0, created.size() - 1) + "+00:00";
  const std::string key2 = FormatIso8601(clock_.Now() - 1000);
  const std::string key2_time = key2.substr(0, key2.size() - 1) + "+00:00";
  // The recorded row (timestamps as the report writes them).
  const std::map<std::string, std::string> expected = {
      {"user", "report-user"},
      {"arn", "arn:aws:iam::123456789012:user/report-user"},
      {"user_creation_time", created_time},
      {"password_enabled", "true"},
      {"password_last_used", "no_information"},
      {"password_last_changed", created_time},
      {"password_next_rotation", "N/A"},
      {"mfa_active", "false"},
      {"access_key_1_active", "true"},
      {"access_key_1_last_rotated", key2_time},
      {"access_key_1_last_used_date", "N/A"},
      {"access_key_1_last_used_region", "N/A"},
      {"access_key_1_last_used_service", "N/A"},
      {"access_key_2_active", "false"},
      {"access_key_2_last_rotated", created_time},
      {"access_key_2_last_used_date", "N/A"},
      {"access_key_2_last_used_region", "N/A"},
      {"access_key_2_last_used_service", "N/A"},
      {"cert_1_active", "false"},
      {"cert_1_last_rotated", "N/A"},
      {"cert_2_active", "false"},
      {"cert_2_last_rotated", "N/A"}};
  EXPECT_EQ(row, expected);
}

TEST_F(AccountTest, ReportRowForAUserWithoutCredentials) {
  User("bare");
  ASSERT_TRUE(ops::GenerateCredentialReport(ctx_));
  auto row = RowOf(ops::GetCredentialReport(ctx_)->content, "bare");
  EXPECT_EQ(row["password_enabled"], "false");
  EXPECT_EQ(row["password_last_used"], "N/A");
  EXPECT_EQ(row["password_last_changed"], "N/A");
  EXPECT_EQ(row["access_key_1_active"], "false");
  EXPECT_EQ(row["access_key_1_last_rotated"], "N/A");
  EXPECT_EQ(row["access_key_2_active"], "false");
}

TEST_F(AccountTest, ReportShowsTheNextRotationWhenThePasswordPolicyHasAMaximumAge) {
  ops::UpdatePasswordPolicyInput policy;
  policy.max_password_age = 90;
  ASSERT_TRUE(ops::UpdateAccountPasswordPolicy(ctx_, policy));
  User("rotating");
  ASSERT_TRUE(ops::CreateLoginProfile(ctx_, {"rotating", "TestPassword123!", false}));
  ASSERT_TRUE(ops::GenerateCredentialReport(ctx_));
  auto row = RowOf(ops::GetCredentialReport(ctx_)->content, "rotating");
  std::string next = FormatIso8601(clock_.Now() + 90 * 24 * kHour);
  EXPECT_EQ(row["password_next_rotation"], next.substr(0, next.size() - 1) + "+00:00");
}

TEST_F(AccountTest, ARecentReportIsKeptAndExpiresAfterFourHours) {
  ASSERT_TRUE(ops::GenerateCredentialReport(ctx_));
  const TimeMs generated = clock_.Now();
  User("later");
  clock_.Advance(4 * kHour - 1);
  auto kept = ops::GenerateCredentialReport(ctx_);
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->state, "COMPLETE");
  auto got = ops::GetCredentialReport(ctx_);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->generated, generated);
  EXPECT_TRUE(RowOf(got->content, "later").empty());  // the report predates the user

  clock_.Advance(1);
  auto expired = ops::GetCredentialReport(ctx_);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "ReportExpired");
  EXPECT_EQ(expired.error().http_status, 410);

  auto fresh = ops::GenerateCredentialReport(ctx_);
  ASSERT_TRUE(fresh);
  EXPECT_EQ(fresh->state, "STARTED");
  got = ops::GetCredentialReport(ctx_);
  ASSERT_TRUE(got);
  EXPECT_EQ(got->generated, clock_.Now());
  EXPECT_FALSE(RowOf(got->content, "later").empty());
}

// --- GetAccountAuthorizationDetails ----------------------------------------------------

TEST_F(AccountTest, DetailsOfAnEmptyAccountAreEmpty) {
  auto d = Details();
  EXPECT_TRUE(d.users.empty());
  EXPECT_TRUE(d.groups.empty());
  EXPECT_TRUE(d.roles.empty());
  EXPECT_TRUE(d.policies.empty());
  EXPECT_FALSE(d.truncated);
}

TEST_F(AccountTest, DetailsResolveEveryRelationship) {
  User("alice", {{"team", "a"}});
  Group("devs");
  Role("runner", "/svc/");
  Policy("boundary");
  Policy("shared", "shared policy");
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "devs", "alice"));
  Attach(EntityKind::kUser, "alice", PolicyArn("shared"));
  Attach(EntityKind::kGroup, "devs", kReadOnly);
  Attach(EntityKind::kRole, "runner", PolicyArn("shared"));
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kUser, "alice", "mine", kDoc));
  ASSERT_TRUE(ops::PutInlinePolicy(ctx_, EntityKind::kGroup, "devs", "ours", kDoc));
  ASSERT_TRUE(ops::PutUserPermissionsBoundary(ctx_, "alice", PolicyArn("boundary")));
  ASSERT_TRUE(ops::CreateInstanceProfile(ctx_, {"zprofile", "/", {}}));
  ASSERT_TRUE(ops::CreateInstanceProfile(ctx_, {"aprofile", "/", {}}));
  ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, "zprofile", "runner"));
  ASSERT_TRUE(ops::AddRoleToInstanceProfile(ctx_, "aprofile", "runner"));
  ASSERT_TRUE(ops::CreatePolicyVersion(ctx_, PolicyArn("shared"), kDoc2, false));

  auto d = Details();
  ASSERT_EQ(d.users.size(), 1u);
  const auto& u = d.users[0];
  EXPECT_EQ(u.user->name, "alice");
  EXPECT_EQ(u.group_names, std::vector<std::string>{"devs"});
  ASSERT_EQ(u.attached.size(), 1u);
  EXPECT_EQ(u.attached[0].name, "shared");
  EXPECT_EQ(u.attached[0].arn, PolicyArn("shared"));
  EXPECT_EQ(u.user->permissions_boundary, PolicyArn("boundary"));
  EXPECT_TRUE(u.user->inline_policies.contains("mine"));

  ASSERT_EQ(d.groups.size(), 1u);
  ASSERT_EQ(d.groups[0].attached.size(), 1u);
  EXPECT_EQ(d.groups[0].attached[0].name, "ReadOnlyAccess");
  EXPECT_TRUE(d.groups[0].group->inline_policies.contains("ours"));

  ASSERT_EQ(d.roles.size(), 1u);
  const auto& r = d.roles[0];
  ASSERT_EQ(r.instance_profiles.size(), 2u);
  EXPECT_EQ(r.instance_profiles[0].profile->name, "aprofile");  // by name
  EXPECT_EQ(r.instance_profiles[1].profile->name, "zprofile");
  ASSERT_EQ(r.instance_profiles[0].roles.size(), 1u);
  EXPECT_EQ(r.instance_profiles[0].roles[0]->name, "runner");

  // Customer policies, by name; the attached AWS managed one sorts among them.
  ASSERT_EQ(d.policies.size(), 3u);
  EXPECT_EQ(d.policies[0].policy.name, "ReadOnlyAccess");
  EXPECT_EQ(d.policies[1].policy.name, "boundary");
  EXPECT_EQ(d.policies[1].policy.boundary_usage_count, 1);
  const auto& shared = d.policies[2];
  EXPECT_EQ(shared.policy.name, "shared");
  EXPECT_EQ(shared.policy.description, "shared policy");
  EXPECT_EQ(shared.policy.attachment_count, 2);
  ASSERT_EQ(shared.versions.size(), 2u);
  EXPECT_EQ(shared.versions[0].version_id, "v2");  // newest first
  EXPECT_FALSE(shared.versions[0].is_default);
  EXPECT_EQ(shared.versions[0].document, kDoc2);
  EXPECT_EQ(shared.versions[1].version_id, "v1");
  EXPECT_TRUE(shared.versions[1].is_default);
}

struct FilterCase {
  std::vector<DetailKind> filter;
  size_t users, groups, roles, policies;
};

TEST_F(AccountTest, FilterKeepsOnlyTheKindsAsked) {
  User("u1");
  Group("g1");
  Role("r1");
  Policy("p1");
  Attach(EntityKind::kRole, "r1", kS3Full);
  const std::vector<FilterCase> cases = {
      {{}, 1, 1, 1, 2},
      {{DetailKind::kUser}, 1, 0, 0, 0},
      {{DetailKind::kGroup}, 0, 1, 0, 0},
      {{DetailKind::kRole}, 0, 0, 1, 0},
      {{DetailKind::kLocalManagedPolicy}, 0, 0, 0, 1},
      {{DetailKind::kAwsManagedPolicy}, 0, 0, 0, 1},
      {{DetailKind::kUser, DetailKind::kRole}, 1, 0, 1, 0},
      {{DetailKind::kLocalManagedPolicy, DetailKind::kAwsManagedPolicy}, 0, 0, 0, 2},
  };
  for (size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    auto d = Details(c.filter);
    EXPECT_EQ(d.users.size(), c.users) << "case " << i;
    EXPECT_EQ(d.groups.size(), c.groups) << "case " << i;
    EXPECT_EQ(d.roles.size(), c.roles) << "case " << i;
    EXPECT_EQ(d.policies.size(), c.policies) << "case " << i;
  }
  EXPECT_EQ(Details({DetailKind::kAwsManagedPolicy}).policies[0].policy.arn, kS3Full);
  EXPECT_EQ(Details({DetailKind::kLocalManagedPolicy}).policies[0].policy.name, "p1");
}

TEST_F(AccountTest, OnlyAttachedAwsManagedPoliciesAreListedWithAllTheirVersions) {
  EXPECT_TRUE(Details({DetailKind::kAwsManagedPolicy}).policies.empty());
  User("u1");
  Role("r1");
  Attach(EntityKind::kUser, "u1", kS3Full);
  Attach(EntityKind::kRole, "r1", kS3Full);
  auto d = Details({DetailKind::kAwsManagedPolicy});
  ASSERT_EQ(d.policies.size(), 1u);
  const auto& p = d.policies[0];
  EXPECT_EQ(p.policy.attachment_count, 2);
  const AwsManagedPolicy* catalogue = FindAwsManagedPolicy(kS3Full);
  ASSERT_NE(catalogue, nullptr);
  ASSERT_EQ(p.versions.size(), catalogue->versions.size());
  EXPECT_EQ(p.versions[0].version_id, catalogue->default_version_id);  // newest first
  EXPECT_TRUE(p.versions[0].is_default);
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kUser, "u1", kS3Full));
  ASSERT_TRUE(ops::DetachPolicy(ctx_, EntityKind::kRole, "r1", kS3Full));
  EXPECT_TRUE(Details({DetailKind::kAwsManagedPolicy}).policies.empty());
}

TEST_F(AccountTest, PaginationWalksTheCombinedListOnceInOrder) {
  for (const char* n : {"u2", "u1"}) User(n);
  for (const char* n : {"g1", "g2"}) Group(n);
  Role("r1");
  for (const char* n : {"p2", "p1"}) Policy(n);
  Attach(EntityKind::kRole, "r1", kReadOnly);
  std::vector<std::string> seen;
  PageRequest page;
  page.max_items = 3;
  int calls = 0;
  while (true) {
    auto d = Details({}, page);
    ++calls;
    size_t n = d.users.size() + d.groups.size() + d.roles.size() + d.policies.size();
    EXPECT_LE(n, 3u);
    for (const auto& u : d.users) seen.push_back("user:" + u.user->name);
    for (const auto& g : d.groups) seen.push_back("group:" + g.group->name);
    for (const auto& r : d.roles) seen.push_back("role:" + r.role->name);
    for (const auto& p : d.policies) seen.push_back("policy:" + p.policy.name);
    if (!d.truncated) break;
    ASSERT_FALSE(d.next_marker.empty());
    page.marker = d.next_marker;
    ASSERT_LT(calls, 10);
  }
  const std::vector<std::string> expected = {"user:u1",   "user:u2",  "group:g1",
                                             "group:g2",  "role:r1",  "policy:ReadOnlyAccess",
                                             "policy:p1", "policy:p2"};
  EXPECT_EQ(seen, expected);
  EXPECT_EQ(calls, 3);
}

TEST_F(AccountTest, MarkerResumesAfterDeletionsAndRejectsForeignMarkers) {
  for (const char* n : {"a", "b", "c"}) User(n);
  PageRequest page;
  page.max_items = 1;
  auto first = Details({DetailKind::kUser}, page);
  ASSERT_TRUE(first.truncated);
  ASSERT_TRUE(ops::DeleteUser(ctx_, "b"));
  page.marker = first.next_marker;
  auto next = Details({DetailKind::kUser}, page);
  ASSERT_EQ(next.users.size(), 1u);
  EXPECT_EQ(next.users[0].user->name, "c");
  EXPECT_FALSE(next.truncated);

  page.marker = EncodeMarker("ListUsers", "0a");
  auto foreign = ops::GetAccountAuthorizationDetails(ctx_, {}, page);
  ASSERT_FALSE(foreign);
  EXPECT_EQ(foreign.error().code, "ValidationError");
  EXPECT_EQ(foreign.error().message, "Invalid Marker.");
  page.marker = "not a marker";
  EXPECT_FALSE(ops::GetAccountAuthorizationDetails(ctx_, {}, page));
}

}  // namespace
}  // namespace iamlite
