// The request limits of README "Limits" that live below the HTTP layer: parameter count and
// name depth (server/form.h), policy document nesting (core/policy/json_reader.h).
#include <gtest/gtest.h>

#include <string>

#include "core/policy/parser.h"
#include "server/form.h"

namespace iamlite {
namespace {

std::string Pairs(std::size_t n) {
  std::string text = "Action=ListUsers";
  for (std::size_t i = 1; i < n; ++i) text += "&P" + std::to_string(i) + "=v";
  return text;
}

TEST(LimitsTest, ParameterCount) {
  Params p;
  ASSERT_TRUE(ParseForm(Pairs(kMaxFormParams), p));
  EXPECT_EQ(p.size(), kMaxFormParams);

  Params over;
  auto r = ParseForm(Pairs(kMaxFormParams + 1), over);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "MalformedQueryString");
  EXPECT_EQ(r.error().http_status, 400);
  EXPECT_EQ(r.error().message, "The request has more than 1000 parameters.");
}

TEST(LimitsTest, ParameterCountSpansQueryAndBody) {
  Params p;
  ASSERT_TRUE(ParseForm(Pairs(600), p));
  std::string body = "Q0=x";
  for (int i = 1; i < 400; ++i) body += "&Q" + std::to_string(i) + "=x";
  ASSERT_TRUE(ParseForm(body, p));  // 1000 in all
  EXPECT_FALSE(ParseForm("One=more", p));
}

TEST(LimitsTest, NameDepth) {
  Params p;
  // The deepest real parameter (SimulatePrincipalPolicy) and the deepest allowed.
  EXPECT_TRUE(ParseForm("ContextEntries.member.1.ContextKeyValues.member.1=x", p));
  EXPECT_TRUE(ParseForm("a.b.c.d.e.f.g.h.i.j=x", p));  // 10 levels
  auto r = ParseForm("a.b.c.d.e.f.g.h.i.j.k=x", p);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, "MalformedQueryString");
  EXPECT_EQ(r.error().message, "A parameter name nests deeper than 10 levels.");
  Params deep;
  EXPECT_FALSE(ParseForm("Tags" + std::string(100000, '.') + "=x", deep));
}

TEST(LimitsTest, PolicyNesting) {
  using policy::ParsePolicy;
  using policy::PolicyKind;
  auto nested = [](int depth) {
    // A statement whose condition value nests `depth` arrays inside the document's own
    // four levels (document, Statement list, statement, Condition...).
    const auto n = static_cast<std::size_t>(depth);
    const std::string v = std::string(n, '[') + "\"x\"" + std::string(n, ']');
    return R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*",)"
           R"("Resource":"*","Condition":{"StringEquals":{"aws:username":)" +
           v + "}}}]}";
  };
  auto deep = ParsePolicy(nested(100000), PolicyKind::kIdentity);
  ASSERT_FALSE(deep);
  EXPECT_EQ(deep.error().code, "MalformedPolicyDocument");
  EXPECT_EQ(deep.error().message, "Syntax errors in policy.");
  EXPECT_FALSE(ParsePolicy(nested(40), PolicyKind::kIdentity));
}

}  // namespace
}  // namespace iamlite
