// IAM user operations: decode -> core/ops/users -> output tree.
#include "core/ops/users.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

void RegisterUserActions(ActionTable& t) {
  t.Add("CreateUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::CreateUserInput args{Str(in, "UserName"), in.value("Path", std::string("/")),
                              Str(in, "PermissionsBoundary"), TagsOf(in)};
    auto user = ops::CreateUser(ctx, args);
    if (!user) return std::unexpected(user.error());
    return Json{{"User", ToJson(*user, ctx.account(), true)}};
  });
  t.Add("GetUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto user = ops::GetUser(ctx, OptStr(in, "UserName"));
    if (!user) return std::unexpected(user.error());
    return Json{{"User", ToJson(*user, ctx.account(), true)}};
  });
  t.Add("ListUsers", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListUsers(ctx, in.value("PathPrefix", std::string("/")), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Users",
                    [&](const auto& u) { return ToJson(*u, ctx.account(), false); });
  });
  t.Add("UpdateUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::UpdateUser(
        ctx, {Str(in, "UserName"), OptStr(in, "NewUserName"), OptStr(in, "NewPath")});
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("DeleteUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::DeleteUser(ctx, Str(in, "UserName"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("TagUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::TagUser(ctx, Str(in, "UserName"), TagsOf(in));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("UntagUser", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::UntagUser(ctx, Str(in, "UserName"), StrList(in, "TagKeys"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("ListUserTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListUserTags(ctx, Str(in, "UserName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Tags", [](const Tag& tag) {
      return Json{{"Key", tag.key}, {"Value", tag.value}};
    });
  });
}

}  // namespace iamlite
