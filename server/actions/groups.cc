// IAM group operations: decode -> core/ops/groups -> output tree.
#include "core/ops/groups.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

Result<Json> Done(const Result<void>& done) {
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

void RegisterGroupReads(ActionTable& t) {
  t.Add("GetGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto got = ops::GetGroup(ctx, Str(in, "GroupName"), PageOf(in));
    if (!got) return std::unexpected(got.error());
    Json out = PageJson(got->users, "Users",
                        [&](const auto& u) { return ToJson(*u, ctx.account(), false); });
    out["Group"] = ToJson(got->group, ctx.account());
    return out;
  });
  t.Add("ListGroups", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListGroups(ctx, in.value("PathPrefix", std::string("/")), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Groups", [&](const auto& g) { return ToJson(*g, ctx.account()); });
  });
  t.Add("ListGroupsForUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListGroupsForUser(ctx, Str(in, "UserName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Groups", [&](const auto& g) { return ToJson(*g, ctx.account()); });
  });
}

}  // namespace

void RegisterGroupActions(ActionTable& t) {
  t.Add("CreateGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto group = ops::CreateGroup(ctx, Str(in, "GroupName"), in.value("Path", std::string("/")));
    if (!group) return std::unexpected(group.error());
    return Json{{"Group", ToJson(*group, ctx.account())}};
  });
  t.Add("UpdateGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::UpdateGroup(
        ctx, {Str(in, "GroupName"), OptStr(in, "NewGroupName"), OptStr(in, "NewPath")}));
  });
  t.Add("DeleteGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::DeleteGroup(ctx, Str(in, "GroupName")));
  });
  t.Add("AddUserToGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::AddUserToGroup(ctx, Str(in, "GroupName"), Str(in, "UserName")));
  });
  t.Add("RemoveUserFromGroup", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(ops::RemoveUserFromGroup(ctx, Str(in, "GroupName"), Str(in, "UserName")));
  });
  RegisterGroupReads(t);
}

}  // namespace iamlite
