// Change records as JSON, for the journal: one object per ChangeOp,
//   {"op": "put", "type": "user", "key": "sally", "value": {...the user...}}
//   {"op": "erase", "type": "group", "key": "devops"}
//   {"op": "put", "type": "settings", "value": {...}}
// with the entity codec of entity_json.h (secrets always included: the journal is the state).
#pragma once

#include <nlohmann/json.hpp>

#include "core/change.h"
#include "core/state/entity_json.h"
#include "core/state/json_in.h"

namespace iamlite::state {

nlohmann::json ToJson(const ChangeOp& op);
nlohmann::json ToJson(const Change& change);  // an array of ops

// Throws DecodeError (json_in.h).
template <class In>
ChangeOp DecodeChangeOp(const In& in, DecodeContext& ctx);
template <class In>
Change DecodeChange(const In& in, DecodeContext& ctx);

// The non-throwing edge: a Change from its JSON array.
StateResult<Change> ChangeFromJson(const nlohmann::json& j);

}  // namespace iamlite::state
