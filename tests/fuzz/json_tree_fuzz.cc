// libFuzzer target: JsonTree (core/state/json_tree.h), the parser of snapshots and journal
// records, against nlohmann::json::parse, which it replaced there. For every input both must
// agree: nlohmann rejects => the tree rejects; nlohmann accepts => the tree gives the same
// values (kinds, integers, strings, items, members), or refuses for one of its two extra
// rules (a duplicate key, nesting deeper than JsonTree::kMaxDepth), or because a NUL byte
// follows the value (nlohmann stops reading there; the tree reads on and refuses what follows,
// and gives nlohmann's value for the text up to the NUL).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/state/json_tree.h"

namespace {

using iamlite::state::JsonNode;
using nlohmann::json;

void Check(bool ok) {
  if (!ok) std::abort();
}

void Same(const json& j, const JsonNode& n) {
  switch (j.type()) {
    case json::value_t::null:
      Check(n.is_null());
      break;
    case json::value_t::boolean:
      Check(n.is_boolean() && n.get<bool>() == j.get<bool>());
      break;
    case json::value_t::number_integer:
      Check(n.kind() == JsonNode::Kind::kInt || n.kind() == JsonNode::Kind::kUint);
      Check(n.is_number_integer() && n.get<std::int64_t>() == j.get<std::int64_t>());
      break;
    case json::value_t::number_unsigned:
      Check(n.is_number_unsigned() && n.get<std::uint64_t>() == j.get<std::uint64_t>());
      break;
    case json::value_t::number_float:
      Check(n.is_number_float());
      break;
    case json::value_t::string:
      Check(n.is_string() && n.get<std::string>() == j.get<std::string>());
      break;
    case json::value_t::array:
      Check(n.is_array() && n.size() == j.size());
      for (std::size_t i = 0; i < j.size(); ++i) Same(j[i], n[i]);
      {
        std::size_t k = 0;
        for (auto it = n.begin(); it != n.end(); ++it, ++k) Check(&*it == &n[k]);
        Check(k == n.size());
      }
      break;
    case json::value_t::object: {
      Check(n.is_object() && n.size() == j.size());
      std::size_t k = 0;
      for (auto it = n.begin(); it != n.end(); ++it, ++k) {
        auto m = j.find(std::string(it.key()));
        Check(m != j.end());
        Check(n.find(it.key()) == it && n.contains(it.key()));
        Same(*m, it.value());
      }
      Check(k == n.size());
      break;
    }
    default:
      Check(false);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  static iamlite::state::JsonTree tree;  // kept between inputs, as a snapshot load keeps it
  auto parsed = tree.Parse(text);
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    Check(!parsed.has_value());
    Check(parsed.error().message.starts_with("not JSON: "));
    return 0;
  }
  if (!parsed && text.find('\0') != std::string_view::npos &&
      parsed.error().message.find("unexpected text after the value") != std::string::npos) {
    auto before_nul = tree.Parse(text.substr(0, text.find('\0')));
    Check(before_nul.has_value());
    Same(j, **before_nul);
    return 0;
  }
  if (!parsed) {
    const std::string& m = parsed.error().message;
    Check(m.find("duplicate key") != std::string::npos ||
          m.find("nested deeper than") != std::string::npos);
    return 0;
  }
  Check(*parsed == &tree.root());
  Same(j, **parsed);
  return 0;
}
