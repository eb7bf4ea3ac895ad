#include "core/policy/json_reader.h"

#include <iterator>
#include <nlohmann/json.hpp>

#include "core/counting_iterator.h"

namespace iamlite::policy {
namespace {

// Builds a JsonNode tree from SAX events; refuses to nest past kMaxJsonDepth.
class TreeBuilder : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit TreeBuilder(const std::size_t* pulled) : pulled_(pulled) {}

  std::optional<JsonNode> TakeRoot() { return std::move(root_); }

  bool null() override { return Add(JsonNode{}); }
  bool boolean(bool val) override {
    return Add(Scalar(JsonNode::Kind::kBool, val ? "true" : "false"));
  }
  bool number_integer(number_integer_t val) override {
    return Add(Scalar(JsonNode::Kind::kNumber, std::to_string(val)));
  }
  bool number_unsigned(number_unsigned_t val) override {
    return Add(Scalar(JsonNode::Kind::kNumber, std::to_string(val)));
  }
  bool number_float(number_float_t, const string_t& s) override {
    return Add(Scalar(JsonNode::Kind::kNumber, s));
  }
  bool string(string_t& val) override {
    return Add(Scalar(JsonNode::Kind::kString, std::move(val)));
  }
  bool binary(binary_t&) override { return false; }
  bool key(string_t& val) override {
    keys_.push_back(std::move(val));
    return true;
  }
  bool start_object(std::size_t) override { return Open(JsonNode::Kind::kObject); }
  bool end_object() override { return Close(); }
  bool start_array(std::size_t) override { return Open(JsonNode::Kind::kArray); }
  bool end_array() override { return Close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

 private:
  static JsonNode Scalar(JsonNode::Kind kind, std::string text) {
    JsonNode node;
    node.kind = kind;
    node.text = std::move(text);
    return node;
  }

  bool Open(JsonNode::Kind kind) {
    if (open_.size() >= static_cast<std::size_t>(kMaxJsonDepth)) return false;
    JsonNode node;
    node.kind = kind;
    node.begin = *pulled_ - 1;
    open_.push_back(std::move(node));
    return true;
  }

  bool Close() {
    JsonNode node = std::move(open_.back());
    open_.pop_back();
    node.end = *pulled_;
    return Add(std::move(node));
  }

  bool Add(JsonNode node) {
    if (open_.empty()) {
      root_ = std::move(node);
    } else if (open_.back().Is(JsonNode::Kind::kArray)) {
      open_.back().items.push_back(std::move(node));
    } else {
      open_.back().members.emplace_back(std::move(keys_.back()), std::move(node));
      keys_.pop_back();
    }
    return true;
  }

  const std::size_t* pulled_;
  std::vector<JsonNode> open_;     // containers not yet closed, outermost first
  std::vector<std::string> keys_;  // member names waiting for their value
  std::optional<JsonNode> root_;
};

}  // namespace

const JsonNode* JsonNode::Find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->first == key) return &it->second;
  }
  return nullptr;
}

std::optional<JsonNode> ReadJson(std::string_view text) {
  std::size_t pulled = 0;
  CountingIterator first(text.data(), &pulled);
  CountingIterator last(text.data() + text.size(), &pulled);
  TreeBuilder builder(&pulled);
  try {
    if (!nlohmann::json::sax_parse(first, last, &builder)) return std::nullopt;
  } catch (...) {
    // nlohmann reports syntax errors through the handler; anything thrown here is a resource
    // failure (bad_alloc), and unreadable text is the only honest answer at this edge.
    return std::nullopt;
  }
  return builder.TakeRoot();
}

}  // namespace iamlite::policy
