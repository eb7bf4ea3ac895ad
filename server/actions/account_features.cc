// Account features beyond identities: STS preferences, outbound web identity federation,
// organizations root-access features, delegation requests and GetHumanReadableSummary.
#include "core/ops/delegation.h"
#include "core/ops/organizations.h"
#include "core/ops/sts_preferences.h"
#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

Result<Json> Empty(const Result<void>& done) {
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

Json DelegationJson(const ops::DelegationRequest& r) {
  Json params = Json::array();
  for (const auto& p : r.parameters)
    params.push_back({{"Name", p.name}, {"Values", p.values}, {"Type", p.type}});
  Json perms = Json::object();
  if (!r.policy_template_arn.empty()) perms["PolicyTemplateArn"] = r.policy_template_arn;
  if (!r.parameters.empty()) perms["Parameters"] = std::move(params);
  Json j = {{"DelegationRequestId", r.id},
            {"Description", r.description},
            {"Permissions", std::move(perms)},
            {"State", r.state},
            {"ExpirationTime", r.expiration},
            {"RequestorId", r.requestor_account},
            {"CreateDate", r.created},
            {"SessionDuration", r.session_duration},
            {"OnlySendByOwner", r.only_send_by_owner},
            {"UpdatedTime", r.updated}};
  auto put = [&](const char* name, const std::string& v) {
    if (!v.empty()) j[name] = v;
  };
  put("OwnerAccountId", r.owner_account);
  put("RequestMessage", r.request_message);
  put("OwnerId", r.owner_id);
  put("ApproverId", r.approver_id);
  put("RedirectUrl", r.redirect_url);
  put("Notes", r.notes);
  put("RejectionReason", r.rejection_reason);
  return j;
}

ops::DelegationRequest DelegationOf(const Json& in) {
  ops::DelegationRequest r;
  r.owner_account = Str(in, "OwnerAccountId");
  r.description = Str(in, "Description");
  if (auto it = in.find("Permissions"); it != in.end()) {
    r.policy_template_arn = Str(*it, "PolicyTemplateArn");
    if (auto ps = it->find("Parameters"); ps != it->end())
      for (const auto& p : *ps)
        r.parameters.push_back({Str(p, "Name"), StrList(p, "Values"), Str(p, "Type")});
  }
  r.request_message = Str(in, "RequestMessage");
  r.requestor_workflow_id = Str(in, "RequestorWorkflowId");
  r.redirect_url = Str(in, "RedirectUrl");
  r.notification_channel = Str(in, "NotificationChannel");
  r.session_duration = in.value("SessionDuration", 3600);
  r.only_send_by_owner = in.value("OnlySendByOwner", false);
  return r;
}

}  // namespace

void RegisterAccountFeatureActions(ActionTable& t) {
  t.Add("SetSecurityTokenServicePreferences", [](OpContext& ctx, const Json& in) {
    return Empty(
        ops::SetSecurityTokenServicePreferences(ctx, Str(in, "GlobalEndpointTokenVersion")));
  });
  t.Add("EnableOutboundWebIdentityFederation", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto issuer = ops::EnableOutboundWebIdentityFederation(ctx);
    if (!issuer) return std::unexpected(issuer.error());
    return Json{{"IssuerIdentifier", *issuer}};
  });
  t.Add("DisableOutboundWebIdentityFederation", [](OpContext& ctx, const Json&) {
    return Empty(ops::DisableOutboundWebIdentityFederation(ctx));
  });
  t.Add("GetOutboundWebIdentityFederationInfo", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto issuer = ops::GetOutboundWebIdentityFederationInfo(ctx);
    if (!issuer) return std::unexpected(issuer.error());
    return Json{{"IssuerIdentifier", *issuer}, {"JwtVendingEnabled", true}};
  });
  for (const char* name :
       {"ListOrganizationsFeatures", "EnableOrganizationsRootCredentialsManagement",
        "DisableOrganizationsRootCredentialsManagement", "EnableOrganizationsRootSessions",
        "DisableOrganizationsRootSessions"})
    t.Add(name, [](OpContext&, const Json&) -> Result<Json> {
      return std::unexpected(ops::OrganizationNotFound());
    });

  t.Add("CreateDelegationRequest", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto r = ops::CreateDelegationRequest(ctx, DelegationOf(in));
    if (!r) return std::unexpected(r.error());
    return Json{{"ConsoleDeepLink", ops::ConsoleDeepLink(*r)}, {"DelegationRequestId", r->id}};
  });
  t.Add("GetDelegationRequest", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto r = ops::GetDelegationRequest(ctx, Str(in, "DelegationRequestId"));
    if (!r) return std::unexpected(r.error());
    Json out = {{"DelegationRequest", DelegationJson(*r)}};
    if (in.value("DelegationPermissionCheck", false)) {
      out["PermissionCheckStatus"] = "COMPLETE";
      out["PermissionCheckResult"] = "UNSURE";  // iamlite does not evaluate templates
    }
    return out;
  });
  t.Add("ListDelegationRequests", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListDelegationRequests(ctx, OptStr(in, "OwnerId"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    Json out = PageJson(*page, "DelegationRequests", DelegationJson);
    out["isTruncated"] = out["IsTruncated"];  // the model's member is spelled isTruncated
    out.erase("IsTruncated");
    return out;
  });
  t.Add("AssociateDelegationRequest", [](OpContext& ctx, const Json& in) {
    return Empty(ops::AssociateDelegationRequest(ctx, Str(in, "DelegationRequestId")));
  });
  t.Add("AcceptDelegationRequest", [](OpContext& ctx, const Json& in) {
    return Empty(ops::AcceptDelegationRequest(ctx, Str(in, "DelegationRequestId")));
  });
  t.Add("RejectDelegationRequest", [](OpContext& ctx, const Json& in) {
    return Empty(
        ops::RejectDelegationRequest(ctx, Str(in, "DelegationRequestId"), OptStr(in, "Notes")));
  });
  t.Add("UpdateDelegationRequest", [](OpContext& ctx, const Json& in) {
    return Empty(
        ops::UpdateDelegationRequest(ctx, Str(in, "DelegationRequestId"), OptStr(in, "Notes")));
  });
  t.Add("SendDelegationToken", [](OpContext& ctx, const Json& in) {
    return Empty(ops::SendDelegationToken(ctx, Str(in, "DelegationRequestId")));
  });
  t.Add("GetHumanReadableSummary", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto s = ops::GetHumanReadableSummary(ctx, Str(in, "EntityArn"), OptStr(in, "Locale"));
    if (!s) return std::unexpected(s.error());
    return Json{{"SummaryContent", s->content}, {"Locale", s->locale}, {"SummaryState", s->state}};
  });
}

}  // namespace iamlite
