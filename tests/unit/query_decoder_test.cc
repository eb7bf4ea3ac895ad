#include "server/query_decoder.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

using nlohmann::json;

// A small model with the tricky shapes IAM's model has few of: maps, nested structures,
// lists of structures, every scalar type.
constexpr const char* kModel = R"({
  "metadata": {"apiVersion": "2020-01-01", "xmlNamespace": "urn:test", "endpointPrefix": "t"},
  "operations": {"Op": {"input": "In", "output": "Out", "resultWrapper": "OpResult", "errors": []}},
  "shapes": {
    "In": {"type": "structure", "required": ["Name"], "members": [
      {"name": "Name", "shape": "NameType"},
      {"name": "Count", "shape": "CountType"},
      {"name": "Flag", "shape": "Bool"},
      {"name": "When", "shape": "Time"},
      {"name": "Data", "shape": "Blob"},
      {"name": "Ratio", "shape": "Dbl"},
      {"name": "Mode", "shape": "ModeType"},
      {"name": "Items", "shape": "ItemList"},
      {"name": "Keys", "shape": "KeyList"},
      {"name": "Attrs", "shape": "AttrMap"},
      {"name": "Inner", "shape": "InnerType"}]},
    "InnerType": {"type": "structure", "required": ["Id"], "members": [
      {"name": "Id", "shape": "NameType"}, {"name": "Deep", "shape": "KeyList"}]},
    "Item": {"type": "structure", "required": ["Key"], "members": [
      {"name": "Key", "shape": "KeyType"}, {"name": "Value", "shape": "NameType"}]},
    "ItemList": {"type": "list", "member": "Item", "max": 3},
    "KeyList": {"type": "list", "member": "KeyType"},
    "AttrMap": {"type": "map", "key": "KeyType", "value": "NameType"},
    "NameType": {"type": "string", "min": 1, "max": 8, "pattern": "[a-z]+", "re2": "[a-z]+"},
    "KeyType": {"type": "string", "min": 1, "max": 4},
    "CountType": {"type": "integer", "min": 1, "max": 100},
    "ModeType": {"type": "string", "enum": ["On", "Off"]},
    "Bool": {"type": "boolean"}, "Time": {"type": "timestamp"}, "Blob": {"type": "blob"},
    "Dbl": {"type": "double"},
    "Out": {"type": "structure", "members": []}
  }})";

class DecoderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto m = ServiceModel::Parse(kModel);
    ASSERT_TRUE(m.has_value()) << m.error().message;
    model_ = std::move(*m);
    input_ = model_->FindOperation("Op")->input;
  }
  Result<json> Decode(Params p, bool quote = false) {
    return DecodeInput(input_, p, DecodeOptions{quote});
  }
  std::string ErrorOf(Params p, bool quote = false) {
    auto r = Decode(std::move(p), quote);
    return r ? "OK" : r.error().code + ": " + r.error().message;
  }
  std::unique_ptr<ServiceModel> model_;
  const Shape* input_ = nullptr;
};

TEST_F(DecoderTest, DecodesEveryKindOfMember) {
  auto tree = Decode({{"Name", "abc"},
                      {"Count", "7"},
                      {"Flag", "true"},
                      {"When", "2024-05-01T12:00:00Z"},
                      {"Data", "aGk="},
                      {"Ratio", "0.5"},
                      {"Mode", "On"},
                      {"Items.member.1.Key", "k1"},
                      {"Items.member.1.Value", "v"},
                      {"Items.member.2.Key", "k2"},
                      {"Keys.member.1", "a"},
                      {"Keys.member.2", "b"},
                      {"Attrs.entry.1.key", "x"},
                      {"Attrs.entry.1.value", "one"},
                      {"Attrs.entry.2.key", "y"},
                      {"Attrs.entry.2.value", "two"},
                      {"Inner.Id", "in"},
                      {"Inner.Deep.member.1", "d"},
                      {"Unknown", "ignored"}});
  ASSERT_TRUE(tree.has_value()) << tree.error().message;
  json expected = {{"Name", "abc"},
                   {"Count", 7},
                   {"Flag", true},
                   {"When", 1714564800000},
                   {"Data", "hi"},
                   {"Ratio", 0.5},
                   {"Mode", "On"},
                   {"Items", json::array({{{"Key", "k1"}, {"Value", "v"}}, {{"Key", "k2"}}})},
                   {"Keys", json::array({"a", "b"})},
                   {"Attrs", {{"x", "one"}, {"y", "two"}}},
                   {"Inner", {{"Id", "in"}, {"Deep", json::array({"d"})}}}};
  EXPECT_EQ(*tree, expected);
}

TEST_F(DecoderTest, EmptyListIsTheBareName) {
  auto tree = Decode({{"Name", "a"}, {"Keys", ""}});
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ((*tree)["Keys"], json::array());
  EXPECT_FALSE(tree->contains("Items"));
}

TEST_F(DecoderTest, ValidationMessages) {
  struct Case {
    Params params;
    std::string expected;
  };
  const std::string pre = "ValidationError: 1 validation error detected: ";
  std::vector<Case> cases = {
      {{}, pre + "Value null at 'name' failed to satisfy constraint: Member must not be null"},
      {{{"Name", "ABC"}},
       pre + "Value at 'name' failed to satisfy constraint: Member must satisfy regular "
             "expression pattern: [a-z]+"},
      {{{"Name", "abcdefghi"}},
       pre + "Value at 'name' failed to satisfy constraint: Member must have length less than "
             "or equal to 8"},
      {{{"Name", ""}},
       "ValidationError: 2 validation errors detected: Value at 'name' failed to satisfy "
       "constraint: Member must have length greater than or equal to 1; Value at 'name' failed "
       "to satisfy constraint: Member must satisfy regular expression pattern: [a-z]+"},
      {{{"Name", "a"}, {"Count", "0"}},
       pre + "Value at 'count' failed to satisfy constraint: Member must have value greater "
             "than or equal to 1"},
      {{{"Name", "a"}, {"Count", "101"}},
       pre + "Value at 'count' failed to satisfy constraint: Member must have value less than "
             "or equal to 100"},
      {{{"Name", "a"}, {"Mode", "Maybe"}},
       pre + "Value at 'mode' failed to satisfy constraint: Member must satisfy enum value set"},
      {{{"Name", "a"},
        {"Items.member.1.Key", "a"},
        {"Items.member.2.Key", "b"},
        {"Items.member.3.Key", "c"},
        {"Items.member.4.Key", "d"}},
       pre + "Value at 'items' failed to satisfy constraint: Member must have length less than "
             "or equal to 3"},
      {{{"Name", "a"}, {"Items.member.1.Key", "toolong"}},
       pre + "Value at 'items.1.member.key' failed to satisfy constraint: Member must have "
             "length less than or equal to 4"},
      {{{"Name", "a"}, {"Items.member.1.Value", "x"}},
       pre + "Value null at 'items.1.member.key' failed to satisfy constraint: Member must not "
             "be null"},
      {{{"Name", "a"}, {"Keys.member.1", "ok"}, {"Keys.member.2", "toolong"}},
       pre + "Value at 'keys' failed to satisfy constraint: Member must satisfy constraint: "
             "[Member must have length less than or equal to 4, Member must have length "
             "greater than or equal to 1]"},
      {{{"Name", "a"}, {"Inner.Deep.member.1", "x"}},
       pre + "Value null at 'inner.id' failed to satisfy constraint: Member must not be null"},
  };
  for (const auto& c : cases) {
    std::string params;
    for (const auto& [k, v] : c.params) params += k + "=" + v + "&";
    EXPECT_EQ(ErrorOf(c.params), c.expected) << params;
  }
}

TEST_F(DecoderTest, StsStyleQuotesTheValue) {
  EXPECT_EQ(ErrorOf({{"Name", "A:B"}}, /*quote=*/true),
            "ValidationError: 1 validation error detected: Value 'A:B' at 'name' failed to "
            "satisfy constraint: Member must satisfy regular expression pattern: [a-z]+");
}

TEST_F(DecoderTest, TypeErrorsAreClear) {
  for (const Params& p : std::vector<Params>{{{"Name", "a"}, {"Count", "ten"}},
                                             {{"Name", "a"}, {"Count", "99999999999999999999"}},
                                             {{"Name", "a"}, {"Flag", "yes"}},
                                             {{"Name", "a"}, {"When", "yesterday"}},
                                             {{"Name", "a"}, {"Data", "!!"}},
                                             {{"Name", "a"}, {"Ratio", "half"}}}) {
    auto r = Decode(p);
    ASSERT_FALSE(r.has_value()) << p.rbegin()->first;
    EXPECT_EQ(r.error().code, "MalformedInput");
    EXPECT_EQ(r.error().http_status, 400);
  }
}

TEST_F(DecoderTest, LengthCountsCharactersNotBytes) {
  // Four two-byte characters fit a max length of 4.
  auto r = Decode({{"Name", "a"}, {"Keys.member.1", "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"}});
  EXPECT_TRUE(r.has_value());
}

TEST_F(DecoderTest, NoInputShape) {
  auto r = DecodeInput(nullptr, Params{{"x", "y"}}, {});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, json::object());
}

}  // namespace
}  // namespace iamlite
