// STS operations. GetCallerIdentity answers for the caller the request carries.
#include "server/action_table.h"

namespace iamlite {

void RegisterStsActions(ActionTable& t) {
  t.Add("GetCallerIdentity", [](OpContext& ctx, const Json&) -> Result<Json> {
    const Caller& c = ctx.caller;
    std::string user_id = c.account;
    return Json{{"UserId", user_id}, {"Account", c.account}, {"Arn", c.arn}};
  });
}

}  // namespace iamlite
