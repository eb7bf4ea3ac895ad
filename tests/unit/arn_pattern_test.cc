#include "core/policy/arn_pattern.h"

#include <gtest/gtest.h>

namespace iamlite::policy {
namespace {

TEST(ArnPattern, SplitsRequestArnsIntoSixParts) {
  const ArnParts p =
      ArnParts::Split("arn:aws:logs:us-east-1:111122223333:log-group:g:log-stream:s");
  ASSERT_EQ(p.count, 6);
  EXPECT_EQ(p.part[0], "arn");
  EXPECT_EQ(p.part[2], "logs");
  EXPECT_EQ(p.part[4], "111122223333");
  EXPECT_EQ(p.part[5], "log-group:g:log-stream:s");
  EXPECT_EQ(p.From(3), "us-east-1:111122223333:log-group:g:log-stream:s");

  EXPECT_EQ(ArnParts::Split("*").count, 1);
  EXPECT_EQ(ArnParts::Split("arn:aws:s3:::b/k").part[3], "");
  EXPECT_EQ(ArnParts::Split("").count, 1);
}

struct Case {
  const char* pattern;
  const char* arn;
  bool match;
};

TEST(ArnPattern, MatchesSegmentBySegment) {
  const ContextKeys none;
  const Case cases[] = {
      {"*", "anything", true},
      {"*", "arn:aws:s3:::b/k", true},
      {"arn:aws:s3:::b/k", "arn:aws:s3:::b/k", true},
      {"arn:aws:s3:::b/k", "arn:aws:s3:::b/K", false},
      {"arn:aws:s3:::b/k", "arn:aws:s3:::b/k2", false},
      {"arn:aws:s3:::b/*", "arn:aws:s3:::b/a/b/c", true},
      {"arn:aws:s3:::b*", "arn:aws:s3:::b/k", true},
      {"arn:aws:s3:::*", "*", false},
      {"arn:aws:sqs:*:111122223333:q", "arn:aws:sqs:us-east-2:111122223333:q", true},
      {"arn:aws:sqs:*:111122223333:q", "arn:aws:sqs:us-east-2:444455556666:q", false},
      {"arn:aws:sqs:us-east-?:*:q", "arn:aws:sqs:us-east-2:444455556666:q", true},
      // '*' stays within its part (the ArnLike example of the IAM User Guide).
      {"arn:aws:someservice:*:111122223333:finance/*",
       "arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt",
       false},
      {"arn:aws:someservice:*:*:*", "arn:aws:someservice:r:a:store/abc:111122223333:finance/d",
       true},
      {"arn:aws:logs:*:*:log-group:g:*", "arn:aws:logs:r:1:log-group:g:log-stream:s", true},
      {"arn:aws:*", "arn:aws:s3:::b/k", true},  // fewer parts: the last takes the rest
      {"arn:aws:s3", "arn:aws:s3:::b/k", false},
      {"arn:aws:s3:::b/k", "arn:aws:s3", false},  // more parts than the ARN
      {"arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:user/a/b", true},
      {"arn:aws:iam::*:user/*", "arn:aws:iam::111122223333:role/a", false},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ArnPattern(c.pattern, true).Matches(c.arn, none), c.match)
        << c.pattern << " ~ " << c.arn;
  }
}

TEST(ArnPattern, SubstitutesVariablesInsideParts) {
  ContextKeys context;
  context.Set("aws:username", "alice");
  context.Set("aws:PrincipalTag/odd", "x:y");
  const ArnPattern home("arn:aws:s3:::b/${aws:username}/*", true);
  EXPECT_TRUE(home.Matches("arn:aws:s3:::b/alice/k", context));
  EXPECT_FALSE(home.Matches("arn:aws:s3:::b/bob/k", context));
  EXPECT_TRUE(home.has_variables());
  EXPECT_EQ(home.Substitute(context), "arn:aws:s3:::b/alice/*");

  // A colon inside ${...} does not split the pattern; a colon a variable brings in is text.
  const ArnPattern odd("arn:aws:sqs:${aws:PrincipalTag/odd}:*", true);
  EXPECT_FALSE(odd.Matches("arn:aws:sqs:x:y:q", context));

  std::vector<std::string_view> missing;
  const ArnPattern uid("arn:aws:s3:::b/${aws:userid}/*", true);
  EXPECT_FALSE(uid.Matches(ArnParts::Split("arn:aws:s3:::b/AIDA/k"), context, &missing));
  EXPECT_EQ(missing, std::vector<std::string_view>{"aws:userid"});
  missing.clear();
  EXPECT_FALSE(uid.Matches(ArnParts::Split("arn:aws:s3:::other/AIDA/k"), context, &missing));
  EXPECT_TRUE(missing.empty())
      << "the literal prefix rules the ARN out before the variable matters";

  const ArnPattern literal("arn:aws:s3:::b/${aws:username}/*", false);  // 2008-10-17
  EXPECT_FALSE(literal.Matches("arn:aws:s3:::b/alice/k", context));
  EXPECT_TRUE(literal.Matches("arn:aws:s3:::b/${aws:username}/k", context));
}

}  // namespace
}  // namespace iamlite::policy
