// Model-driven decoding of AWS Query parameters into a typed tree, validated by the shape.
//
// Lists are `Name.member.N`, maps `Name.entry.N.key` / `.value`, nested structures
// `Outer.Inner`. The tree is JSON: structures are objects keyed by member name, lists are
// arrays, integers and booleans native, timestamps milliseconds since the epoch, blobs
// their decoded bytes. Constraint failures are collected and answered together as one
// ValidationError in AWS's wording.
#pragma once

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/model.h"
#include "server/form.h"

namespace iamlite {

struct DecodeOptions {
  // STS quotes the offending value in validation messages ("Value 'x' at 'roleSessionName'");
  // IAM does not ("Value at 'path'"), as recorded from AWS.
  bool quote_values = false;
};

Result<nlohmann::json> DecodeInput(const Shape* input, const Params& params,
                                   const DecodeOptions& options);

}  // namespace iamlite
