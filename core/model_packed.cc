// ServiceModel <-> PackedModel: the build writes the models as constant data (Pack, run by
// tools/model_pack) and the server builds its lookup structures from it (Unpack).
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <deque>
#include <map>
#include <mutex>

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

// A packed model's shapes and operations, built on first lookup. Everything here is guarded
// by `mu`, except `ops`, whose entries are published once complete (release/acquire), so that
// finding an operation already built takes no lock.
struct ServiceModel::Packed {
  explicit Packed(const PackedModel& packed)
      : p(packed),
        shapes(static_cast<std::size_t>(packed.shape_count)),
        ops(new std::atomic<const Operation*>[static_cast<std::size_t>(packed.operation_count)]) {
    for (int i = 0; i < p.operation_count; ++i) ops[static_cast<std::size_t>(i)] = nullptr;
  }

  // Shape `i` and everything it refers to; `mu` held. A shape is stored before its references
  // are followed, so a recursive shape ends.
  const Shape* BuildShape(int i) {
    if (i < 0) return nullptr;
    auto& slot = shapes[static_cast<std::size_t>(i)];
    if (slot) return slot.get();
    const PackedShape& ps = p.shapes[i];
    slot = std::make_unique<Shape>();
    Shape& s = *slot;
    ++built;
    s.name = ps.name;
    s.type = static_cast<ShapeType>(ps.type);
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
    s.member = BuildShape(ps.member);
    s.key = BuildShape(ps.key);
    s.value = BuildShape(ps.value);
    s.members.reserve(static_cast<std::size_t>(ps.member_count));
    for (int k = 0; k < ps.member_count; ++k) {
      const PackedMember& pm = ps.members[k];
      Member mem;
      mem.name = pm.name;
      mem.path_name = LowerCamel(mem.name);
      mem.shape = BuildShape(pm.shape);
      mem.required = pm.required;
      s.members.push_back(std::move(mem));
    }
    return slot.get();
  }

  // Operation `i`, built (with its shapes) and published if it was not yet.
  const Operation* Op(int i) {
    auto& published = ops[static_cast<std::size_t>(i)];
    if (const Operation* op = published.load(std::memory_order_acquire)) return op;
    std::lock_guard lock(mu);
    if (const Operation* op = published.load(std::memory_order_relaxed)) return op;
    const PackedOperation& po = p.operations[i];
    Operation& op = op_storage.emplace_back();
    op.name = po.name;
    op.input = BuildShape(po.input);
    op.output = BuildShape(po.output);
    op.result_wrapper = po.result_wrapper;
    for (int k = 0; k < po.error_count; ++k) op.errors.push_back(BuildShape(po.errors[k]));
    published.store(&op, std::memory_order_release);
    return &op;
  }

  const PackedModel& p;
  std::mutex mu;
  std::vector<std::unique_ptr<Shape>> shapes;  // by packed index (name order); null: not built
  std::size_t built = 0;
  std::unique_ptr<std::atomic<const Operation*>[]> ops;  // by packed index (name order)
  std::deque<Operation> op_storage;                      // in build order
  std::once_flag all_once;
  std::vector<const Operation*> all_ops;  // once every operation is built (operations())
};

namespace {

// The index of `name` in a name-ordered packed array, or -1.
template <class T>
int FindByName(const T* items, int count, std::string_view name) {
  const T* end = items + count;
  const T* it = std::lower_bound(items, end, name, [](const T& item, std::string_view n) {
    return std::string_view(item.name) < n;
  });
  return it != end && std::string_view(it->name) == name ? static_cast<int>(it - items) : -1;
}

}  // namespace

ServiceModel::ServiceModel() = default;
ServiceModel::~ServiceModel() = default;

std::unique_ptr<ServiceModel> ServiceModel::Unpack(const PackedModel& p) {
  std::unique_ptr<ServiceModel> m(new ServiceModel());
  m->api_version_ = p.api_version;
  m->xml_namespace_ = p.xml_namespace;
  m->endpoint_prefix_ = p.endpoint_prefix;
  m->packed_ = std::make_unique<Packed>(p);
  return m;
}

const Operation* ServiceModel::FindOperation(std::string_view name) const {
  if (packed_) {
    const int i = FindByName(packed_->p.operations, packed_->p.operation_count, name);
    return i < 0 ? nullptr : packed_->Op(i);
  }
  auto it = operations_.find(std::string(name));
  return it == operations_.end() ? nullptr : &it->second;
}

const Shape* ServiceModel::FindShape(std::string_view name) const {
  if (packed_) {
    const int i = FindByName(packed_->p.shapes, packed_->p.shape_count, name);
    if (i < 0) return nullptr;
    std::lock_guard lock(packed_->mu);
    return packed_->BuildShape(i);
  }
  auto it = shapes_.find(std::string(name));
  return it == shapes_.end() ? nullptr : it->second.get();
}

const std::vector<const Operation*>& ServiceModel::operations() const {
  if (!packed_) return operation_list_;
  std::call_once(packed_->all_once, [this] {
    for (int i = 0; i < packed_->p.operation_count; ++i) packed_->all_ops.push_back(packed_->Op(i));
  });
  return packed_->all_ops;
}

std::vector<const Shape*> ServiceModel::shapes() const {
  std::vector<const Shape*> all;
  if (packed_) {
    std::lock_guard lock(packed_->mu);
    for (int i = 0; i < packed_->p.shape_count; ++i) all.push_back(packed_->BuildShape(i));
    return all;
  }
  for (const auto& [name, s] : shapes_) all.push_back(s.get());
  std::sort(all.begin(), all.end(),
            [](const Shape* a, const Shape* b) { return a->name < b->name; });
  return all;
}

std::size_t ServiceModel::built_shape_count() const {
  if (!packed_) return shapes_.size();
  std::lock_guard lock(packed_->mu);
  return packed_->built;
}

std::string ServiceModel::Pack(const std::string& symbol) const {
  // Shapes in name order: the output does not depend on hash order.
  std::map<std::string, const Shape*> by_name;
  for (const Shape* s : shapes()) by_name.emplace(s->name, s);
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
  const std::vector<const Operation*>& operation_list = operations();
  for (std::size_t i = 0; i < operation_list.size(); ++i) {
    const Operation* op = operation_list[i];
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
         std::to_string(operation_list.size()) + "};\n";
  return out;
}

}  // namespace iamlite
