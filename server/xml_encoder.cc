#include "server/xml_encoder.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <unordered_map>

#include "core/base64.h"
#include "core/clock.h"

namespace iamlite {
namespace {

using nlohmann::json;

// The XML is written straight into one string (no document tree, no stream): this runs for
// every response. The bytes are those pugixml wrote with format_raw before (the unit test
// xml_encoder_test.cc checks every operation's shape against a pugixml rendering): text
// escapes & < > and control characters other than tab, CR and LF as "&#NN;"; a string
// ends at an embedded NUL; an element without children is "<X/>", one with an empty text
// "<X></X>".
class XmlWriter {
 public:
  explicit XmlWriter(std::string& out) : out_(out) {}

  void Open(std::string_view name) {
    out_ += '<';
    out_ += name;
    out_ += '>';
  }
  void Close(std::string_view name) {
    out_ += "</";
    out_ += name;
    out_ += '>';
  }
  // For elements whose children may all be absent: Begin, children, End.
  std::size_t Begin(std::string_view name) {
    Open(name);
    return out_.size();
  }
  void End(std::string_view name, std::size_t mark) {
    if (out_.size() == mark) {  // no child: <X/>
      out_.back() = '/';
      out_ += '>';
    } else {
      Close(name);
    }
  }
  void Text(std::string_view s) {
    std::size_t plain = 0;  // start of the run not yet copied
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = static_cast<unsigned char>(s[i]);
      if (c > '>' || (c >= ' ' && c != '&' && c != '<' && c != '>')) continue;
      if (c == '\t' || c == '\r' || c == '\n') continue;
      out_.append(s.data() + plain, i - plain);
      plain = i + 1;
      if (c == 0) return;  // C-string semantics, as pugixml
      switch (c) {
        case '&':
          out_ += "&amp;";
          break;
        case '<':
          out_ += "&lt;";
          break;
        case '>':
          out_ += "&gt;";
          break;
        default:
          out_ += "&#";
          out_ += static_cast<char>('0' + c / 10);
          out_ += static_cast<char>('0' + c % 10);
          out_ += ';';
      }
    }
    out_.append(s.data() + plain, s.size() - plain);
  }
  void Element(std::string_view name, std::string_view text) {
    Open(name);
    Text(text);
    Close(name);
  }
  std::string& out() { return out_; }

 private:
  std::string& out_;
};

void EncodeValue(XmlWriter& w, std::string_view name, const Shape& shape, const json& v);

// The indices of `shape`'s members in name order (the order of a JSON object's keys), made
// once per shape and thread.
const std::vector<std::uint16_t>& MembersByName(const Shape& shape) {
  thread_local std::unordered_map<const Shape*, std::vector<std::uint16_t>> cache;
  auto [it, fresh] = cache.try_emplace(&shape);
  if (fresh) {
    auto& order = it->second;
    for (std::size_t i = 0; i < shape.members.size(); ++i)
      order.push_back(static_cast<std::uint16_t>(i));
    std::sort(order.begin(), order.end(), [&](std::uint16_t a, std::uint16_t b) {
      return shape.members[a].name < shape.members[b].name;
    });
  }
  return it->second;
}

// Members in the shape's order. The object's keys and the shape's members are both walked in
// name order, side by side, instead of one lookup per member (listings encode thousands of
// structures).
void EncodeMembers(XmlWriter& w, const Shape& shape, const json& obj) {
  if (!obj.is_object()) return;
  const std::vector<Member>& members = shape.members;
  constexpr std::size_t kMaxMembers = 64;
  if (members.size() > kMaxMembers) {
    for (const Member& m : members) {
      auto it = obj.find(m.name);
      if (it == obj.end() || it->is_null()) continue;
      EncodeValue(w, m.name, *m.shape, *it);
    }
    return;
  }
  const json* found[kMaxMembers];
  std::fill_n(found, members.size(), nullptr);
  const auto& map = obj.get_ref<const json::object_t&>();
  const auto& order = MembersByName(shape);
  auto key = map.begin();
  for (std::size_t k = 0; key != map.end() && k < order.size();) {
    const int c = key->first.compare(members[order[k]].name);
    if (c < 0) {
      ++key;
    } else if (c > 0) {
      ++k;
    } else {
      found[order[k++]] = &(key++)->second;
    }
  }
  for (std::size_t i = 0; i < members.size(); ++i) {
    if (!found[i] || found[i]->is_null()) continue;
    EncodeValue(w, members[i].name, *members[i].shape, *found[i]);
  }
}

void ScalarText(XmlWriter& w, const Shape& shape, const json& v) {
  switch (shape.type) {
    case ShapeType::kTimestamp:
      if (v.is_number())
        w.Text(FormatIso8601(v.get<TimeMs>()));
      else
        w.Text(v.get_ref<const std::string&>());
      return;
    case ShapeType::kBoolean:
      w.Text(v.get<bool>() ? "true" : "false");
      return;
    case ShapeType::kBlob:
      w.Text(Base64Encode(v.get<std::string>()));
      return;
    default:
      if (v.is_string()) return w.Text(v.get_ref<const std::string&>());
      if (v.is_number_integer()) {
        char buf[24];
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v.get<std::int64_t>());
        (void)ec;
        return w.Text(std::string_view(buf, static_cast<std::size_t>(end - buf)));
      }
      w.Text(v.dump());
  }
}

void EncodeValue(XmlWriter& w, std::string_view name, const Shape& shape, const json& v) {
  switch (shape.type) {
    case ShapeType::kStructure: {
      std::size_t mark = w.Begin(name);
      EncodeMembers(w, shape, v);
      w.End(name, mark);
      break;
    }
    case ShapeType::kList: {
      std::size_t mark = w.Begin(name);
      for (const auto& e : v) EncodeValue(w, "member", *shape.member, e);
      w.End(name, mark);
      break;
    }
    case ShapeType::kMap: {
      std::size_t mark = w.Begin(name);
      for (const auto& [k, e] : v.items()) {
        w.Open("entry");
        w.Element("key", k);
        EncodeValue(w, "value", *shape.value, e);
        w.Close("entry");
      }
      w.End(name, mark);
      break;
    }
    default:
      w.Open(name);
      ScalarText(w, shape, v);
      w.Close(name);
  }
}

// The namespace attribute: the model's constant, escaped as an attribute value all the same.
void OpenRoot(XmlWriter& w, std::string_view name, const std::string& xml_namespace) {
  std::string& out = w.out();
  out += '<';
  out += name;
  out += " xmlns=\"";
  for (char c : xml_namespace) {
    if (c == '\0') break;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  out += "\">";
}

}  // namespace

std::string EncodeResponse(const ServiceModel& model, const Operation& op, const json& output,
                           const std::string& request_id) {
  // Start from the size of this thread's previous response to the operation: a large listing
  // then skips its dozen doublings (each a copy of all written so far).
  thread_local std::unordered_map<const Operation*, std::size_t> last_sizes;
  std::size_t& last_size = last_sizes.try_emplace(&op, 1024).first->second;
  std::string out;
  out.reserve(last_size + last_size / 8);
  XmlWriter w(out);
  const std::string root = op.name + "Response";
  OpenRoot(w, root, model.xml_namespace());
  if (op.output) {
    const std::string wrapper = op.result_wrapper.empty() ? op.name + "Result" : op.result_wrapper;
    std::size_t mark = w.Begin(wrapper);
    EncodeMembers(w, *op.output, output);
    w.End(wrapper, mark);
  }
  w.Open("ResponseMetadata");
  w.Element("RequestId", request_id);
  w.Close("ResponseMetadata");
  w.Close(root);
  last_size = std::max<std::size_t>(1024, out.size());
  return out;
}

std::string EncodeError(const std::string& xml_namespace, const IamError& error,
                        const std::string& request_id) {
  std::string out;
  out.reserve(512);
  XmlWriter w(out);
  OpenRoot(w, "ErrorResponse", xml_namespace);
  w.Open("Error");
  w.Element("Type", error.sender_fault ? "Sender" : "Receiver");
  w.Element("Code", error.code);
  if (!error.message.empty()) w.Element("Message", error.message);
  w.Close("Error");
  w.Element("RequestId", request_id);
  w.Close("ErrorResponse");
  return out;
}

}  // namespace iamlite
