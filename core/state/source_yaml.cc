// YAML fixtures through libyaml's event parser (Debian's libyaml-0-2, the reference C
// implementation): events -> the ordered JSON tree of source_text.h, with lines.
#include <yaml.h>

#include <cstdlib>
#include <regex>
#include <vector>

#include "core/state/source_text.h"

namespace iamlite::state {
namespace {

using nlohmann::ordered_json;

constexpr const char* kStrTag = "tag:yaml.org,2002:str";

std::string At(const yaml_mark_t& mark) {
  return "line " + std::to_string(mark.line + 1) + ", column " + std::to_string(mark.column + 1);
}

// A plain scalar's value under the YAML 1.2 core schema.
ordered_json PlainScalar(const std::string& v) {
  if (v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL") return nullptr;
  if (v == "true" || v == "True" || v == "TRUE") return true;
  if (v == "false" || v == "False" || v == "FALSE") return false;
  static const std::regex integer("[-+]?[0-9]+");
  static const std::regex decimal("[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?");
  if (std::regex_match(v, integer)) {
    errno = 0;
    char* end = nullptr;
    long long n = std::strtoll(v.c_str(), &end, 10);
    if (errno == 0) return n;
    return v;  // too large for an integer: keep the text
  }
  if (std::regex_match(v, decimal)) return std::strtod(v.c_str(), nullptr);
  return v;
}

class Builder {
 public:
  explicit Builder(SourceTree& tree) : tree_(tree) {}

  // Handles one event; an error message (with its position) on failure.
  std::optional<std::string> On(const yaml_event_t& e) {
    switch (e.type) {
      case YAML_STREAM_START_EVENT:
      case YAML_STREAM_END_EVENT:
      case YAML_DOCUMENT_END_EVENT:
      case YAML_NO_EVENT:
        return std::nullopt;
      case YAML_DOCUMENT_START_EVENT:
        if (++documents_ > 1) return "more than one YAML document (" + At(e.start_mark) + ")";
        return std::nullopt;
      case YAML_ALIAS_EVENT:
        return "YAML aliases are not supported (" + At(e.start_mark) + ")";
      case YAML_SCALAR_EVENT:
        return Scalar(e);
      case YAML_SEQUENCE_START_EVENT:
        if (e.data.sequence_start.anchor)
          return "YAML anchors are not supported (" + At(e.start_mark) + ")";
        return Open(e, true);
      case YAML_MAPPING_START_EVENT:
        if (e.data.mapping_start.anchor)
          return "YAML anchors are not supported (" + At(e.start_mark) + ")";
        return Open(e, false);
      case YAML_SEQUENCE_END_EVENT:
      case YAML_MAPPING_END_EVENT:
        return Close();
    }
    return std::nullopt;
  }

 private:
  struct Frame {
    ordered_json value;
    std::string path;
    bool array = false;
    std::optional<std::string> key;  // mappings: a key waiting for its value
  };

  std::optional<std::string> Scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    if (s.anchor) return "YAML anchors are not supported (" + At(e.start_mark) + ")";
    std::string text(reinterpret_cast<const char*>(s.value), s.length);
    std::string tag = s.tag ? reinterpret_cast<const char*>(s.tag) : "";
    if (!tag.empty() && tag != kStrTag)
      return "the YAML tag " + tag + " is not supported (" + At(e.start_mark) + ")";
    // A mapping key.
    if (!frames_.empty() && !frames_.back().array && !frames_.back().key) {
      Frame& top = frames_.back();
      if (top.value.contains(text))
        return "the key \"" + text + "\" appears twice (" + At(e.start_mark) + ")";
      lines_[AppendKey(top.path, text)] = static_cast<int>(e.start_mark.line) + 1;
      top.key = std::move(text);
      return std::nullopt;
    }
    bool plain = s.style == YAML_PLAIN_SCALAR_STYLE && tag.empty();
    return Add(plain ? PlainScalar(text) : ordered_json(text), e.start_mark);
  }

  std::optional<std::string> Open(const yaml_event_t& e, bool array) {
    if (frames_.size() >= static_cast<std::size_t>(kMaxSourceDepth))
      return "nested deeper than " + std::to_string(kMaxSourceDepth) + " levels (" +
             At(e.start_mark) + ")";
    if (!frames_.empty() && !frames_.back().array && !frames_.back().key)
      return "a YAML mapping key must be a single value (" + At(e.start_mark) + ")";
    const yaml_char_t* tag = array ? e.data.sequence_start.tag : e.data.mapping_start.tag;
    if (tag)
      return "the YAML tag " + std::string(reinterpret_cast<const char*>(tag)) +
             " is not supported (" + At(e.start_mark) + ")";
    Frame f;
    f.value = array ? ordered_json::array() : ordered_json::object();
    f.array = array;
    f.path = ChildPath(e.start_mark);
    frames_.push_back(std::move(f));
    return std::nullopt;
  }

  std::optional<std::string> Close() {
    Frame done = std::move(frames_.back());
    frames_.pop_back();
    return Add(std::move(done.value), std::nullopt);
  }

  // The path of the value starting now, recording array items' lines.
  std::string ChildPath(const yaml_mark_t& mark) {
    if (frames_.empty()) return "$";
    Frame& top = frames_.back();
    if (!top.array) return AppendKey(top.path, *top.key);
    std::string path = AppendIndex(top.path, top.value.size());
    lines_[path] = static_cast<int>(mark.line) + 1;
    return path;
  }

  std::optional<std::string> Add(ordered_json value, std::optional<yaml_mark_t> mark) {
    if (mark) ChildPath(*mark);  // records the line of a scalar array item
    if (frames_.empty()) {
      tree_.root = std::move(value);
      return std::nullopt;
    }
    Frame& top = frames_.back();
    if (top.array) {
      top.value.push_back(std::move(value));
    } else {
      top.value[*top.key] = std::move(value);
      top.key.reset();
    }
    return std::nullopt;
  }

 public:
  std::map<std::string, int>& lines() { return lines_; }

 private:
  SourceTree& tree_;
  std::vector<Frame> frames_;
  std::map<std::string, int> lines_;
  int documents_ = 0;
};

}  // namespace

StateResult<SourceTree> ReadYamlSource(std::string_view text) {
  SourceTree tree;
  Builder builder(tree);
  yaml_parser_t parser;
  if (!yaml_parser_initialize(&parser))
    return std::unexpected(StateError{"", "cannot start the YAML parser"});
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()),
                               text.size());
  std::optional<std::string> error;
  try {
    for (bool done = false; !done && !error;) {
      yaml_event_t event;
      if (!yaml_parser_parse(&parser, &event)) {
        error = "not YAML: " + std::string(parser.problem ? parser.problem : "syntax error") +
                " (line " + std::to_string(parser.problem_mark.line + 1) + ", column " +
                std::to_string(parser.problem_mark.column + 1) + ")";
        break;
      }
      error = builder.On(event);
      done = event.type == YAML_STREAM_END_EVENT;
      yaml_event_delete(&event);
    }
  } catch (const std::exception& e) {
    error = std::string("cannot read the file: ") + e.what();
  }
  yaml_parser_delete(&parser);
  if (error) return std::unexpected(StateError{"", *error});
  tree.lines = std::move(builder.lines());
  tree.lines["$"] = 1;
  return tree;
}

}  // namespace iamlite::state
