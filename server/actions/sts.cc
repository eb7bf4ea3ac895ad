// STS operations. GetCallerIdentity answers for the caller the request carries.
#include "server/action_table.h"

namespace iamlite {

void RegisterStsActions(ActionTable& t) {
  t.Add("GetCallerIdentity", [](OpContext& ctx, const Json&) -> Result<Json> {
    const Caller& c = ctx.caller;
    // AWS: the account id for root, the unique id (AIDA...) for an IAM user.
    std::string user_id = c.principal_id.empty() ? c.account : c.principal_id;
    return Json{{"UserId", user_id}, {"Account", c.account}, {"Arn", c.arn}};
  });
}

}  // namespace iamlite
