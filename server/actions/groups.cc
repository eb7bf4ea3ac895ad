#include "server/action_table.h"

namespace iamlite {

void RegisterGroupActions(ActionTable&) {}

}  // namespace iamlite
