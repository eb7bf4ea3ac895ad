#include "server/action_table.h"

namespace iamlite {

void RegisterCredentialActions(ActionTable&) {}

}  // namespace iamlite
