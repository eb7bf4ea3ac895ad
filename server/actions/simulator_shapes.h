// The simulator's EvaluationResult output shape, shared by the API and the command line.
#pragma once

#include <nlohmann/json.hpp>

#include "core/ops/simulator.h"

namespace iamlite {

nlohmann::json SimEvaluationJson(const ops::SimEvaluation& e);

}  // namespace iamlite
