// A small JSON tree that remembers where objects and arrays sit in the text and keeps
// duplicate keys, read with nlohmann's SAX parser. The policy parser's only view of JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace iamlite::policy {

struct JsonNode {
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  // Declared here, defaulted below where JsonNode is complete: clang (the fuzz build) refuses
  // to instantiate members of vector<pair<string, JsonNode>> inside the class.
  JsonNode();
  JsonNode(const JsonNode&);
  JsonNode(JsonNode&&) noexcept;
  JsonNode& operator=(const JsonNode&);
  JsonNode& operator=(JsonNode&&) noexcept;
  ~JsonNode();

  Kind kind = Kind::kNull;
  std::string text;                                       // string value, or literal as written
  std::vector<JsonNode> items;                            // kArray
  std::vector<std::pair<std::string, JsonNode>> members;  // kObject, document order
  std::size_t begin = 0;  // byte offset of '{' or '[' (objects and arrays only)
  std::size_t end = 0;    // byte offset just past '}' or ']'

  bool Is(Kind k) const { return kind == k; }
  // True for strings, numbers and booleans.
  bool IsScalar() const {
    return kind == Kind::kString || kind == Kind::kNumber || kind == Kind::kBool;
  }
  // The member named `key`; with duplicate keys the last one wins, as in Jackson and
  // nlohmann. Null when absent or when this is not an object.
  const JsonNode* Find(std::string_view key) const;
};

inline JsonNode::JsonNode() = default;
inline JsonNode::JsonNode(const JsonNode&) = default;
inline JsonNode::JsonNode(JsonNode&&) noexcept = default;
inline JsonNode& JsonNode::operator=(const JsonNode&) = default;
inline JsonNode& JsonNode::operator=(JsonNode&&) noexcept = default;
inline JsonNode::~JsonNode() = default;

// Objects and arrays nested deeper than this make the text unreadable. Real policies need
// six levels; the cap keeps hostile input from costing memory or stack.
inline constexpr int kMaxJsonDepth = 32;

// Reads one JSON value (RFC 8259, UTF-8, nothing after it). Nullopt when the text is not
// JSON or nests deeper than kMaxJsonDepth. Never throws.
std::optional<JsonNode> ReadJson(std::string_view text);

}  // namespace iamlite::policy
