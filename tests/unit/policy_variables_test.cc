#include "core/policy/policy_variables.h"

#include <gtest/gtest.h>

#include "core/policy/string_pattern.h"

namespace iamlite::policy {
namespace {

TEST(PolicyVariables, ReadsBodies) {
  auto v = ParseVariableBody("aws:username");
  EXPECT_EQ(v.kind, VariableBody::Kind::kVariable);
  EXPECT_EQ(v.variable.key, "aws:username");
  EXPECT_FALSE(v.variable.default_value.has_value());

  v = ParseVariableBody("aws:PrincipalTag/team, 'company-wide'");
  EXPECT_EQ(v.variable.key, "aws:PrincipalTag/team");
  EXPECT_EQ(v.variable.folded_key, "aws:principaltag/team");
  EXPECT_EQ(v.variable.default_value, "company-wide");

  v = ParseVariableBody(" aws:userid ,  'anonymous' ");
  EXPECT_EQ(v.variable.key, "aws:userid");
  EXPECT_EQ(v.variable.default_value, "anonymous");

  v = ParseVariableBody("aws:userid, ''");
  EXPECT_EQ(v.variable.default_value, "");

  for (const char* special : {"*", "?", "$"}) {
    v = ParseVariableBody(special);
    EXPECT_EQ(v.kind, VariableBody::Kind::kLiteral);
    EXPECT_EQ(v.literal, special[0]);
  }

  v = ParseVariableBody("aws:userid, anonymous");  // unquoted default: the whole text is the key
  EXPECT_EQ(v.variable.key, "aws:userid, anonymous");
  EXPECT_FALSE(v.variable.default_value.has_value());
}

TEST(PolicyVariables, ResolvesSingleValuesDefaultsAndNothingElse) {
  ContextKeys context;
  context.Set("aws:username", "alice");
  context.Set("aws:TagKeys", ContextValue{ValueType::kString, true, {"team"}});
  context.Set("aws:EmptyList", ContextValue{ValueType::kString, true, {}});
  auto var = [](const char* body) { return ParseVariableBody(body).variable; };
  EXPECT_EQ(ResolveVariable(var("AWS:UserName"), context), "alice");
  EXPECT_EQ(ResolveVariable(var("aws:userid"), context), std::nullopt);
  EXPECT_EQ(ResolveVariable(var("aws:userid, 'anonymous'"), context), "anonymous");
  EXPECT_EQ(ResolveVariable(var("aws:username, 'anonymous'"), context), "alice");
  EXPECT_EQ(ResolveVariable(var("aws:TagKeys"), context), std::nullopt);  // multivalued
  EXPECT_EQ(ResolveVariable(var("aws:TagKeys, 'x'"), context), "x");
  EXPECT_EQ(ResolveVariable(var("aws:EmptyList"), context), std::nullopt);
}

TEST(PolicyVariables, OnlyVersion20121017Substitutes) {
  EXPECT_TRUE(VersionSubstitutesVariables("2012-10-17"));
  EXPECT_FALSE(VersionSubstitutesVariables("2008-10-17"));
  EXPECT_FALSE(VersionSubstitutesVariables(""));
}

struct PatternCase {
  const char* pattern;
  bool wildcards;
  bool variables;
  const char* text;
  bool match;
};

TEST(StringPattern, MatchesWithVariablesAndWildcards) {
  ContextKeys context;
  context.Set("aws:username", "alice");
  context.Set("aws:PrincipalTag/dir", "a*b");
  const PatternCase cases[] = {
      {"home/${aws:username}/*", true, true, "home/alice/x", true},
      {"home/${aws:username}/*", true, true, "home/bob/x", false},
      {"home/${aws:username}/*", true, false, "home/alice/x", false},  // 2008: literal
      {"home/${aws:username}/*", true, false, "home/${aws:username}/x", true},
      {"${aws:userid}", true, true, "", false},  // no value: nothing
      {"${aws:userid, ''}", true, true, "", true},
      {"${aws:PrincipalTag/dir}", true, true, "a*b", true},  // substituted * is literal
      {"${aws:PrincipalTag/dir}", true, true, "aXb", false},
      {"a${*}", true, true, "a*", true},
      {"a${*}", true, true, "ab", false},
      {"a${?}", false, true, "a?", true},
      {"${$}{x}", false, true, "${x}", true},
      {"*", true, true, "anything", true},
      {"a*", false, true, "a*", true},  // no wildcards: literal
      {"a*", false, true, "ab", false},
      {"${aws:username", true, true, "${aws:username", true},  // unclosed: literal
      {"x${aws:username}y${aws:username}z", true, true, "xaliceyalicez", true},
      {"*${aws:username}*", true, true, "the-alice-folder", true},
  };
  for (const PatternCase& c : cases) {
    StringPattern p(c.pattern, {.wildcards = c.wildcards, .variables = c.variables});
    EXPECT_EQ(p.Matches(c.text, context), c.match) << c.pattern << " ~ " << c.text;
  }
}

TEST(StringPattern, IgnoreCaseAndReportsUnresolvedKeys) {
  ContextKeys context;
  context.Set("aws:username", "Alice");
  StringPattern p("${aws:username}-${aws:userid}-${aws:PrincipalTag/x}",
                  {.wildcards = false, .variables = true});
  std::vector<std::string_view> missing;
  EXPECT_FALSE(p.Matches("Alice--", context, false, &missing));
  EXPECT_EQ(missing, (std::vector<std::string_view>{"aws:userid", "aws:PrincipalTag/x"}));
  EXPECT_EQ(p.Substitute(context), std::nullopt);

  StringPattern q("PREFIX-${aws:username}", {.wildcards = false, .variables = true});
  EXPECT_TRUE(q.Matches("prefix-alice", context, /*ignore_case=*/true));
  EXPECT_FALSE(q.Matches("prefix-alice", context));
  EXPECT_EQ(q.Substitute(context), "PREFIX-Alice");
  EXPECT_EQ(q.literal_prefix(), "PREFIX-");
}

TEST(StringPattern, ManyVariablesFallBackToTheHeap) {
  ContextKeys context;
  context.Set("k", "v");
  std::string pattern, text;
  for (int i = 0; i < 40; ++i) {
    pattern += "${k}.";
    text += "v.";
  }
  StringPattern p(pattern, {.wildcards = true, .variables = true});
  EXPECT_TRUE(p.Matches(text, context));
  EXPECT_FALSE(p.Matches(text + "x", context));
}

}  // namespace
}  // namespace iamlite::policy
