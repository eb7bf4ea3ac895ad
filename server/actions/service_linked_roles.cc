// Service-linked role operations: decode -> core/ops/service_linked_roles -> output tree.
#include "core/ops/service_linked_roles.h"

#include "server/action_table.h"
#include "server/actions/role_shapes.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

void RegisterServiceLinkedRoleActions(ActionTable& t) {
  t.Add("CreateServiceLinkedRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::CreateServiceLinkedRoleInput args{Str(in, "AWSServiceName"), OptStr(in, "Description"),
                                           OptStr(in, "CustomSuffix")};
    auto role = ops::CreateServiceLinkedRole(ctx, args);
    if (!role) return std::unexpected(role.error());
    return Json{
        {"Role", RoleToJson(*role, ctx.account(),
                            args.description ? RoleView::kDescription : RoleView::kCreate)}};
  });
  t.Add("DeleteServiceLinkedRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto task = ops::DeleteServiceLinkedRole(ctx, Str(in, "RoleName"));
    if (!task) return std::unexpected(task.error());
    return Json{{"DeletionTaskId", *task}};
  });
  t.Add("GetServiceLinkedRoleDeletionStatus", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto status = ops::GetServiceLinkedRoleDeletionStatus(ctx, Str(in, "DeletionTaskId"));
    if (!status) return std::unexpected(status.error());
    return Json{{"Status", *status}};
  });
}

}  // namespace iamlite
