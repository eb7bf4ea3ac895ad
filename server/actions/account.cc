#include "server/action_table.h"

namespace iamlite {

void RegisterAccountActions(ActionTable&) {}

}  // namespace iamlite
