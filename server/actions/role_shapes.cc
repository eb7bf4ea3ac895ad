#include "server/actions/role_shapes.h"

#include "core/url_encode.h"
#include "server/actions/shapes.h"

namespace iamlite::shapes {

Json RoleToJson(const Role& r, const std::string& account, RoleView view) {
  Json j;
  j["Path"] = r.path;
  j["RoleName"] = r.name;
  j["RoleId"] = r.id;
  j["Arn"] = r.Arn(account);
  j["CreateDate"] = r.create_date;
  j["AssumeRolePolicyDocument"] = UrlEncodePolicy(r.assume_role_policy.text());
  if (view == RoleView::kInstanceProfile) return j;
  bool with_description = view != RoleView::kCreate && view != RoleView::kDetail;
  if (with_description && !r.description.empty()) j["Description"] = r.description;
  if (view == RoleView::kFull || view == RoleView::kList)
    j["MaxSessionDuration"] = r.max_session_duration;
  if (view == RoleView::kList) return j;
  if (!r.permissions_boundary.empty())
    j["PermissionsBoundary"] = PermissionsBoundaryJson(r.permissions_boundary);
  if (!r.tags.empty() || view == RoleView::kDetail) j["Tags"] = ToJson(r.tags);
  if (view == RoleView::kFull || view == RoleView::kDetail) {
    Json used = Json::object();
    if (r.last_used) {
      used["LastUsedDate"] = r.last_used->date;
      if (!r.last_used->region.empty()) used["Region"] = r.last_used->region;
    }
    j["RoleLastUsed"] = std::move(used);
  }
  return j;
}

Json InstanceProfileToJson(const InstanceProfile& p,
                           const std::vector<std::shared_ptr<const Role>>& roles,
                           const std::string& account, InstanceProfileView view) {
  Json j;
  j["Path"] = p.path;
  j["InstanceProfileName"] = p.name;
  j["InstanceProfileId"] = p.id;
  j["Arn"] = p.Arn(account);
  j["CreateDate"] = p.create_date;
  Json list = Json::array();
  for (const auto& r : roles) list.push_back(RoleToJson(*r, account, RoleView::kInstanceProfile));
  j["Roles"] = std::move(list);
  if (view == InstanceProfileView::kGet ||
      (view == InstanceProfileView::kCreate && !p.tags.empty()))
    j["Tags"] = ToJson(p.tags);
  return j;
}

}  // namespace iamlite::shapes
