#include "server/action_table.h"

namespace iamlite {

void RegisterRoleActions(ActionTable&) {}

}  // namespace iamlite
