// ServiceModel <-> PackedModel: the build writes the models as constant data (Pack, run by
// tools/model_pack) and the server builds its lookup structures from it (Unpack).
#include <cstdio>
#include <map>

#include "core/model.h"

namespace iamlite {
namespace {

// A C++ string literal for any bytes: printable ASCII as is, everything else as a three-digit
// octal escape (which, unlike \x, cannot swallow the characters after it).
std::string Literal(std::string_view s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c >= 0x20 && c < 0x7f && c != '?') {  // '?': no trigraph can form
      out += static_cast<char>(c);
    } else {
      char buf[5];
      std::snprintf(buf, sizeof buf, "\\%03o", c);
      out += buf;
    }
  }
  return out + "\"";
}

}  // namespace

std::unique_ptr<ServiceModel> ServiceModel::Unpack(const PackedModel& p) {
  std::unique_ptr<ServiceModel> m(new ServiceModel());
  m->api_version_ = p.api_version;
  m->xml_namespace_ = p.xml_namespace;
  m->endpoint_prefix_ = p.endpoint_prefix;
  std::vector<Shape*> shapes(static_cast<std::size_t>(p.shape_count));
  m->shapes_.reserve(shapes.size());
  for (int i = 0; i < p.shape_count; ++i) {
    auto shape = std::make_unique<Shape>();
    shapes[static_cast<std::size_t>(i)] = shape.get();
    m->shapes_.emplace(p.shapes[i].name, std::move(shape));
  }
  auto at = [&](int i) -> const Shape* {
    return i < 0 ? nullptr : shapes[static_cast<std::size_t>(i)];
  };
  for (int i = 0; i < p.shape_count; ++i) {
    const PackedShape& ps = p.shapes[i];
    Shape& s = *shapes[static_cast<std::size_t>(i)];
    s.name = ps.name;
    s.type = static_cast<ShapeType>(ps.type);
    s.member = at(ps.member);
    s.key = at(ps.key);
    s.value = at(ps.value);
    if (ps.has_min) s.min = ps.min;
    if (ps.has_max) s.max = ps.max;
    s.pattern = ps.pattern;
    s.re2_pattern = ps.re2_pattern;
    s.forbid = ps.forbid;
    s.enum_values.assign(ps.enum_values, ps.enum_values + ps.enum_count);
    s.sensitive = ps.sensitive;
    s.error_code = ps.error_code;
    s.error_status = ps.error_status;
    s.sender_fault = ps.sender_fault;
    s.members.reserve(static_cast<std::size_t>(ps.member_count));
    for (int k = 0; k < ps.member_count; ++k) {
      const PackedMember& pm = ps.members[k];
      Member mem;
      mem.name = pm.name;
      mem.path_name = LowerCamel(mem.name);
      mem.shape = at(pm.shape);
      mem.required = pm.required;
      s.members.push_back(std::move(mem));
    }
  }
  m->operations_.reserve(static_cast<std::size_t>(p.operation_count));
  for (int i = 0; i < p.operation_count; ++i) {
    const PackedOperation& po = p.operations[i];
    Operation op;
    op.name = po.name;
    op.input = at(po.input);
    op.output = at(po.output);
    op.result_wrapper = po.result_wrapper;
    for (int k = 0; k < po.error_count; ++k) op.errors.push_back(at(po.errors[k]));
    m->operations_.emplace(op.name, std::move(op));
  }
  for (int i = 0; i < p.operation_count; ++i)
    m->operation_list_.push_back(&m->operations_.at(p.operations[i].name));
  return m;
}

std::string ServiceModel::Pack(const std::string& symbol) const {
  // Shapes in name order: the output does not depend on hash order.
  std::map<std::string, const Shape*> by_name;
  for (const auto& [name, s] : shapes_) by_name.emplace(name, s.get());
  std::map<const Shape*, int> index;
  for (const auto& [name, s] : by_name) index.emplace(s, static_cast<int>(index.size()));
  auto idx = [&](const Shape* s) { return s ? std::to_string(index.at(s)) : std::string("-1"); };
  auto b = [](bool v) { return v ? "true" : "false"; };

  const std::string ns = symbol + "_data";
  std::string out = "namespace " + ns + " {\n";
  std::string shapes;
  for (const auto& [name, s] : by_name) {
    const std::string id = std::to_string(index.at(s));
    std::string enums = "nullptr", members = "nullptr";
    if (!s->enum_values.empty()) {
      enums = "kEnum" + id;
      out += "const char* const " + enums + "[] = {";
      for (const auto& e : s->enum_values) out += Literal(e) + ",";
      out += "};\n";
    }
    if (!s->members.empty()) {
      members = "kMembers" + id;
      out += "const iamlite::PackedMember " + members + "[] = {";
      for (const auto& mem : s->members)
        out += "{" + Literal(mem.name) + "," + idx(mem.shape) + "," + b(mem.required) + "},";
      out += "};\n";
    }
    shapes += "{" + Literal(name) + "," + std::to_string(static_cast<int>(s->type)) + "," +
              idx(s->member) + "," + idx(s->key) + "," + idx(s->value) + "," +
              b(s->min.has_value()) + "," + b(s->max.has_value()) + "," +
              std::to_string(s->min.value_or(0)) + "LL," + std::to_string(s->max.value_or(0)) +
              "LL," + Literal(s->pattern) + "," + Literal(s->re2_pattern) + "," +
              Literal(s->forbid) + "," + enums + "," + std::to_string(s->enum_values.size()) + "," +
              members + "," + std::to_string(s->members.size()) + "," + b(s->sensitive) + "," +
              Literal(s->error_code) + "," + std::to_string(s->error_status) + "," +
              b(s->sender_fault) + "},\n";
  }
  std::string ops;
  for (std::size_t i = 0; i < operation_list_.size(); ++i) {
    const Operation* op = operation_list_[i];
    std::string errors = "nullptr";
    if (!op->errors.empty()) {
      errors = "kErrors" + std::to_string(i);
      out += "const int " + errors + "[] = {";
      for (const Shape* e : op->errors) out += idx(e) + ",";
      out += "};\n";
    }
    ops += "{" + Literal(op->name) + "," + idx(op->input) + "," + idx(op->output) + "," +
           Literal(op->result_wrapper) + "," + errors + "," + std::to_string(op->errors.size()) +
           "},\n";
  }
  out += "const iamlite::PackedShape kShapes[] = {\n" + shapes + "};\n";
  out += "const iamlite::PackedOperation kOperations[] = {\n" + ops + "};\n";
  out += "}  // namespace " + ns + "\n";
  out += "extern const iamlite::PackedModel " + symbol + ";\n";
  out += "const iamlite::PackedModel " + symbol + " = {" + Literal(api_version_) + "," +
         Literal(xml_namespace_) + "," + Literal(endpoint_prefix_) + ", " + ns + "::kShapes, " +
         std::to_string(by_name.size()) + ", " + ns + "::kOperations, " +
         std::to_string(operation_list_.size()) + "};\n";
  return out;
}

}  // namespace iamlite
