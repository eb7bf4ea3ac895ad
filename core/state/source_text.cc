#include "core/state/source_text.h"

#include <algorithm>
#include <iterator>
#include <vector>

#include "core/counting_iterator.h"
#include "core/state/document.h"

namespace iamlite::state {
namespace {

using nlohmann::ordered_json;

// Builds the tree (through nlohmann's own DOM builder) and records each value's path and
// offset.
class Builder {
 public:
  using number_integer_t = ordered_json::number_integer_t;
  using number_unsigned_t = ordered_json::number_unsigned_t;
  using number_float_t = ordered_json::number_float_t;
  using string_t = ordered_json::string_t;
  using binary_t = ordered_json::binary_t;

  Builder(ordered_json& root, std::map<std::string, std::size_t>& offsets,
          const std::size_t* pulled)
      : dom_(root, false), offsets_(offsets), pulled_(pulled) {}

  bool null() { return Scalar() && dom_.null(); }
  bool boolean(bool v) { return Scalar() && dom_.boolean(v); }
  bool number_integer(number_integer_t v) { return Scalar() && dom_.number_integer(v); }
  bool number_unsigned(number_unsigned_t v) { return Scalar() && dom_.number_unsigned(v); }
  bool number_float(number_float_t v, const string_t& s) {
    return Scalar() && dom_.number_float(v, s);
  }
  bool string(string_t& v) { return Scalar() && dom_.string(v); }
  bool binary(binary_t&) { return false; }
  bool key(string_t& k) {
    offsets_[AppendKey(frames_.back().path, k)] = *pulled_ - 1;
    pending_key_ = k;
    return dom_.key(k);
  }
  bool start_object(std::size_t n) { return Open(false) && dom_.start_object(n); }
  bool end_object() { return Close() && dom_.end_object(); }
  bool start_array(std::size_t n) { return Open(true) && dom_.start_array(n); }
  bool end_array() { return Close() && dom_.end_array(); }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_position_ = position;
    error_ = e.what();
    return false;
  }

  bool too_deep() const { return too_deep_; }
  std::size_t error_position() const { return error_position_; }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    std::string path;
    bool array = false;
    std::size_t next = 0;
  };

  // The path of the value that starts now; array items get their offset recorded here.
  std::string ValuePath() {
    if (frames_.empty()) return "$";
    Frame& top = frames_.back();
    if (!top.array) return AppendKey(top.path, pending_key_);
    std::string path = AppendIndex(top.path, top.next);
    offsets_[path] = *pulled_ > 0 ? *pulled_ - 1 : 0;
    return path;
  }
  bool Scalar() {
    if (frames_.empty()) return true;
    if (frames_.back().array) {
      ValuePath();
      ++frames_.back().next;
    }
    return true;
  }
  bool Open(bool array) {
    if (frames_.size() >= static_cast<std::size_t>(kMaxSourceDepth)) {
      too_deep_ = true;
      return false;
    }
    std::string path = ValuePath();
    frames_.push_back(Frame{std::move(path), array, 0});
    return true;
  }
  bool Close() {
    frames_.pop_back();
    if (!frames_.empty() && frames_.back().array) ++frames_.back().next;
    return true;
  }

  nlohmann::detail::json_sax_dom_parser<ordered_json> dom_;
  std::map<std::string, std::size_t>& offsets_;
  const std::size_t* pulled_;
  std::vector<Frame> frames_;
  std::string pending_key_;
  bool too_deep_ = false;
  std::size_t error_position_ = 0;
  std::string error_;
};

}  // namespace

int SourceTree::LineOf(std::string path) const {
  for (;;) {
    auto it = lines.find(path);
    if (it != lines.end()) return it->second;
    // Drop the last ".key", "[n]" or "[\"key\"]" and try the parent.
    auto cut = path.find_last_of(".[");
    if (cut == std::string::npos || cut == 0) return 0;
    // A '[' or '.' inside a quoted key would cut wrong; the parent found is still an
    // ancestor or nothing, which only costs precision.
    path.resize(cut);
  }
}

StateResult<SourceTree> ReadJsonSource(std::string_view text) {
  SourceTree tree;
  std::map<std::string, std::size_t> offsets;
  std::size_t pulled = 0;
  CountingIterator first(text.data(), &pulled), last(text.data() + text.size(), &pulled);
  Builder builder(tree.root, offsets, &pulled);
  bool ok = false;
  try {
    ok = nlohmann::json::sax_parse(first, last, &builder);
  } catch (const std::exception& e) {
    return std::unexpected(StateError{"", std::string("cannot read the file: ") + e.what()});
  }
  if (!ok) {
    if (builder.too_deep())
      return std::unexpected(StateError{
          "", "nested deeper than " + std::to_string(kMaxSourceDepth) + " levels (line " +
                  std::to_string(LineAndColumn(text, pulled).first) + ")"});
    auto [line, column] =
        LineAndColumn(text, builder.error_position() > 0 ? builder.error_position() - 1 : 0);
    std::string what = builder.error();
    auto colon = what.find(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return std::unexpected(StateError{"", "not JSON: " + detail + " (line " + std::to_string(line) +
                                              ", column " + std::to_string(column) + ")"});
  }
  // Offsets to lines in one forward pass.
  std::vector<std::pair<std::size_t, std::string>> by_offset;
  by_offset.reserve(offsets.size());
  for (auto& [path, offset] : offsets) by_offset.emplace_back(offset, path);
  std::sort(by_offset.begin(), by_offset.end());
  int line = 1;
  std::size_t pos = 0;
  for (auto& [offset, path] : by_offset) {
    for (; pos < offset && pos < text.size(); ++pos)
      if (text[pos] == '\n') ++line;
    tree.lines[path] = line;
  }
  tree.lines["$"] = 1;
  return tree;
}

}  // namespace iamlite::state
