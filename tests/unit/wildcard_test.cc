#include "core/policy/wildcard.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace iamlite::policy {
namespace {

struct Case {
  const char* pattern;
  const char* text;
  bool match;
};

constexpr Case kCases[] = {
    {"", "", true},
    {"", "a", false},
    {"*", "", true},
    {"*", "anything/at:all", true},
    {"?", "", false},
    {"?", "a", true},
    {"?", "ab", false},
    {"a?c", "abc", true},
    {"a?c", "ac", false},
    {"abc", "abc", true},
    {"abc", "abd", false},
    {"abc", "ABC", false},
    {"s3:Get*", "s3:GetObject", true},
    {"s3:Get*", "s3:PutObject", false},
    {"*AccessKey*", "CreateAccessKey", true},
    {"*AccessKey*", "ListAccessKeys", true},
    {"*AccessKey*", "CreateUser", false},
    {"*log*", "carlossalazar-logs/x", true},
    {"*log*", "carlossalazar/x", false},
    {"b/*/test/*", "b/1/2/test/3/o.jpg", true},
    {"b/*/test/*", "b//test/o.jpg", true},
    {"b/*/test/*", "b/1/test/", true},
    {"b/*/test/*", "b/test/o.jpg", false},
    {"b/*/test/*", "b/1-test/o.jpg", false},
    {"a*b*c", "abc", true},
    {"a*b*c", "aXbYc", true},
    {"a*b*c", "aXbYcZ", false},
    {"a*b*c", "acb", false},
    {"*a", "aaa", true},
    {"a*a", "a", false},
    {"a*a", "aa", true},
    {"**", "x", true},
    {"*?", "", false},
    {"*?", "x", true},
    {"?*?", "x", false},
    {"?*?", "xy", true},
    {"a*?b", "ab", false},
    {"a*?b", "axb", true},
    {"*x?z*", "aaxyzbb", true},
    {"*x?z*", "aaxyybb", false},
    {"ab*ab*ab", "ababab", true},
    {"ab*ab*ab", "abab", false},
};

TEST(Wildcard, MatchesTable) {
  for (const Case& c : kCases) {
    EXPECT_EQ(WildcardMatch(c.pattern, c.text), c.match) << c.pattern << " ~ " << c.text;
    EXPECT_EQ(MatchShaped(ShapeOf(c.pattern), c.pattern, c.text), c.match)
        << c.pattern << " ~ " << c.text;
  }
}

TEST(Wildcard, NoCaseFoldsAsciiLettersOnly) {
  EXPECT_TRUE(WildcardMatchNoCase("IAM:*accesskey*", "iam:CreateAccessKey"));
  EXPECT_TRUE(WildcardMatchNoCase("s3:getobject", "S3:GetObject"));
  EXPECT_FALSE(WildcardMatchNoCase("s3:getobject", "s3:getobjecT2"));
  EXPECT_FALSE(WildcardMatchNoCase("\xc3\xa9", "\xc3\x89"));  // é and É stay distinct
  EXPECT_TRUE(EqualsNoCase("PreProd", "preprod"));
  EXPECT_FALSE(EqualsNoCase("preprod", "preprod "));
}

TEST(Wildcard, Shapes) {
  EXPECT_EQ(ShapeOf("s3:GetObject"), WildcardShape::kLiteral);
  EXPECT_EQ(ShapeOf("*"), WildcardShape::kAny);
  EXPECT_EQ(ShapeOf("s3:*"), WildcardShape::kPrefix);
  EXPECT_EQ(ShapeOf("s3:Get?"), WildcardShape::kGeneral);
  EXPECT_EQ(ShapeOf("*Report"), WildcardShape::kGeneral);
  EXPECT_EQ(ShapeOf("a?*"), WildcardShape::kGeneral);
}

// A plain recursive definition, to compare the fast matcher with on random input.
bool Reference(std::string_view p, std::string_view t) {
  if (p.empty()) return t.empty();
  if (p[0] == '*') return Reference(p.substr(1), t) || (!t.empty() && Reference(p, t.substr(1)));
  if (t.empty()) return false;
  return (p[0] == '?' || p[0] == t[0]) && Reference(p.substr(1), t.substr(1));
}

TEST(Wildcard, AgreesWithTheDefinitionOnRandomInput) {
  std::mt19937 rng(20240601);
  const std::string pattern_chars = "ab*?";
  const std::string text_chars = "ab";
  for (int i = 0; i < 20000; ++i) {
    std::string p, t;
    const int np = static_cast<int>(rng() % 7), nt = static_cast<int>(rng() % 8);
    for (int k = 0; k < np; ++k) p.push_back(pattern_chars[rng() % pattern_chars.size()]);
    for (int k = 0; k < nt; ++k) t.push_back(text_chars[rng() % text_chars.size()]);
    ASSERT_EQ(WildcardMatch(p, t), Reference(p, t)) << p << " ~ " << t;
    ASSERT_EQ(WildcardMatchNoCase(p, t), Reference(p, t)) << p << " ~ " << t;
  }
}

TEST(Wildcard, LongInputStaysFast) {
  const std::string text(100000, 'a');
  EXPECT_FALSE(WildcardMatch("*a*a*a*a*a*a*a*a*b", text));
  EXPECT_TRUE(WildcardMatch("*a*a*a*a*a*a*a*a*", text));
}

}  // namespace
}  // namespace iamlite::policy
