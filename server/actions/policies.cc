#include "server/action_table.h"

namespace iamlite {

void RegisterPolicyActions(ActionTable&) {}

}  // namespace iamlite
