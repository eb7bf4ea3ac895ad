// Account-wide operations: aliases, summary, credential report, authorization details.
#include "core/ops/account.h"

#include "core/ops/authorization_details.h"
#include "server/action_table.h"
#include "server/actions/policy_shapes.h"
#include "server/actions/role_shapes.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

std::vector<ops::DetailKind> FilterOf(const Json& in) {
  using K = ops::DetailKind;
  std::vector<K> out;
  for (const auto& f : StrList(in, "Filter"))
    out.push_back(f == "User"                 ? K::kUser
                  : f == "Role"               ? K::kRole
                  : f == "Group"              ? K::kGroup
                  : f == "LocalManagedPolicy" ? K::kLocalManagedPolicy
                                              : K::kAwsManagedPolicy);  // the model's enum
  return out;
}

template <class T, class F>
Json ListJson(const std::vector<T>& items, F&& to_json) {
  Json list = Json::array();
  for (const auto& item : items) list.push_back(to_json(item));
  return list;
}

Json AttachedJson(const std::vector<ops::AttachedPolicy>& attached) {
  return ListJson(attached, [](const auto& a) { return ToJson(a); });
}

// Member presence as recorded from AWS (test_iam_account_authorization_details): a user's
// UserPolicyList only when it has inline policies, GroupPolicyList and RolePolicyList always;
// a user's and a role's Tags always ([] when none).
Json UserDetailJson(const ops::UserDetail& d, const std::string& account) {
  Json j = ToJson(*d.user, account, /*full=*/true);
  j.erase("PasswordLastUsed");  // not a member of UserDetail
  if (!d.user->inline_policies.empty()) j["UserPolicyList"] = ToJson(d.user->inline_policies);
  j["GroupList"] = d.group_names;
  j["AttachedManagedPolicies"] = AttachedJson(d.attached);
  j["Tags"] = ToJson(d.user->tags);
  return j;
}

Json GroupDetailJson(const ops::GroupDetail& d, const std::string& account) {
  Json j = ToJson(*d.group, account);
  j["GroupPolicyList"] = ToJson(d.group->inline_policies);
  j["AttachedManagedPolicies"] = AttachedJson(d.attached);
  return j;
}

Json RoleDetailJson(const ops::RoleDetail& d, const std::string& account) {
  Json j = RoleToJson(*d.role, account, RoleView::kDetail);
  j["InstanceProfileList"] = ListJson(d.instance_profiles, [&](const auto& p) {
    return InstanceProfileToJson(*p.profile, p.roles, account, InstanceProfileView::kList);
  });
  j["RolePolicyList"] = ToJson(d.role->inline_policies);
  j["AttachedManagedPolicies"] = AttachedJson(d.attached);
  return j;
}

Json PolicyDetailJson(const ops::ManagedPolicyDetail& d) {
  Json j = ToJson(d.policy, PolicyFields::kList);
  j["PolicyVersionList"] = ListJson(d.versions, [](const auto& v) { return ToJson(v, true); });
  return j;
}

Json AuthorizationDetailsJson(const ops::AuthorizationDetails& d, const std::string& account) {
  Json out;
  out["UserDetailList"] =
      ListJson(d.users, [&](const auto& u) { return UserDetailJson(u, account); });
  out["GroupDetailList"] =
      ListJson(d.groups, [&](const auto& g) { return GroupDetailJson(g, account); });
  out["RoleDetailList"] =
      ListJson(d.roles, [&](const auto& r) { return RoleDetailJson(r, account); });
  out["Policies"] = ListJson(d.policies, PolicyDetailJson);
  out["IsTruncated"] = d.truncated;
  if (d.truncated) out["Marker"] = d.next_marker;
  return out;
}

}  // namespace

void RegisterAccountActions(ActionTable& t) {
  t.Add("CreateAccountAlias", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::CreateAccountAlias(ctx, Str(in, "AccountAlias"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("DeleteAccountAlias", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::DeleteAccountAlias(ctx, Str(in, "AccountAlias"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("ListAccountAliases", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = PaginateVector(ops::ListAccountAliases(ctx), "ListAccountAliases", PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "AccountAliases", [](const std::string& a) { return Json(a); });
  });
  t.Add("GetAccountSummary", [](OpContext& ctx, const Json&) -> Result<Json> {
    return Json{{"SummaryMap", ops::AccountSummary(ctx)}};
  });
  t.Add("GenerateCredentialReport", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto r = ops::GenerateCredentialReport(ctx);
    if (!r) return std::unexpected(r.error());
    Json out = {{"State", r->state}};
    if (!r->description.empty()) out["Description"] = r->description;
    return out;
  });
  t.Add("GetAccountAuthorizationDetails", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto details = ops::GetAccountAuthorizationDetails(ctx, FilterOf(in), PageOf(in));
    if (!details) return std::unexpected(details.error());
    return AuthorizationDetailsJson(*details, ctx.account());
  });
  t.Add("GetCredentialReport", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto r = ops::GetCredentialReport(ctx);
    if (!r) return std::unexpected(r.error());
    return Json{
        {"Content", r->content}, {"ReportFormat", "text/csv"}, {"GeneratedTime", r->generated}};
  });
}

}  // namespace iamlite
