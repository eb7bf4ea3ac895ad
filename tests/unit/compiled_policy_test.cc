#include "core/policy/compiled_policy.h"

#include <gtest/gtest.h>

#include "core/policy/parser.h"

namespace iamlite::policy {
namespace {

CompiledPolicy CompileText(const char* text) {
  auto parsed = ParsePolicy(text, PolicyKind::kInlineIdentity);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return Compile(**parsed);
}

std::vector<std::string> Candidates(const CompiledPolicy& p, std::string_view service) {
  std::vector<std::string> out;
  p.ForEachCandidate(service, [&](const CompiledStatement& s) { out.push_back(s.sid); });
  return out;
}

TEST(CompiledPolicy, IndexesStatementsByServiceInDocumentOrder) {
  const CompiledPolicy p = CompileText(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "Ec2", "Effect": "Allow", "Action": "ec2:*", "Resource": "*"},
      {"Sid": "All", "Effect": "Allow", "Action": "*", "Resource": "*"},
      {"Sid": "S3AndIam", "Effect": "Allow", "Action": ["S3:Get*", "iam:List*", "s3:Put*"], "Resource": "*"},
      {"Sid": "NotIam", "Effect": "Deny", "NotAction": "iam:*", "Resource": "*"},
      {"Sid": "WildService", "Effect": "Allow", "Action": "s3*:Get*", "Resource": "*"},
      {"Sid": "Iam", "Effect": "Allow", "Action": "iam:GetUser", "Resource": "*"}]})");
  EXPECT_EQ(Candidates(p, "s3"),
            (std::vector<std::string>{"All", "S3AndIam", "NotIam", "WildService"}));
  EXPECT_EQ(Candidates(p, "iam"),
            (std::vector<std::string>{"All", "S3AndIam", "NotIam", "WildService", "Iam"}));
  EXPECT_EQ(Candidates(p, "ec2"),
            (std::vector<std::string>{"Ec2", "All", "NotIam", "WildService"}));
  EXPECT_EQ(Candidates(p, "sqs"), (std::vector<std::string>{"All", "NotIam", "WildService"}));
}

TEST(CompiledPolicy, KeepsWhatExplanationsNeed) {
  const CompiledPolicy p = CompileText(R"({"Version": "2012-10-17", "Statement": [
      {"Effect": "Deny", "Action": "s3:*", "NotResource": "arn:aws:s3:::b/${aws:username}/*",
       "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})");
  ASSERT_EQ(p.statements.size(), 1u);
  const CompiledStatement& s = p.statements[0];
  EXPECT_EQ(s.sid, "");
  EXPECT_EQ(s.effect, Effect::kDeny);
  EXPECT_TRUE(s.not_resource);
  EXPECT_TRUE(s.resources[0].has_variables());
  EXPECT_EQ(s.conditions[0].op(), "Bool");
  EXPECT_EQ(s.span.start.line, 2);
  EXPECT_TRUE(p.substitutes_variables);
}

TEST(CompiledPolicy, StatementsMatchActionsAndResources) {
  const CompiledPolicy p = CompileText(R"({"Statement": [
      {"Sid": "A", "Effect": "Allow", "NotAction": ["s3:Delete*"], "NotResource": "arn:aws:s3:::secret/*"}]})");
  const CompiledStatement& s = p.statements[0];
  const ContextKeys none;
  EXPECT_TRUE(s.MatchesAction("s3:getobject"));
  EXPECT_FALSE(s.MatchesAction("s3:deleteobject"));
  EXPECT_TRUE(s.MatchesResource(ArnParts::Split("arn:aws:s3:::public/k"), none));
  EXPECT_FALSE(s.MatchesResource(ArnParts::Split("arn:aws:s3:::secret/k"), none));
  EXPECT_FALSE(p.substitutes_variables);  // no Version: 2008-10-17 rules
}

}  // namespace
}  // namespace iamlite::policy
