#include "server/xml_encoder.h"

#include <pugixml.hpp>
#include <sstream>

#include "core/base64.h"
#include "core/clock.h"

namespace iamlite {
namespace {

using nlohmann::json;

void EncodeValue(pugi::xml_node parent, const char* name, const Shape& shape, const json& v);

void EncodeMembers(pugi::xml_node node, const Shape& shape, const json& obj) {
  if (!obj.is_object()) return;
  for (const Member& m : shape.members) {
    auto it = obj.find(m.name);
    if (it == obj.end() || it->is_null()) continue;
    EncodeValue(node, m.name.c_str(), *m.shape, *it);
  }
}

std::string ScalarText(const Shape& shape, const json& v) {
  switch (shape.type) {
    case ShapeType::kTimestamp:
      return v.is_number() ? FormatIso8601(v.get<TimeMs>()) : v.get<std::string>();
    case ShapeType::kBoolean:
      return v.get<bool>() ? "true" : "false";
    case ShapeType::kBlob:
      return Base64Encode(v.get<std::string>());
    default:
      if (v.is_string()) return v.get<std::string>();
      if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
      return v.dump();
  }
}

void EncodeValue(pugi::xml_node parent, const char* name, const Shape& shape, const json& v) {
  pugi::xml_node node = parent.append_child(name);
  switch (shape.type) {
    case ShapeType::kStructure:
      EncodeMembers(node, shape, v);
      break;
    case ShapeType::kList:
      for (const auto& e : v) EncodeValue(node, "member", *shape.member, e);
      break;
    case ShapeType::kMap:
      for (const auto& [k, e] : v.items()) {
        pugi::xml_node entry = node.append_child("entry");
        entry.append_child("key").text().set(k.c_str());
        EncodeValue(entry, "value", *shape.value, e);
      }
      break;
    default:
      node.text().set(ScalarText(shape, v).c_str());
  }
}

std::string Serialize(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

}  // namespace

std::string EncodeResponse(const ServiceModel& model, const Operation& op, const json& output,
                           const std::string& request_id) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child((op.name + "Response").c_str());
  root.append_attribute("xmlns").set_value(model.xml_namespace().c_str());
  if (op.output) {
    std::string wrapper = op.result_wrapper.empty() ? op.name + "Result" : op.result_wrapper;
    EncodeMembers(root.append_child(wrapper.c_str()), *op.output, output);
  }
  root.append_child("ResponseMetadata").append_child("RequestId").text().set(request_id.c_str());
  return Serialize(doc);
}

std::string EncodeError(const std::string& xml_namespace, const IamError& error,
                        const std::string& request_id) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("ErrorResponse");
  root.append_attribute("xmlns").set_value(xml_namespace.c_str());
  pugi::xml_node e = root.append_child("Error");
  e.append_child("Type").text().set(error.sender_fault ? "Sender" : "Receiver");
  e.append_child("Code").text().set(error.code.c_str());
  if (!error.message.empty()) e.append_child("Message").text().set(error.message.c_str());
  root.append_child("RequestId").text().set(request_id.c_str());
  return Serialize(doc);
}

}  // namespace iamlite
