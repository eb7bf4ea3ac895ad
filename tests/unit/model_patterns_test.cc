// The model's patterns are compiled on first use, not at load (start-up time): this checks
// that every pattern of the embedded models compiles, as the eager load used to.
#include <gtest/gtest.h>

#include <set>

#include "core/model.h"

namespace iamlite {
namespace {

void Visit(const Shape* s, std::set<const Shape*>& seen) {
  if (!s || !seen.insert(s).second) return;
  for (const auto& m : s->members) Visit(m.shape, seen);
  Visit(s->member, seen);
  Visit(s->key, seen);
  Visit(s->value, seen);
}

TEST(ModelPatternsTest, EveryPatternOfTheEmbeddedModelsCompiles) {
  int patterns = 0;
  for (const ServiceModel* model : {&IamModel(), &StsModel()}) {
    std::set<const Shape*> seen;
    for (const Operation* op : model->operations()) {
      Visit(op->input, seen);
      Visit(op->output, seen);
    }
    for (const Shape* s : seen) {
      if (s->re2_pattern.empty()) continue;
      ++patterns;
      std::string error;
      EXPECT_TRUE(s->CompilePattern(&error)) << s->name << ": " << error;
    }
  }
  EXPECT_GT(patterns, 50);
}

TEST(ModelPatternsTest, AnUncompilablePatternMatchesNothing) {
  auto m = ServiceModel::Parse(R"({"metadata": {}, "operations": {}, "shapes": {
      "bad": {"type": "string", "pattern": "(", "re2": "("}}})");
  ASSERT_TRUE(m.has_value()) << m.error().message;
  const Shape* bad = (*m)->FindShape("bad");
  ASSERT_NE(bad, nullptr);
  std::string error;
  EXPECT_FALSE(bad->CompilePattern(&error));
  EXPECT_FALSE(error.empty());
  EXPECT_FALSE(bad->MatchesPattern("anything"));
}

}  // namespace
}  // namespace iamlite
