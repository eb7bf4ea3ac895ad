// The service models as constant data compiled into the binary (generated at build time by
// tools/model_pack from model/*.json), so that loading a model builds its lookup structures
// without parsing JSON: parsing the IAM model's JSON cost about 12 ms of CPU, most of it
// allocating the document tree, and was what a server's first AWS request waited for.
#pragma once

#include <cstdint>

namespace iamlite {

struct PackedMember {
  const char* name;
  int shape;  // index into PackedModel::shapes
  bool required;
};

struct PackedShape {
  const char* name;
  int type;                // a ShapeType
  int member, key, value;  // indexes into PackedModel::shapes, -1 for none
  bool has_min, has_max;
  std::int64_t min, max;
  const char* pattern;      // "" for none
  const char* re2_pattern;  // "" for none
  const char* forbid;       // "" for none
  const char* const* enum_values;
  int enum_count;
  const PackedMember* members;
  int member_count;
  bool sensitive;
  const char* error_code;  // "" unless an error shape
  int error_status;
  bool sender_fault;
};

struct PackedOperation {
  const char* name;
  int input, output;  // indexes into PackedModel::shapes, -1 for none
  const char* result_wrapper;
  const int* errors;
  int error_count;
};

struct PackedModel {
  const char* api_version;
  const char* xml_namespace;
  const char* endpoint_prefix;
  const PackedShape* shapes;
  int shape_count;
  const PackedOperation* operations;  // sorted by name
  int operation_count;
};

}  // namespace iamlite
