// Explanations of decisions, and the reusable-Decision form of Evaluate.
#include <gtest/gtest.h>

#include "core/policy/evaluator.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"

namespace iamlite::policy {
namespace {

std::shared_ptr<const CompiledPolicy> Compiled(const char* text,
                                               PolicyKind kind = PolicyKind::kIdentity) {
  auto parsed = ParsePolicy(text, kind);
  EXPECT_TRUE(parsed.has_value()) << (parsed ? "" : parsed.error().message);
  return CompileShared(**parsed);
}

RequestContext Request(const char* action, const char* resource) {
  RequestContext r;
  r.action = action;
  r.resource = resource;
  r.principal = {PrincipalType::kUser, "arn:aws:iam::111122223333:user/carol", "111122223333", "",
                 ""};
  return r;
}

constexpr const char* kBillingReadOnly = R"({"Version": "2012-10-17", "Statement": [
    {"Sid": "ReadBillingObjects", "Effect": "Allow", "Action": "s3:GetObject",
     "Resource": "arn:aws:s3:::billing/*"}]})";

TEST(EvaluatorExplain, NamesThePolicyAndWhyItDidNotAllow) {
  EvaluationInput in;
  in.identity.push_back({"arn:aws:iam::111122223333:policy/BillingBucketReadOnly", "group",
                         "group Accountants policy BillingBucketReadOnly",
                         Compiled(kBillingReadOnly)});
  const RequestContext r = Request("s3:PutObject", "arn:aws:s3:::billing/x");
  const Decision d = Evaluate(in, r);
  EXPECT_EQ(d.verdict, Verdict::kImplicitDeny);
  EXPECT_EQ(Explain(d),
            "Denied: no identity-based policy allows s3:PutObject on arn:aws:s3:::billing/x. "
            "Checked: group "
            "Accountants policy BillingBucketReadOnly (statement ReadBillingObjects allows "
            "s3:GetObject, not "
            "s3:PutObject).");
}

TEST(EvaluatorExplain, ShowsFailedConditionsAndMissingKeys) {
  EvaluationInput in;
  in.identity.push_back(
      {"p", "user", "user carol policy Office", Compiled(R"({"Version": "2012-10-17",
      "Statement": [{"Sid": "FromOffice", "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                                   "StringEquals": {"aws:PrincipalTag/team": "billing"}}}]})")});
  RequestContext r = Request("s3:GetObject", "arn:aws:s3:::billing/x");
  r.context.Set("aws:SourceIp", ContextValue{ValueType::kIp, false, {"198.51.100.1"}});
  const Decision d = Evaluate(in, r);
  ASSERT_EQ(d.failed_conditions.size(), 2u);
  EXPECT_EQ(d.failed_conditions[0].values->value.values.front(), "198.51.100.1");
  EXPECT_EQ(d.failed_conditions[1].values, nullptr);
  EXPECT_EQ(d.missing_context_keys, std::vector<std::string_view>{"aws:PrincipalTag/team"});
  const std::string text = Explain(d);
  EXPECT_NE(
      text.find("statement FromOffice allows s3:GetObject only when IpAddress aws:SourceIp "
                "\"203.0.113.0/24\", and the request has aws:SourceIp = \"198.51.100.1\"; and when "
                "StringEquals aws:PrincipalTag/team \"billing\", and the request has no "
                "aws:PrincipalTag/team"),
      std::string::npos)
      << text;
  EXPECT_NE(
      text.find(
          "Context keys the policies use that the request does not have: aws:PrincipalTag/team."),
      std::string::npos)
      << text;
}

TEST(EvaluatorExplain, TracesOutcomesPerPolicyType) {
  EvaluationInput in;
  in.identity.push_back({"p", "user", "", Compiled(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})")});
  in.boundary = PolicySource{"b", "boundary", "", Compiled(R"({"Version": "2012-10-17",
      "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]})")};
  const RequestContext r = Request("s3:PutObject", "arn:aws:s3:::billing/x");
  const Decision d = Evaluate(in, r);
  EXPECT_EQ(d.reason, Reason::kBoundaryNoAllow);
  EXPECT_EQ(d.outcome(PolicyType::kIdentity), Outcome::kAllows);
  EXPECT_EQ(d.outcome(PolicyType::kBoundary), Outcome::kNoAllow);
  EXPECT_EQ(d.outcome(PolicyType::kSession), Outcome::kNotPresent);
  EXPECT_EQ(d.outcome(PolicyType::kScp), Outcome::kNotPresent);
  ASSERT_EQ(d.matched.size(), 1u);
  EXPECT_EQ(d.matched[0].type, PolicyType::kIdentity);
  EXPECT_EQ(d.matched[0].statement->index, 0);
  EXPECT_EQ(d.matched[0].statement->span.start.line, 2);
}

TEST(EvaluatorExplain, ReusedDecisionEqualsAFreshOne) {
  EvaluationInput in;
  in.identity.push_back({"p", "user", "", Compiled(R"({"Version": "2012-10-17", "Statement": [
      {"Sid": "A", "Effect": "Allow", "Action": "s3:*", "Resource": "arn:aws:s3:::b/${aws:username}/*"},
      {"Sid": "D", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]})")});
  RequestContext allowed_request = Request("s3:GetObject", "arn:aws:s3:::b/carol/k");
  allowed_request.context.Set("aws:username", "carol");
  const RequestContext& allowed = allowed_request;
  const RequestContext denied = Request("s3:DeleteObject", "arn:aws:s3:::b/carol/k");
  Decision reused;
  for (const RequestContext* r : {&denied, &allowed, &denied}) {
    Evaluate(in, *r, reused);
    const Decision fresh = Evaluate(in, *r);
    EXPECT_EQ(reused.verdict, fresh.verdict);
    EXPECT_EQ(reused.reason, fresh.reason);
    EXPECT_EQ(reused.matched.size(), fresh.matched.size());
    EXPECT_EQ(reused.denied_by.has_value(), fresh.denied_by.has_value());
    EXPECT_EQ(reused.missing_context_keys, fresh.missing_context_keys);
    EXPECT_EQ(Explain(reused), Explain(fresh));
  }
}

TEST(EvaluatorExplain, NamesTheNames) {
  EXPECT_EQ(VerdictName(Verdict::kAllow), "allowed");
  EXPECT_EQ(VerdictName(Verdict::kExplicitDeny), "explicitDeny");
  EXPECT_EQ(VerdictName(Verdict::kImplicitDeny), "implicitDeny");
  EXPECT_EQ(ReasonName(Reason::kFederatedNoSessionPolicy), "FederatedNoSessionPolicy");
  EXPECT_EQ(PolicyTypeName(PolicyType::kBoundary), "permissions boundary");
  EXPECT_EQ(OutcomeName(Outcome::kDenies), "denies");
  EXPECT_EQ(Explain(Decision{}), "No decision.");
}

}  // namespace
}  // namespace iamlite::policy
