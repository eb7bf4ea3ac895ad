// Reading a hand-written file (a fixture, JSON or YAML) into an ordered JSON tree that
// remembers, for each JSON path, the line it came from, so errors can say "line 41" as well
// as the path.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/state/json_in.h"

namespace iamlite::state {

struct SourceTree {
  nlohmann::ordered_json root;       // members in file order
  std::map<std::string, int> lines;  // JSON path (JsonIn::Path form) -> 1-based line

  // The line of `path`, or of its nearest ancestor that has one; 0 when unknown.
  int LineOf(std::string path) const;
};

// Objects and arrays nested deeper than this are refused (policy documents need six levels).
inline constexpr int kMaxSourceDepth = 64;

// Parses JSON text. A syntax error names its line and column.
StateResult<SourceTree> ReadJsonSource(std::string_view text);

// Parses YAML text (one document, read with libyaml) into the same tree. Mappings become
// objects (keys as strings, in file order; a repeated key is an error), sequences arrays.
// Quoted and block scalars are strings; plain scalars are null ("", "~", "null"), true/false,
// integers and decimal numbers when they look so (the YAML 1.2 core schema: "yes" and "no"
// stay strings), otherwise strings. The tag !!str forces a string. Anchors and aliases,
// other tags and further documents are refused. Errors name the line and column.
StateResult<SourceTree> ReadYamlSource(std::string_view text);

}  // namespace iamlite::state
