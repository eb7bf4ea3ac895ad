// Role, instance profile and permissions boundary operations: decode -> core/ops -> output tree.
#include "core/ops/roles.h"

#include "core/ops/boundaries.h"
#include "core/ops/instance_profiles.h"
#include "server/action_table.h"
#include "server/actions/role_shapes.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

std::optional<int> OptInt(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return static_cast<int>(it->get<std::int64_t>());
}

// The empty output of an operation that returns nothing but its errors.
Result<Json> Done(const Result<void>& done) {
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

Result<Json> TagPage(const Result<Page<Tag>>& page) {
  if (!page) return std::unexpected(page.error());
  return PageJson(*page, "Tags", [](const Tag& t) {
    return Json{{"Key", t.key}, {"Value", t.value}};
  });
}

Result<Json> ProfilePage(OpContext& ctx, const Result<Page<ops::InstanceProfileView>>& page) {
  if (!page) return std::unexpected(page.error());
  return PageJson(*page, "InstanceProfiles", [&](const ops::InstanceProfileView& v) {
    return InstanceProfileToJson(*v.profile, v.roles, ctx.account(), InstanceProfileView::kList);
  });
}

Result<Json> RoleOutput(OpContext& ctx, const Result<Role>& role, RoleView view) {
  if (!role) return std::unexpected(role.error());
  return Json{{"Role", RoleToJson(*role, ctx.account(), view)}};
}

void RegisterRoles(ActionTable& t) {
  t.Add("CreateRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::CreateRoleInput args{Str(in, "RoleName"),
                              Str(in, "AssumeRolePolicyDocument"),
                              in.value("Path", std::string("/")),
                              Str(in, "Description"),
                              OptInt(in, "MaxSessionDuration"),
                              Str(in, "PermissionsBoundary"),
                              TagsOf(in)};
    return RoleOutput(ctx, ops::CreateRole(ctx, args), RoleView::kCreate);
  });
  t.Add("GetRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return RoleOutput(ctx, ops::GetRole(ctx, Str(in, "RoleName")), RoleView::kFull);
  });
  t.Add("ListRoles", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListRoles(ctx, in.value("PathPrefix", std::string("/")), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Roles",
                    [&](const auto& r) { return RoleToJson(*r, ctx.account(), RoleView::kList); });
  });
  t.Add("UpdateRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::UpdateRole(
        ctx, {Str(in, "RoleName"), OptStr(in, "Description"), OptInt(in, "MaxSessionDuration")}));
  });
  t.Add("UpdateRoleDescription", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return RoleOutput(ctx,
                      ops::UpdateRoleDescription(ctx, Str(in, "RoleName"), Str(in, "Description")),
                      RoleView::kDescription);
  });
  t.Add("UpdateAssumeRolePolicy", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::UpdateAssumeRolePolicy(ctx, Str(in, "RoleName"), Str(in, "PolicyDocument")));
  });
  t.Add("DeleteRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::DeleteRole(ctx, Str(in, "RoleName")));
  });
  t.Add("TagRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::TagRole(ctx, Str(in, "RoleName"), TagsOf(in)));
  });
  t.Add("UntagRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::UntagRole(ctx, Str(in, "RoleName"), StrList(in, "TagKeys")));
  });
  t.Add("ListRoleTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return TagPage(ops::ListRoleTags(ctx, Str(in, "RoleName"), PageOf(in)));
  });
}

void RegisterInstanceProfiles(ActionTable& t) {
  t.Add("CreateInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::CreateInstanceProfile(
        ctx, {Str(in, "InstanceProfileName"), in.value("Path", std::string("/")), TagsOf(in)});
    if (!p) return std::unexpected(p.error());
    return Json{{"InstanceProfile",
                 InstanceProfileToJson(*p, {}, ctx.account(), InstanceProfileView::kCreate)}};
  });
  t.Add("GetInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto v = ops::GetInstanceProfile(ctx, Str(in, "InstanceProfileName"));
    if (!v) return std::unexpected(v.error());
    return Json{{"InstanceProfile", InstanceProfileToJson(*v->profile, v->roles, ctx.account(),
                                                          InstanceProfileView::kGet)}};
  });
  t.Add("ListInstanceProfiles", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return ProfilePage(
        ctx, ops::ListInstanceProfiles(ctx, in.value("PathPrefix", std::string("/")), PageOf(in)));
  });
  t.Add("ListInstanceProfilesForRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return ProfilePage(ctx, ops::ListInstanceProfilesForRole(ctx, Str(in, "RoleName"), PageOf(in)));
  });
  t.Add("DeleteInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::DeleteInstanceProfile(ctx, Str(in, "InstanceProfileName")));
  });
  t.Add("AddRoleToInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(
        ops::AddRoleToInstanceProfile(ctx, Str(in, "InstanceProfileName"), Str(in, "RoleName")));
  });
  t.Add("RemoveRoleFromInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::RemoveRoleFromInstanceProfile(ctx, Str(in, "InstanceProfileName"),
                                                   Str(in, "RoleName")));
  });
  t.Add("TagInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::TagInstanceProfile(ctx, Str(in, "InstanceProfileName"), TagsOf(in)));
  });
  t.Add("UntagInstanceProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(
        ops::UntagInstanceProfile(ctx, Str(in, "InstanceProfileName"), StrList(in, "TagKeys")));
  });
  t.Add("ListInstanceProfileTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return TagPage(ops::ListInstanceProfileTags(ctx, Str(in, "InstanceProfileName"), PageOf(in)));
  });
}

void RegisterBoundaries(ActionTable& t) {
  t.Add("PutRolePermissionsBoundary", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(
        ops::PutRolePermissionsBoundary(ctx, Str(in, "RoleName"), Str(in, "PermissionsBoundary")));
  });
  t.Add("DeleteRolePermissionsBoundary", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::DeleteRolePermissionsBoundary(ctx, Str(in, "RoleName")));
  });
  t.Add("PutUserPermissionsBoundary", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(
        ops::PutUserPermissionsBoundary(ctx, Str(in, "UserName"), Str(in, "PermissionsBoundary")));
  });
  t.Add("DeleteUserPermissionsBoundary", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::DeleteUserPermissionsBoundary(ctx, Str(in, "UserName")));
  });
}

}  // namespace

void RegisterRoleActions(ActionTable& t) {
  RegisterRoles(t);
  RegisterInstanceProfiles(t);
  RegisterBoundaries(t);
}

}  // namespace iamlite
