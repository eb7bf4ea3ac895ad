// Model-driven XML for AWS Query responses: the output tree (JSON, as the decoder's) walked by
// the operation's output shape, in the model's member order, inside the
// <XResponse><XResult> ... <ResponseMetadata> envelope. Errors render once, here.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "core/error.h"
#include "core/model.h"

namespace iamlite {

std::string EncodeResponse(const ServiceModel& model, const Operation& op,
                           const nlohmann::json& output, const std::string& request_id);

std::string EncodeError(const std::string& xml_namespace, const IamError& error,
                        const std::string& request_id);

}  // namespace iamlite
