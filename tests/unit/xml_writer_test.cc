// The XML encoder writes its bytes directly (no document tree). Its output must stay what the
// pugixml-based encoder produced: this test renders a filled-in output tree for every IAM and
// STS operation both ways and compares the bytes, plus hand-written expectations for the
// escaping and empty-element rules.
#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <sstream>

#include "core/base64.h"
#include "core/clock.h"
#include "server/xml_encoder.h"

namespace iamlite {
namespace {

using nlohmann::json;

// ---- the reference: the encoder as it was, on pugixml ---------------------------------------

void RefValue(pugi::xml_node parent, const char* name, const Shape& shape, const json& v);

void RefMembers(pugi::xml_node node, const Shape& shape, const json& obj) {
  if (!obj.is_object()) return;
  for (const Member& m : shape.members) {
    auto it = obj.find(m.name);
    if (it == obj.end() || it->is_null()) continue;
    RefValue(node, m.name.c_str(), *m.shape, *it);
  }
}

std::string RefScalar(const Shape& shape, const json& v) {
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

void RefValue(pugi::xml_node parent, const char* name, const Shape& shape, const json& v) {
  pugi::xml_node node = parent.append_child(name);
  switch (shape.type) {
    case ShapeType::kStructure:
      RefMembers(node, shape, v);
      break;
    case ShapeType::kList:
      for (const auto& e : v) RefValue(node, "member", *shape.member, e);
      break;
    case ShapeType::kMap:
      for (const auto& [k, e] : v.items()) {
        pugi::xml_node entry = node.append_child("entry");
        entry.append_child("key").text().set(k.c_str());
        RefValue(entry, "value", *shape.value, e);
      }
      break;
    default:
      node.text().set(RefScalar(shape, v).c_str());
  }
}

std::string RefSerialize(const pugi::xml_document& doc) {
  std::ostringstream out;
  doc.save(out, "", pugi::format_raw | pugi::format_no_declaration);
  return out.str();
}

std::string RefResponse(const ServiceModel& model, const Operation& op, const json& output,
                        const std::string& request_id) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child((op.name + "Response").c_str());
  root.append_attribute("xmlns").set_value(model.xml_namespace().c_str());
  if (op.output) {
    std::string wrapper = op.result_wrapper.empty() ? op.name + "Result" : op.result_wrapper;
    RefMembers(root.append_child(wrapper.c_str()), *op.output, output);
  }
  root.append_child("ResponseMetadata").append_child("RequestId").text().set(request_id.c_str());
  return RefSerialize(doc);
}

std::string RefError(const std::string& ns, const IamError& error, const std::string& id) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("ErrorResponse");
  root.append_attribute("xmlns").set_value(ns.c_str());
  pugi::xml_node e = root.append_child("Error");
  e.append_child("Type").text().set(error.sender_fault ? "Sender" : "Receiver");
  e.append_child("Code").text().set(error.code.c_str());
  if (!error.message.empty()) e.append_child("Message").text().set(error.message.c_str());
  root.append_child("RequestId").text().set(id.c_str());
  return RefSerialize(doc);
}

// ---- filled-in trees ------------------------------------------------------------------------

// Strings that exercise every escaping rule, taken in turn.
const std::vector<std::string>& Texts() {
  static const std::vector<std::string> texts = {
      "plain",
      "",
      "a&b<c>d\"e'f",
      std::string("tab\there\r\nnew\x01\x1f") + "\x7f",
      "caf\xc3\xa9 \xe2\x82\xac",
      std::string("cut\0here", 8),
      "%7B%22Version%22%3A%222012-10-17%22%7D",
      "]]>",
  };
  return texts;
}

// variant: 0 = every member, lists of two; 1 = every other member, empty lists and maps;
// 2 = structures left empty.
json Fill(const Shape& s, int variant, int depth, int& n) {
  ++n;
  switch (s.type) {
    case ShapeType::kStructure: {
      json obj = json::object();
      if (depth > 6 || (variant == 2 && depth > 0)) return obj;
      int i = 0;
      for (const Member& m : s.members)
        if (variant != 1 || i++ % 2 == 0) obj[m.name] = Fill(*m.shape, variant, depth + 1, n);
      return obj;
    }
    case ShapeType::kList: {
      json arr = json::array();
      if (variant != 1 && depth <= 6)
        for (int i = 0; i < 2; ++i) arr.push_back(Fill(*s.member, variant, depth + 1, n));
      return arr;
    }
    case ShapeType::kMap: {
      json obj = json::object();
      if (variant != 1 && depth <= 6) {
        obj[Texts()[n % Texts().size()]] = Fill(*s.value, variant, depth + 1, n);
        obj["k" + std::to_string(n)] = Fill(*s.value, variant, depth + 1, n);
      }
      return obj;
    }
    case ShapeType::kTimestamp:
      return n % 2 ? json(TimeMs{1700000000123}) : json("2024-01-01T00:00:00Z");
    case ShapeType::kBoolean:
      return n % 2 == 0;
    case ShapeType::kInteger:
    case ShapeType::kLong:
      return n % 2 ? json(-42) : json(std::int64_t{1} << 40);
    case ShapeType::kDouble:
    case ShapeType::kFloat:
      return 1.5;
    case ShapeType::kBlob:
      return Texts()[n % Texts().size()];
    default:
      return Texts()[n % Texts().size()];
  }
}

TEST(XmlWriter, EveryOperationMatchesThePugixmlRendering) {
  int compared = 0;
  for (const ServiceModel* model : {&IamModel(), &StsModel()}) {
    for (const Operation* op : model->operations()) {
      for (int variant = 0; variant < 3; ++variant) {
        for (int offset = 0; offset < static_cast<int>(Texts().size()); ++offset) {
          int n = offset;
          json out = op->output ? Fill(*op->output, variant, 0, n) : json::object();
          EXPECT_EQ(EncodeResponse(*model, *op, out, "req-&-id"),
                    RefResponse(*model, *op, out, "req-&-id"))
              << op->name << " variant " << variant << " offset " << offset;
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 100 * 3);
}

TEST(XmlWriter, ErrorsMatchThePugixmlRendering) {
  for (const std::string& text : Texts()) {
    for (bool sender : {true, false}) {
      IamError e{"Code" + text, 400, text, sender};
      EXPECT_EQ(EncodeError("https://iam.amazonaws.com/doc/2010-05-08/", e, "id"),
                RefError("https://iam.amazonaws.com/doc/2010-05-08/", e, "id"))
          << text;
    }
  }
}

TEST(XmlWriter, EscapingAndEmptyElements) {
  const ServiceModel& iam = IamModel();
  const Operation* op = iam.FindOperation("GetUser");
  ASSERT_NE(op, nullptr);
  json out = {{"User",
               {{"Path", ""},
                {"UserName", std::string("a&b<c>d\"e\x01\tz\0cut", 14)},
                {"Tags", json::array()},
                {"CreateDate", TimeMs{0}}}}};
  EXPECT_EQ(EncodeResponse(iam, *op, out, "r"),
            "<GetUserResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><GetUserResult>"
            "<User><Path></Path><UserName>a&amp;b&lt;c&gt;d\"e&#01;\tz</UserName>"
            "<CreateDate>1970-01-01T00:00:00Z</CreateDate><Tags/></User></GetUserResult>"
            "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetUserResponse>");
}

}  // namespace
}  // namespace iamlite
