#include "core/model.h"

#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

namespace iamlite {

namespace {

using nlohmann::json;

std::optional<ShapeType> ParseType(const std::string& t) {
  static const std::unordered_map<std::string, ShapeType> kTypes = {
      {"structure", ShapeType::kStructure},
      {"list", ShapeType::kList},
      {"map", ShapeType::kMap},
      {"string", ShapeType::kString},
      {"integer", ShapeType::kInteger},
      {"long", ShapeType::kLong},
      {"boolean", ShapeType::kBoolean},
      {"timestamp", ShapeType::kTimestamp},
      {"blob", ShapeType::kBlob},
      {"double", ShapeType::kDouble},
      {"float", ShapeType::kFloat}};
  auto it = kTypes.find(t);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Shape::Shape() = default;
Shape::~Shape() = default;

const Member* Shape::FindMember(std::string_view n) const {
  for (const auto& m : members)
    if (m.name == n) return &m;
  return nullptr;
}

bool Shape::CompilePattern(std::string* error) const {
  std::call_once(regex_once_, [this] {
    if (re2_pattern.empty()) return;
    RE2::Options opts;
    opts.set_log_errors(false);
    opts.set_max_mem(1 << 20);
    regex_ = std::make_unique<RE2>(re2_pattern, opts);
  });
  if (regex_ && !regex_->ok()) {
    if (error) *error = regex_->error();
    return false;
  }
  return true;
}

bool Shape::MatchesPattern(std::string_view v) const {
  if (!forbid.empty() && v.find(forbid) != std::string_view::npos) return false;
  if (re2_pattern.empty()) return true;
  if (!CompilePattern()) return false;
  return RE2::FullMatch(re2::StringPiece(v.data(), v.size()), *regex_);
}

std::string LowerCamel(std::string_view name) {
  std::string s(name);
  if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
  return s;
}

Result<std::unique_ptr<ServiceModel>> ServiceModel::Parse(std::string_view text) {
  try {
    return ParseUnchecked(text);
  } catch (const nlohmann::json::exception& e) {
    return std::unexpected(errors::ServiceFailure(std::string("bad service model: ") + e.what()));
  }
}

Result<std::unique_ptr<ServiceModel>> ServiceModel::ParseUnchecked(std::string_view text) {
  auto fail = [](std::string why) {
    return std::unexpected(errors::ServiceFailure("bad service model: " + why));
  };
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object()) return fail("not JSON");
  std::unique_ptr<ServiceModel> m(new ServiceModel());
  const json& meta = doc["metadata"];
  m->api_version_ = meta.value("apiVersion", "");
  m->xml_namespace_ = meta.value("xmlNamespace", "");
  m->endpoint_prefix_ = meta.value("endpointPrefix", "");

  // Two passes: create every shape, then link references.
  for (auto& [name, s] : doc["shapes"].items()) {
    auto shape = std::make_unique<Shape>();
    shape->name = name;
    auto type = ParseType(s.value("type", ""));
    if (!type) return fail("shape " + name + " has unknown type");
    shape->type = *type;
    m->shapes_.emplace(name, std::move(shape));
  }
  auto ref = [&](const json& s, const char* key) -> const Shape* {
    if (!s.contains(key)) return nullptr;
    return m->FindShape(s[key].get<std::string>());
  };
  for (auto& [name, s] : doc["shapes"].items()) {
    Shape& shape = *m->shapes_.at(name);
    if (s.contains("min")) shape.min = s["min"].get<std::int64_t>();
    if (s.contains("max")) shape.max = s["max"].get<std::int64_t>();
    if (s.contains("pattern")) {
      shape.pattern = s["pattern"].get<std::string>();
      shape.re2_pattern = s.value("re2", shape.pattern);  // compiled on first use
      shape.forbid = s.value("forbid", "");
    }
    if (s.contains("enum")) shape.enum_values = s["enum"].get<std::vector<std::string>>();
    shape.sensitive = s.value("sensitive", false);
    shape.member = ref(s, "member");
    shape.key = ref(s, "key");
    shape.value = ref(s, "value");
    if (s.contains("error") || s.value("exception", false)) {
      // Without an explicit code, botocore names the error after the shape.
      json e = s.value("error", json::object());
      shape.error_code = e.value("code", name);
      shape.error_status = e.value("httpStatusCode", 400);
      shape.sender_fault = e.value("senderFault", false);
    }
    std::vector<std::string> required;
    if (s.contains("required")) required = s["required"].get<std::vector<std::string>>();
    if (s.contains("members")) {
      for (const auto& mj : s["members"]) {
        Member mem;
        mem.name = mj["name"].get<std::string>();
        mem.path_name = LowerCamel(mem.name);
        mem.shape = ref(mj, "shape");
        if (!mem.shape) return fail("member " + name + "." + mem.name + " has no shape");
        mem.required = std::find(required.begin(), required.end(), mem.name) != required.end();
        shape.members.push_back(std::move(mem));
      }
    }
    if (shape.type == ShapeType::kList && !shape.member) return fail(name + " lacks member");
    if (shape.type == ShapeType::kMap && (!shape.key || !shape.value))
      return fail(name + " lacks key/value");
  }
  for (auto& [name, o] : doc["operations"].items()) {
    Operation op;
    op.name = name;
    op.input = ref(o, "input");
    op.output = ref(o, "output");
    op.result_wrapper = o.value("resultWrapper", "");
    for (const auto& e : o["errors"]) {
      if (const Shape* es = m->FindShape(e.get<std::string>())) op.errors.push_back(es);
    }
    m->operations_.emplace(name, std::move(op));
  }
  for (const auto& [name, op] : m->operations_) m->operation_list_.push_back(&op);
  std::sort(m->operation_list_.begin(), m->operation_list_.end(),
            [](const Operation* a, const Operation* b) { return a->name < b->name; });
  return m;
}

// The lookups, which serve parsed and packed models alike, are in model_packed.cc.

}  // namespace iamlite
