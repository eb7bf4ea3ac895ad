#include "server/actions/policy_shapes.h"

#include "core/url_encode.h"
#include "server/actions/shapes.h"

namespace iamlite::shapes {
namespace {

ops::PolicyUsage UsageOf(const Json& in) {
  std::string usage = Str(in, "PolicyUsageFilter");
  if (usage == "PermissionsPolicy") return ops::PolicyUsage::kPermissionsPolicy;
  if (usage == "PermissionsBoundary") return ops::PolicyUsage::kPermissionsBoundary;
  return ops::PolicyUsage::kAny;
}

}  // namespace

Json ToJson(const ops::PolicyView& p, PolicyFields fields) {
  Json j;
  j["PolicyName"] = p.name;
  j["PolicyId"] = p.id;
  j["Arn"] = p.arn;
  j["Path"] = p.path;
  j["DefaultVersionId"] = p.default_version_id;
  j["AttachmentCount"] = p.attachment_count;
  j["PermissionsBoundaryUsageCount"] = p.boundary_usage_count;
  j["IsAttachable"] = p.attachable;
  if (fields == PolicyFields::kGet && !p.description.empty()) j["Description"] = p.description;
  j["CreateDate"] = p.create_date;
  j["UpdateDate"] = p.update_date;
  if (fields == PolicyFields::kGet || (fields == PolicyFields::kCreate && !p.tags.empty()))
    j["Tags"] = ToJson(p.tags);
  return j;
}

Json ToJson(const ops::PolicyVersionView& v, bool with_document) {
  Json j;
  if (with_document) j["Document"] = UrlEncodePolicy(v.document);
  j["VersionId"] = v.version_id;
  j["IsDefaultVersion"] = v.is_default;
  j["CreateDate"] = v.create_date;
  return j;
}

Json ToJson(const ops::AttachedPolicy& p) {
  Json j;  // members one by one: an initializer list builds and copies a pair per member
  j["PolicyName"] = p.name;
  j["PolicyArn"] = p.arn;
  return j;
}

Json ToJson(const InlinePolicies& policies) {
  Json list = Json::array();
  for (const auto& [name, doc] : policies) {
    Json j;
    j["PolicyName"] = name;
    j["PolicyDocument"] = UrlEncodePolicy(doc.text());
    list.push_back(std::move(j));
  }
  return list;
}

Json EntitiesPageJson(const Page<ops::PolicyEntity>& page) {
  Json groups = Json::array(), users = Json::array(), roles = Json::array();
  for (const auto& e : page.items) {
    switch (e.kind) {
      case ops::PolicyEntity::Kind::kGroup:
        groups.push_back({{"GroupName", e.name}, {"GroupId", e.id}});
        break;
      case ops::PolicyEntity::Kind::kUser:
        users.push_back({{"UserName", e.name}, {"UserId", e.id}});
        break;
      case ops::PolicyEntity::Kind::kRole:
        roles.push_back({{"RoleName", e.name}, {"RoleId", e.id}});
        break;
    }
  }
  Json out{{"PolicyGroups", groups},
           {"PolicyUsers", users},
           {"PolicyRoles", roles},
           {"IsTruncated", page.truncated}};
  if (page.truncated) out["Marker"] = page.next_marker;
  return out;
}

ops::ListPoliciesInput ListPoliciesInputOf(const Json& in) {
  ops::ListPoliciesInput out;
  std::string scope = Str(in, "Scope");
  out.scope = scope == "AWS"     ? ops::PolicyScope::kAws
              : scope == "Local" ? ops::PolicyScope::kLocal
                                 : ops::PolicyScope::kAll;
  out.only_attached = in.value("OnlyAttached", false);
  out.path_prefix = in.value("PathPrefix", std::string("/"));
  out.usage = UsageOf(in);
  return out;
}

ops::ListEntitiesInput ListEntitiesInputOf(const Json& in) {
  ops::ListEntitiesInput out;
  out.policy_arn = Str(in, "PolicyArn");
  std::string filter = Str(in, "EntityFilter");
  using F = ops::EntityFilter;
  out.filter = filter == "User"                 ? F::kUser
               : filter == "Role"               ? F::kRole
               : filter == "Group"              ? F::kGroup
               : filter == "LocalManagedPolicy" ? F::kLocalManagedPolicy
               : filter == "AWSManagedPolicy"   ? F::kAwsManagedPolicy
                                                : F::kAll;
  out.path_prefix = in.value("PathPrefix", std::string("/"));
  out.usage = UsageOf(in);
  return out;
}

}  // namespace iamlite::shapes
