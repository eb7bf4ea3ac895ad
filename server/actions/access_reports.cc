// Access reports: decode -> core/ops/access_reports -> output tree.
#include "core/ops/access_reports.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

Json ServiceJson(const ops::ServiceReport& r, bool action_level) {
  Json j = {{"ServiceName", r.service.name},
            {"ServiceNamespace", r.service.ns},
            {"TotalAuthenticatedEntities", r.total_entities}};
  if (r.last) {
    j["LastAuthenticated"] = *r.last;
    j["LastAuthenticatedEntity"] = r.last_entity;
    j["LastAuthenticatedRegion"] = r.last_region;
  }
  if (action_level && !r.actions.empty()) {
    Json actions = Json::array();
    for (const auto& a : r.actions) {
      Json aj = {{"ActionName", a.name}};
      if (a.last) {
        aj["LastAccessedTime"] = *a.last;
        aj["LastAccessedEntity"] = a.entity;
        aj["LastAccessedRegion"] = a.region;
      }
      actions.push_back(std::move(aj));
    }
    j["TrackedActionsLastAccessed"] = std::move(actions);
  }
  return j;
}

Json EntityJson(const ops::EntityLastAccess& e) {
  Json info = {{"Arn", e.entity.arn},
               {"Name", e.entity.name},
               {"Type", e.entity.type},
               {"Id", e.entity.id},
               {"Path", e.entity.path}};
  Json j = {{"EntityInfo", std::move(info)}};
  if (e.last) j["LastAuthenticated"] = *e.last;
  return j;
}

void JobFields(const ops::AccessReportJob& job, Json& out) {
  out["JobStatus"] = "COMPLETED";
  out["JobCreationDate"] = job.created;
  out["JobCompletionDate"] = job.completed;
}

}  // namespace

void RegisterAccessReportActions(ActionTable& t) {
  t.Add("GenerateServiceLastAccessedDetails", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto id = ops::GenerateServiceLastAccessedDetails(ctx, Str(in, "Arn"), Str(in, "Granularity"));
    if (!id) return std::unexpected(id.error());
    return Json{{"JobId", *id}};
  });
  t.Add("GetServiceLastAccessedDetails", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto r = ops::GetServiceLastAccessedDetails(ctx, Str(in, "JobId"), PageOf(in));
    if (!r) return std::unexpected(r.error());
    bool action_level = r->job->granularity == "ACTION_LEVEL";
    Json out = PageJson(r->page, "ServicesLastAccessed",
                        [&](const auto& s) { return ServiceJson(s, action_level); });
    JobFields(*r->job, out);
    out["JobType"] = r->job->granularity;
    return out;
  });
  t.Add("GetServiceLastAccessedDetailsWithEntities",
        [](OpContext& ctx, const Json& in) -> Result<Json> {
          auto r = ops::GetServiceLastAccessedDetailsWithEntities(
              ctx, Str(in, "JobId"), Str(in, "ServiceNamespace"), PageOf(in));
          if (!r) return std::unexpected(r.error());
          Json out = PageJson(r->page, "EntityDetailsList", EntityJson);
          JobFields(*r->job, out);
          return out;
        });
  t.Add("GenerateOrganizationsAccessReport", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto id = ops::GenerateOrganizationsAccessReport(ctx, Str(in, "EntityPath"));
    if (!id) return std::unexpected(id.error());
    return Json{{"JobId", *id}};
  });
  t.Add("GetOrganizationsAccessReport", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto job = ops::GetOrganizationsAccessReport(ctx, Str(in, "JobId"));
    if (!job) return std::unexpected(job.error());
    return Json{{"JobStatus", "FAILED"},
                {"JobCreationDate", job->created},
                {"JobCompletionDate", job->created},
                {"IsTruncated", false},
                {"ErrorDetails",
                 {{"Code", ops::kOrganizationsReportErrorCode},
                  {"Message", ops::kOrganizationsReportErrorMessage}}}};
  });
  t.Add("ListPoliciesGrantingServiceAccess", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto r = ops::ListPoliciesGrantingServiceAccess(ctx, Str(in, "Arn"),
                                                    StrList(in, "ServiceNamespaces"));
    if (!r) return std::unexpected(r.error());
    Json entries = Json::array();
    for (const auto& e : *r) {
      Json policies = Json::array();
      for (const auto& p : e.policies) {
        Json pj = {{"PolicyName", p.policy_name}, {"PolicyType", p.policy_type}};
        if (!p.policy_arn.empty()) pj["PolicyArn"] = p.policy_arn;
        if (!p.entity_type.empty()) pj["EntityType"] = p.entity_type;
        if (!p.entity_name.empty()) pj["EntityName"] = p.entity_name;
        policies.push_back(std::move(pj));
      }
      entries.push_back({{"ServiceNamespace", e.ns}, {"Policies", std::move(policies)}});
    }
    return Json{{"PoliciesGrantingServiceAccess", std::move(entries)}, {"IsTruncated", false}};
  });
}

}  // namespace iamlite
