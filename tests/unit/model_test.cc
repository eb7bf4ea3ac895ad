#include "core/model.h"

#include <gtest/gtest.h>

#include <cctype>
#include <nlohmann/json.hpp>
#include <ostream>
#include <thread>
#include <vector>

#include "server/query_decoder.h"
#include "tests/unit/test_util.h"

namespace iamlite {

extern const PackedModel kIamPackedModel;  // the build's generated model_packed_data.cc

namespace {

TEST(ModelTest, EmbeddedModelsLoadCompletely) {
  const ServiceModel& iam = IamModel();
  EXPECT_EQ(iam.api_version(), "2010-05-08");
  EXPECT_EQ(iam.xml_namespace(), "https://iam.amazonaws.com/doc/2010-05-08/");
  EXPECT_GE(iam.operations().size(), 170u);
  for (const Operation* op : iam.operations()) {
    if (op->output) {
      EXPECT_EQ(op->result_wrapper, op->name + "Result") << op->name;
    }
    for (const Shape* e : op->errors) EXPECT_FALSE(e->error_code.empty()) << op->name;
  }
  const ServiceModel& sts = StsModel();
  EXPECT_EQ(sts.api_version(), "2011-06-15");
  EXPECT_NE(sts.FindOperation("AssumeRole"), nullptr);
  EXPECT_EQ(iam.FindOperation("AssumeRole"), nullptr);
}

// The models compiled in (tools/model_pack, core/model_packed.h) hold exactly what their JSON
// says: every shape with its type, constraints, members and error fields, every operation.
void ExpectSameModel(const ServiceModel& json, const ServiceModel& packed) {
  EXPECT_EQ(packed.api_version(), json.api_version());
  EXPECT_EQ(packed.xml_namespace(), json.xml_namespace());
  EXPECT_EQ(packed.endpoint_prefix(), json.endpoint_prefix());
  ASSERT_EQ(packed.shapes().size(), json.shapes().size());
  auto name = [](const Shape* s) { return s ? s->name : std::string("(none)"); };
  for (const Shape* js : json.shapes()) {
    const std::string& shape_name = js->name;
    const Shape* ps = packed.FindShape(shape_name);
    ASSERT_NE(ps, nullptr) << shape_name;
    EXPECT_EQ(ps->name, js->name);
    EXPECT_EQ(ps->type, js->type) << shape_name;
    EXPECT_EQ(name(ps->member), name(js->member)) << shape_name;
    EXPECT_EQ(name(ps->key), name(js->key)) << shape_name;
    EXPECT_EQ(name(ps->value), name(js->value)) << shape_name;
    EXPECT_EQ(ps->min, js->min) << shape_name;
    EXPECT_EQ(ps->max, js->max) << shape_name;
    EXPECT_EQ(ps->pattern, js->pattern) << shape_name;
    EXPECT_EQ(ps->re2_pattern, js->re2_pattern) << shape_name;
    EXPECT_EQ(ps->forbid, js->forbid) << shape_name;
    EXPECT_EQ(ps->enum_values, js->enum_values) << shape_name;
    EXPECT_EQ(ps->sensitive, js->sensitive) << shape_name;
    EXPECT_EQ(ps->error_code, js->error_code) << shape_name;
    EXPECT_EQ(ps->error_status, js->error_status) << shape_name;
    EXPECT_EQ(ps->sender_fault, js->sender_fault) << shape_name;
    ASSERT_EQ(ps->members.size(), js->members.size()) << shape_name;
    for (std::size_t i = 0; i < js->members.size(); ++i) {
      EXPECT_EQ(ps->members[i].name, js->members[i].name) << shape_name;
      EXPECT_EQ(ps->members[i].path_name, js->members[i].path_name) << shape_name;
      EXPECT_EQ(name(ps->members[i].shape), name(js->members[i].shape)) << shape_name;
      EXPECT_EQ(ps->members[i].required, js->members[i].required) << shape_name;
    }
  }
  ASSERT_EQ(packed.operations().size(), json.operations().size());
  for (std::size_t i = 0; i < json.operations().size(); ++i) {
    const Operation* jo = json.operations()[i];
    const Operation* po = packed.operations()[i];
    EXPECT_EQ(po->name, jo->name);
    EXPECT_EQ(packed.FindOperation(jo->name), po);
    EXPECT_EQ(name(po->input), name(jo->input)) << jo->name;
    EXPECT_EQ(name(po->output), name(jo->output)) << jo->name;
    EXPECT_EQ(po->result_wrapper, jo->result_wrapper) << jo->name;
    ASSERT_EQ(po->errors.size(), jo->errors.size()) << jo->name;
    for (std::size_t k = 0; k < jo->errors.size(); ++k)
      EXPECT_EQ(name(po->errors[k]), name(jo->errors[k])) << jo->name;
  }
}

TEST(ModelTest, CompiledInModelsEqualTheirJson) {
  auto iam = ServiceModel::Parse(testing::ReadSourceFile("model/iam.json"));
  ASSERT_TRUE(iam.has_value());
  ExpectSameModel(**iam, IamModel());
  auto sts = ServiceModel::Parse(testing::ReadSourceFile("model/sts.json"));
  ASSERT_TRUE(sts.has_value());
  ExpectSameModel(**sts, StsModel());
}

// A packed model builds what is looked up, with what that refers to, and nothing else.
TEST(ModelTest, PackedModelBuildsOnFirstLookup) {
  auto model = ServiceModel::Unpack(kIamPackedModel);
  EXPECT_EQ(model->built_shape_count(), 0u);
  const Operation* op = model->FindOperation("ListUsers");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(model->FindOperation("ListUsers"), op);  // built once
  const std::size_t for_list_users = model->built_shape_count();
  EXPECT_GT(for_list_users, 5u);  // input, output, User, Tag, errors...
  EXPECT_LT(for_list_users, static_cast<std::size_t>(kIamPackedModel.shape_count) / 10);
  const Member* users = op->output->FindMember("Users");
  ASSERT_NE(users, nullptr);
  ASSERT_NE(users->shape->member, nullptr);
  EXPECT_NE(users->shape->member->FindMember("UserName"), nullptr);
  EXPECT_EQ(model->FindOperation("NoSuchOperation"), nullptr);
  EXPECT_EQ(model->FindShape("noSuchShape"), nullptr);
  EXPECT_EQ(model->built_shape_count(), for_list_users);
  EXPECT_EQ(model->shapes().size(), static_cast<std::size_t>(kIamPackedModel.shape_count));
  EXPECT_EQ(model->built_shape_count(), static_cast<std::size_t>(kIamPackedModel.shape_count));
}

// Threads that look up operations and shapes of one fresh model at once get one complete
// model (also run under ThreadSanitizer: iam_concurrency_tests).
TEST(ModelTest, PackedModelBuildsConsistentlyUnderConcurrentLookups) {
  auto json = ServiceModel::Parse(testing::ReadSourceFile("model/iam.json"));
  ASSERT_TRUE(json.has_value());
  for (int round = 0; round < 3; ++round) {
    auto model = ServiceModel::Unpack(kIamPackedModel);
    std::vector<std::thread> threads;
    std::vector<std::vector<const Operation*>> seen(4);
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        const auto& ops = (*json)->operations();
        for (std::size_t k = 0; k < ops.size(); ++k) {
          // Each thread walks the operations from its own starting point.
          const Operation* op =
              model->FindOperation(ops[(k + static_cast<std::size_t>(t) * 40) % ops.size()]->name);
          seen[static_cast<std::size_t>(t)].push_back(op);
          if (op && op->input) model->FindShape(op->input->name);
        }
      });
    }
    for (auto& th : threads) th.join();
    for (const auto& ops : seen)
      for (const Operation* op : ops) EXPECT_EQ(model->FindOperation(op->name), op);
    ExpectSameModel(**json, *model);
  }
}

// Pack writes any byte of a pattern so that the compiler reads it back unchanged.
TEST(ModelTest, PackQuotesEveryByte) {
  auto m = ServiceModel::Parse(R"({"metadata": {"apiVersion": "v\"1?"}, "operations": {},
      "shapes": {"s": {"type": "string", "pattern": "[\\u0020-\\u00FF\t\"?]+\u00e9"}}})");
  ASSERT_TRUE(m.has_value());
  std::string cc = (*m)->Pack("kTest");
  EXPECT_NE(cc.find(R"("v\"1\077")"), std::string::npos) << cc;
  EXPECT_NE(cc.find(R"(\303\251")"), std::string::npos) << cc;  // UTF-8 of the e-acute
  EXPECT_EQ(cc.find('\t'), std::string::npos) << cc;
}

TEST(ModelTest, MembersAndConstraints) {
  const Shape* in = IamModel().FindOperation("CreateUser")->input;
  ASSERT_NE(in, nullptr);
  const Member* name = in->FindMember("UserName");
  ASSERT_NE(name, nullptr);
  EXPECT_TRUE(name->required);
  EXPECT_EQ(name->path_name, "userName");
  EXPECT_EQ(name->shape->min, 1);
  EXPECT_EQ(name->shape->max, 64);
  EXPECT_EQ(name->shape->pattern, "[\\w+=,.@-]+");
  EXPECT_FALSE(in->FindMember("Path")->required);
  const Shape* err = IamModel().FindShape("NoSuchEntityException");
  EXPECT_EQ(err->error_code, "NoSuchEntity");
  EXPECT_EQ(err->error_status, 404);
}

// The Java patterns of the model, translated to RE2, against values on both sides.
struct PatternCase {
  const char* shape;
  const char* value;
  bool matches;
};

void PrintTo(const PatternCase& c, std::ostream* os) {
  *os << c.shape << " '" << c.value << "' " << (c.matches ? "matches" : "does not match");
}

class PatternTest : public ::testing::TestWithParam<PatternCase> {};

TEST_P(PatternTest, Matches) {
  const auto& c = GetParam();
  const ServiceModel& model = std::string(c.shape).starts_with("sts.") ? StsModel() : IamModel();
  std::string name = std::string(c.shape).substr(std::string(c.shape).find('.') + 1);
  const Shape* s = model.FindShape(name);
  ASSERT_NE(s, nullptr) << c.shape;
  EXPECT_EQ(s->MatchesPattern(c.value), c.matches) << c.shape << " " << c.value;
}

INSTANTIATE_TEST_SUITE_P(
    Model, PatternTest,
    ::testing::Values(
        PatternCase{"iam.userNameType", "sally", true},
        PatternCase{"iam.userNameType", "a+b=c,d.e@f-g_h9", true},
        PatternCase{"iam.userNameType", "a b", false},
        PatternCase{"iam.userNameType", "s\xc3\xa4lly", false},  // \w is ASCII only in Java
        PatternCase{"iam.pathType", "/", true}, PatternCase{"iam.pathType", "/a/b/", true},
        PatternCase{"iam.pathType", "a/", false}, PatternCase{"iam.pathType", "/a", false},
        PatternCase{"iam.tagKeyType", "Cost Center:\xc3\xa9t\xc3\xa9/2", true},  // \p{L} \p{Z}
        PatternCase{"iam.tagKeyType", "a#b", false},
        PatternCase{"iam.accountAliasType", "my-alias-1", true},
        PatternCase{"iam.accountAliasType", "my--alias", false},  // the look-ahead, kept
        PatternCase{"iam.accountAliasType", "-alias", false},
        PatternCase{"iam.policyDocumentType", "{\"Version\":\"2012-10-17\"}\n\t", true},
        PatternCase{"iam.policyDocumentType", "\x01", false},
        PatternCase{"iam.policyVersionIdType", "v1", true},
        PatternCase{"iam.policyVersionIdType", "v0", false},
        PatternCase{"sts.arnType", "arn:aws:iam::123456789012:role/\xf0\x9f\x98\x80",
                    true},  // U+1F600: the \u10000-\u10FFFF range
        PatternCase{"sts.roleSessionNameType", "Session1:2", false},
        PatternCase{"sts.roleSessionNameType", "Session1@2", true}),
    [](const ::testing::TestParamInfo<PatternCase>& info) {
      std::string name = std::to_string(info.index) + "_" + info.param.shape;
      for (auto& c : name)
        if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
      return name;
    });

// Every example request in the model's documentation, serialized by botocore as a real
// client sends it, decodes without a validation error.
TEST(ModelTest, DocumentationExamplesDecode) {
  auto examples = nlohmann::json::parse(testing::ReadSourceFile("tests/data/model-examples.json"));
  ASSERT_GT(examples.size(), 50u);
  for (const auto& ex : examples) {
    const ServiceModel& model = ex["service"] == "sts" ? StsModel() : IamModel();
    const Operation* op = model.FindOperation(ex["operation"].get<std::string>());
    ASSERT_NE(op, nullptr) << ex["operation"];
    Params params;
    for (const auto& [k, v] : ex["params"].items()) params.emplace(k, v.get<std::string>());
    auto tree = DecodeInput(op->input, params, {});
    EXPECT_TRUE(tree.has_value()) << ex["operation"] << ": " << (tree ? "" : tree.error().message);
  }
}

TEST(ModelTest, MalformedModelIsAnErrorNotACrash) {
  EXPECT_FALSE(ServiceModel::Parse("not json").has_value());
  EXPECT_FALSE(ServiceModel::Parse(R"({"metadata":{},"shapes":{"a":{"type":"nope"}},
                                      "operations":{}})")
                   .has_value());
  EXPECT_FALSE(ServiceModel::Parse(R"({"metadata":{},"shapes":{"a":{"type":"list"}},
                                      "operations":{}})")
                   .has_value());
}

TEST(ModelTest, LowerCamel) {
  EXPECT_EQ(LowerCamel("UserName"), "userName");
  EXPECT_EQ(LowerCamel("Tags"), "tags");
  EXPECT_EQ(LowerCamel(""), "");
}

}  // namespace
}  // namespace iamlite
