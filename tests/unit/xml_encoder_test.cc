#include "server/xml_encoder.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

using nlohmann::json;

constexpr const char* kModel = R"({
  "metadata": {"apiVersion": "2020-01-01", "xmlNamespace": "urn:test", "endpointPrefix": "t"},
  "operations": {
    "Get": {"output": "Out", "resultWrapper": "GetResult", "errors": []},
    "Nothing": {"errors": []}},
  "shapes": {
    "Out": {"type": "structure", "members": [
      {"name": "Name", "shape": "Str"}, {"name": "When", "shape": "Time"},
      {"name": "Ok", "shape": "Bool"}, {"name": "N", "shape": "Int"},
      {"name": "Items", "shape": "List"}, {"name": "Summary", "shape": "Map"},
      {"name": "Raw", "shape": "Blob"}]},
    "Item": {"type": "structure", "members": [{"name": "K", "shape": "Str"}]},
    "List": {"type": "list", "member": "Item"},
    "Map": {"type": "map", "key": "Str", "value": "Int"},
    "Str": {"type": "string"}, "Time": {"type": "timestamp"}, "Bool": {"type": "boolean"},
    "Int": {"type": "integer"}, "Blob": {"type": "blob"}
  }})";

class EncoderTest : public ::testing::Test {
 protected:
  void SetUp() override { model_ = std::move(*ServiceModel::Parse(kModel)); }
  std::unique_ptr<ServiceModel> model_;
};

TEST_F(EncoderTest, WalksTheOutputShapeInModelOrder) {
  json out = {{"Summary", {{"Users", 3}}},
              {"Items", json::array({{{"K", "a<&>"}}, {{"K", "b"}}})},
              {"Ok", false},
              {"N", 42},
              {"When", 1714564800000},
              {"Name", "x"},
              {"Raw", "hi"},
              {"NotInShape", "dropped"}};
  std::string xml = EncodeResponse(*model_, *model_->FindOperation("Get"), out, "rid-1");
  EXPECT_EQ(xml,
            "<GetResponse xmlns=\"urn:test\"><GetResult><Name>x</Name>"
            "<When>2024-05-01T12:00:00Z</When><Ok>false</Ok><N>42</N>"
            "<Items><member><K>a&lt;&amp;&gt;</K></member><member><K>b</K></member></Items>"
            "<Summary><entry><key>Users</key><value>3</value></entry></Summary>"
            "<Raw>aGk=</Raw></GetResult>"
            "<ResponseMetadata><RequestId>rid-1</RequestId></ResponseMetadata></GetResponse>");
}

TEST_F(EncoderTest, EmptyListStaysAnElementAbsentMemberDoesNot) {
  json out = {{"Items", json::array()}};
  std::string xml = EncodeResponse(*model_, *model_->FindOperation("Get"), out, "r");
  EXPECT_NE(xml.find("<GetResult><Items/></GetResult>"), std::string::npos) << xml;
}

TEST_F(EncoderTest, OperationWithoutOutput) {
  std::string xml = EncodeResponse(*model_, *model_->FindOperation("Nothing"), json::object(), "r");
  EXPECT_EQ(xml,
            "<NothingResponse xmlns=\"urn:test\"><ResponseMetadata><RequestId>r</RequestId>"
            "</ResponseMetadata></NothingResponse>");
}

TEST(ErrorEncoderTest, RendersAwsErrorResponse) {
  std::string xml =
      EncodeError("https://iam.amazonaws.com/doc/2010-05-08/",
                  errors::NoSuchEntity("The user with name <b> cannot be found."), "rid");
  EXPECT_EQ(xml,
            "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error>"
            "<Type>Sender</Type><Code>NoSuchEntity</Code>"
            "<Message>The user with name &lt;b&gt; cannot be found.</Message></Error>"
            "<RequestId>rid</RequestId></ErrorResponse>");
  std::string server = EncodeError("urn:x", errors::ServiceFailure("boom"), "r");
  EXPECT_NE(server.find("<Type>Receiver</Type>"), std::string::npos);
}

}  // namespace
}  // namespace iamlite
