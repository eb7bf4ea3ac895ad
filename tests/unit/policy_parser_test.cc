#include <gtest/gtest.h>

#include <cstdint>
#include <span>
#include <string>

#include "core/policy/parser.h"
#include "core/policy/policy_date.h"
#include "core/policy/policy_size.h"
#include "tests/unit/policy_recorded_cases.h"

namespace iamlite::policy {
namespace {

constexpr const char* kOk = "ok";

// "ok", or "Code: message", so a failing case prints what it got.
std::string Outcome(const Result<std::shared_ptr<const Policy>>& r) {
  if (r) return kOk;
  return r.error().code + ": " + r.error().message;
}

std::string Malformed(const char* message) {
  return std::string("MalformedPolicyDocument: ") + message;
}

// ---------------------------------------------------------------------------------------
// Real AWS answers (tests/unit/policy_recorded_cases.h).

TEST(PolicyParserRecorded, RefusedManagedPolicyDocumentsGetAwsMessage) {
  for (const auto& c : recorded::kRefused) {
    SCOPED_TRACE(c.name);
    auto r = ParsePolicy(c.document, PolicyKind::kIdentity);
    EXPECT_EQ(Outcome(r), Malformed(c.message)) << c.document;
    if (!r) {
      EXPECT_EQ(r.error().http_status, 400);
    }
  }
}

TEST(PolicyParserRecorded, AcceptedManagedPolicyDocumentsParse) {
  for (const auto& c : recorded::kAccepted) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Outcome(ParsePolicy(c.document, PolicyKind::kIdentity)), kOk) << c.document;
    EXPECT_EQ(Outcome(ParsePolicy(c.document, PolicyKind::kInlineIdentity)), kOk) << c.document;
  }
}

// ---------------------------------------------------------------------------------------
// Table of other cases. `recorded` marks rows whose answer real AWS gave (source noted);
// the others pin down this implementation's reading of the docs or its guesses.

struct Case {
  const char* name;
  std::string document;
  PolicyKind kind;
  std::string expected;  // kOk or Malformed(...)
};

constexpr const char* kTrustInvalidJson = "This policy contains invalid Json";
constexpr const char* kTrustActionsOnly =
    "AssumeRole policy may only specify STS AssumeRole actions.";
constexpr const char* kNoPrincipals =
    "Invalid principal in policy: com.amazon.balsa.error.InvalidPolicyException: The passed in "
    "policy has a statement with no principals!";
constexpr const char* kSyntax = "Syntax errors in policy.";

std::string TrustDoc(const std::string& statement_body, const char* version = "\"2012-10-17\"") {
  return std::string("{\"Version\": ") + version + ", \"Statement\": [{" + statement_body + "}]}";
}

const std::string kEc2Principal =
    R"("Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"})";

std::vector<Case> TrustCases() {
  return {
      // Recorded: test_iam_roles.py::test_update_assume_role_policy_errors and
      // test_iam.py::test_create_role_with_malformed_assume_role_policy_document.
      {"recorded-invalid-json", "not valid json", PolicyKind::kTrust, Malformed(kTrustInvalidJson)},
      {"recorded-invalid-action", TrustDoc(kEc2Principal + R"(, "Action": "sts:InvalidAction")"),
       PolicyKind::kTrust, Malformed(kTrustActionsOnly)},
      {"recorded-resource-field",
       TrustDoc(kEc2Principal +
                R"(, "Action": "sts:AssumeRole", "Resource": "arn:aws:s3:::example_bucket")"),
       PolicyKind::kTrust, Malformed("Has prohibited field Resource")},
      // Recorded as accepted: test_iam_roles.py::test_update_assume_role_policy and
      // test_iam_policies.py ASSUME_ROLE_POLICY.
      {"recorded-service-list",
       TrustDoc(
           R"("Effect": "Allow", "Principal": {"Service": ["ec2.amazonaws.com"]}, "Action": ["sts:AssumeRole"])"),
       PolicyKind::kTrust, kOk},
      {"recorded-service", TrustDoc(kEc2Principal + R"(, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, kOk},
      // Quoted from AWS in public reports (see parser.cc).
      {"no-principal", TrustDoc(R"("Effect": "Allow", "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed(kNoPrincipals)},
      {"empty-principal-list",
       TrustDoc(R"("Effect": "Allow", "Principal": {"AWS": []}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed(kNoPrincipals)},
      {"not-principal-only",
       TrustDoc(
           R"("Effect": "Allow", "NotPrincipal": {"AWS": "123456789012"}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed(kNoPrincipals)},
      {"bad-aws-principal",
       TrustDoc(
           R"("Effect": "Allow", "Principal": {"AWS": "someone"}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed("Invalid principal in policy: \"AWS\":\"someone\"")},
      // Documented trust actions and principal forms.
      {"web-identity",
       TrustDoc(
           R"("Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:oidc-provider/example.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"example.com:aud": "x"}})"),
       PolicyKind::kTrust, kOk},
      {"saml-and-tags",
       TrustDoc(
           R"("Effect": "Allow", "Principal": {"Federated": "arn:aws:iam::123456789012:saml-provider/x"}, "Action": ["sts:AssumeRoleWithSAML", "sts:TagSession", "sts:SetSourceIdentity", "sts:SetContext"])"),
       PolicyKind::kTrust, kOk},
      {"account-principal",
       TrustDoc(
           R"("Effect": "Allow", "Principal": {"AWS": ["123456789012", "arn:aws:iam::123456789012:root", "*"]}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, kOk},
      {"version-2008",
       TrustDoc(kEc2Principal + R"(, "Action": "sts:AssumeRole")", "\"2008-10-17\""),
       PolicyKind::kTrust, kOk},
      {"action-case-insensitive", TrustDoc(kEc2Principal + R"(, "Action": "STS:assumerole")"),
       PolicyKind::kTrust, kOk},
      {"non-sts-action",
       TrustDoc(kEc2Principal + R"(, "Action": ["sts:AssumeRole", "s3:GetObject"])"),
       PolicyKind::kTrust, Malformed(kTrustActionsOnly)},
      {"not-resource-field",
       TrustDoc(kEc2Principal + R"(, "Action": "sts:AssumeRole", "NotResource": "*")"),
       PolicyKind::kTrust, Malformed("Has prohibited field NotResource")},
      {"no-action", TrustDoc(kEc2Principal), PolicyKind::kTrust,
       Malformed("Policy statement must contain actions.")},
      {"syntax-in-trust", TrustDoc(kEc2Principal + R"(, "Action": "sts:AssumeRole", "Foo": 1)"),
       PolicyKind::kTrust, Malformed(kSyntax)},
      {"lower-case-effect",
       TrustDoc(
           R"("Effect": "allow", "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed("The policy failed legacy parsing")},
      {"unknown-principal-type",
       TrustDoc(R"("Effect": "Allow", "Principal": {"Robot": "x"}, "Action": "sts:AssumeRole")"),
       PolicyKind::kTrust, Malformed(kSyntax)},
  };
}

const std::string kS3Statement =
    R"("Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::example_bucket")";

std::string Doc(const std::string& statement_body, const char* version = "\"2012-10-17\"") {
  if (version == nullptr) return "{\"Statement\": {" + statement_body + "}}";
  return std::string("{\"Version\": ") + version + ", \"Statement\": {" + statement_body + "}}";
}

std::vector<Case> IdentityCases() {
  constexpr const char* kNoPrincipal = "Policy document should not specify a principal.";
  return {
      {"inline-no-version", Doc(kS3Statement, nullptr), PolicyKind::kInlineIdentity, kOk},
      {"inline-2008", Doc(kS3Statement, "\"2008-10-17\""), PolicyKind::kInlineIdentity, kOk},
      {"inline-2013", Doc(kS3Statement, "\"2013-10-17\""), PolicyKind::kInlineIdentity,
       Malformed(kSyntax)},
      {"managed-principal", Doc(kS3Statement + R"(, "Principal": "*")"), PolicyKind::kIdentity,
       Malformed(kNoPrincipal)},
      {"inline-not-principal", Doc(kS3Statement + R"(, "NotPrincipal": {"AWS": "123456789012"})"),
       PolicyKind::kInlineIdentity, Malformed(kNoPrincipal)},
      {"principal-and-not-principal",
       Doc(kS3Statement + R"(, "Principal": "*", "NotPrincipal": "*")"), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"number-sid", Doc(kS3Statement + R"(, "Sid": 5)"), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"lower-case-key", Doc(kS3Statement + R"(, "sid": "x")"), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"condition-number-and-bool",
       Doc(kS3Statement +
           R"(, "Condition": {"NumericLessThan": {"s3:max-keys": 10}, "Bool": {"aws:SecureTransport": true}})"),
       PolicyKind::kIdentity, kOk},
      {"condition-null-value",
       Doc(kS3Statement + R"(, "Condition": {"StringEquals": {"a": null}})"), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"condition-nested-list",
       Doc(kS3Statement + R"(, "Condition": {"StringEquals": {"a": [["x"]]}})"),
       PolicyKind::kIdentity, Malformed(kSyntax)},
      {"null-if-exists", Doc(kS3Statement + R"(, "Condition": {"NullIfExists": {"a": "true"}})"),
       PolicyKind::kIdentity, Malformed(kSyntax)},
      {"operator-case", Doc(kS3Statement + R"(, "Condition": {"stringequals": {"a": "b"}})"),
       PolicyKind::kIdentity, Malformed(kSyntax)},
      {"date-epoch-number",
       Doc(kS3Statement + R"(, "Condition": {"DateGreaterThan": {"aws:EpochTime": 1500000000}})"),
       PolicyKind::kIdentity, kOk},
      {"date-if-exists-bad",
       Doc(kS3Statement + R"(, "Condition": {"ForAnyValue:DateEqualsIfExists": {"a": "nope"}})"),
       PolicyKind::kIdentity, Malformed("The policy failed legacy parsing")},
      {"duplicate-key-last-wins",
       Doc(R"("Effect": "Bogus", "Effect": "Allow", "Action": "s3:x", "Resource": "*")"),
       PolicyKind::kIdentity, kOk},
      {"resource-kind-needs-principal", Doc(kS3Statement), PolicyKind::kResource,
       Malformed("Missing required field Principal")},
      {"resource-kind", Doc(kS3Statement + R"(, "Principal": {"AWS": "123456789012"})"),
       PolicyKind::kResource, kOk},
      {"resource-kind-not-principal",
       Doc(kS3Statement + R"(, "NotPrincipal": {"AWS": "123456789012"})"), PolicyKind::kResource,
       kOk},
      {"resource-kind-invalid-json", "{", PolicyKind::kResource, Malformed(kSyntax)},
      {"action-empty-vendor", Doc(R"("Effect": "Allow", "Action": ":x", "Resource": "*")"),
       PolicyKind::kIdentity,
       Malformed("Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.")},
      {"iam-root",
       Doc(R"("Effect": "Allow", "Action": "iam:x", "Resource": "arn:aws:iam::123456789012:root")"),
       PolicyKind::kIdentity, kOk},
      {"s3-region-and-account",
       Doc(R"("Effect": "Allow", "Action": "s3:x", "Resource": "arn:aws:s3:us-east-1:123456789012:job/x")"),
       PolicyKind::kIdentity, kOk},
      {"china-partition",
       Doc(R"("Effect": "Allow", "Action": "s3:x", "Resource": "arn:aws-cn:s3:::b")"),
       PolicyKind::kIdentity, kOk},
  };
}

TEST(PolicyParserCases, TrustPolicies) {
  for (const Case& c : TrustCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Outcome(ParsePolicy(c.document, c.kind)), c.expected) << c.document;
  }
}

TEST(PolicyParserCases, IdentityAndResourcePolicies) {
  for (const Case& c : IdentityCases()) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Outcome(ParsePolicy(c.document, c.kind)), c.expected) << c.document;
  }
}

// ---------------------------------------------------------------------------------------
// Hostile input: every one answers without crashing (speed is for benchmarks, not tests).

std::string Repeat(std::string_view s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

TEST(PolicyParserHostile, EveryInputGetsAnAnswer) {
  const std::string huge_sid = std::string(10'000'000, 'x');
  const std::vector<Case> cases = {
      {"empty", "", PolicyKind::kIdentity, Malformed(kSyntax)},
      {"empty-trust", "", PolicyKind::kTrust, Malformed(kTrustInvalidJson)},
      {"null", "null", PolicyKind::kIdentity, Malformed(kSyntax)},
      {"list", "[]", PolicyKind::kIdentity, Malformed(kSyntax)},
      {"empty-object", "{}", PolicyKind::kIdentity, Malformed(kSyntax)},
      {"string", "\"x\"", PolicyKind::kTrust, Malformed(kSyntax)},
      {"arrays-100k-deep", Repeat("[", 100'000) + Repeat("]", 100'000), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"objects-100k-deep", Repeat("{\"a\":", 100'000) + "1" + Repeat("}", 100'000),
       PolicyKind::kTrust, Malformed(kTrustInvalidJson)},
      {"unclosed-100k", Repeat("[", 100'000), PolicyKind::kIdentity, Malformed(kSyntax)},
      {"deep-in-condition",
       Doc(kS3Statement + R"(, "Condition": {"StringEquals": {"a": )" + Repeat("[", 40) + "1" +
           Repeat("]", 40) + "}}"),
       PolicyKind::kIdentity, Malformed(kSyntax)},
      {"huge-sid", Doc(kS3Statement + ", \"Sid\": \"" + huge_sid + "\""), PolicyKind::kIdentity,
       kOk},
      {"invalid-utf8", Doc(kS3Statement + ", \"Sid\": \"\xff\xfe\""), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"invalid-utf8-trust", "{\"Version\": \"\xc3\x28\"}", PolicyKind::kTrust,
       Malformed(kTrustInvalidJson)},
      {"lone-surrogate", Doc(kS3Statement + R"(, "Sid": "\ud800")"), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"nul-inside", std::string("{\"Version\": \"2012-10-17\"\0}", 27), PolicyKind::kIdentity,
       Malformed(kSyntax)},
      {"trailing-garbage", Doc(kS3Statement) + " x", PolicyKind::kIdentity, Malformed(kSyntax)},
      {"comment", "/* c */" + Doc(kS3Statement), PolicyKind::kIdentity, Malformed(kSyntax)},
      // nlohmann refuses numbers beyond a double's range; unrecorded for AWS.
      {"number-overflow",
       Doc(kS3Statement + R"(, "Condition": {"NumericEquals": {"a": 1e999999}})"),
       PolicyKind::kIdentity, Malformed(kSyntax)},
      {"long-number",
       Doc(kS3Statement +
           R"(, "Condition": {"NumericEquals": {"a": 123456789012345678901234567890}})"),
       PolicyKind::kIdentity, kOk},
      {"many-duplicate-keys",
       Doc(kS3Statement + R"(, "Condition": {"StringEquals": {)" +
           Repeat(R"("k": "v", )", 200'000) + R"("k": "last"}})"),
       PolicyKind::kIdentity, kOk},
      {"many-statements",
       "{\"Version\": \"2012-10-17\", \"Statement\": [" +
           Repeat("{" + kS3Statement + "}, ", 50'000) + "{" + kS3Statement + "}]}",
       PolicyKind::kIdentity, kOk},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EXPECT_EQ(Outcome(ParsePolicy(c.document, c.kind)), c.expected);
  }
}

// Every recorded document, cut and garbled in fixed pseudo-random ways, parsed as every
// kind: each gets a value or a MalformedPolicyDocument (run under ASan/UBSan too).
TEST(PolicyParserHostile, MutatedRecordedDocumentsNeverBreakTheParser) {
  std::uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return seed >> 8;
  };
  constexpr char kBytes[] = "{}[]\",:\\ 0aZ*\xff\x80\xc3";
  for (std::span<const recorded::Case> table :
       {std::span<const recorded::Case>(recorded::kRefused),
        std::span<const recorded::Case>(recorded::kAccepted)}) {
    for (const auto& c : table) {
      const std::string original = c.document;
      for (int round = 0; round < 50; ++round) {
        std::string text = original;
        const std::size_t at = next() % (text.size() + 1);
        switch (next() % 3) {
          case 0:
            text.resize(at);
            break;
          case 1:
            text.insert(at, 1, kBytes[next() % (sizeof(kBytes) - 1)]);
            break;
          default:
            if (at < text.size()) text[at] = kBytes[next() % (sizeof(kBytes) - 1)];
        }
        for (PolicyKind kind : {PolicyKind::kIdentity, PolicyKind::kInlineIdentity,
                                PolicyKind::kTrust, PolicyKind::kResource}) {
          auto r = ParsePolicy(text, kind);
          if (!r) {
            ASSERT_EQ(r.error().code, "MalformedPolicyDocument") << text;
          }
        }
      }
    }
  }
}

TEST(PolicyParserHostile, DuplicateConditionKeyKeepsTheLastValue) {
  auto r = ParsePolicy(
      Doc(kS3Statement + R"(, "Condition": {"StringEquals": {"k": "a", "j": "b", "k": "c"}})"),
      PolicyKind::kIdentity);
  ASSERT_TRUE(r) << Outcome(r);
  const auto& conditions = (*r)->statements[0].conditions;
  ASSERT_EQ(conditions.size(), 2u);
  EXPECT_EQ(conditions[0].key, "k");
  EXPECT_EQ(conditions[0].values, std::vector<std::string>{"c"});
  EXPECT_EQ(conditions[1].key, "j");
}

// ---------------------------------------------------------------------------------------
// The compiled form.

TEST(PolicyParserCompiled, HoldsWhatTheDocumentSays) {
  const std::string text = R"({
  "Version": "2012-10-17",
  "Id": "my-policy",
  "Statement": [
    {"Sid": "One", "Effect": "Deny", "NotAction": ["s3:Delete*", "iam:*"],
     "Resource": "arn:aws:s3:::b/*",
     "Condition": {"ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]},
                   "NumericLessThan": {"s3:max-keys": 10},
                   "Bool": {"aws:SecureTransport": false}}},
    {"Effect": "Allow", "Action": "*", "NotResource": ["arn:aws:s3:::x", "*"]}
  ]
})";
  auto r = ParsePolicy(text, PolicyKind::kIdentity);
  ASSERT_TRUE(r) << Outcome(r);
  const Policy& p = **r;
  EXPECT_EQ(p.version, "2012-10-17");
  EXPECT_EQ(p.id, "my-policy");
  ASSERT_EQ(p.statements.size(), 2u);

  const Statement& one = p.statements[0];
  EXPECT_EQ(one.index, 0);
  EXPECT_EQ(one.sid, "One");
  EXPECT_EQ(one.effect, Effect::kDeny);
  EXPECT_TRUE(one.not_action);
  EXPECT_EQ(one.actions, (std::vector<std::string>{"s3:Delete*", "iam:*"}));
  EXPECT_FALSE(one.not_resource);
  EXPECT_EQ(one.resources, std::vector<std::string>{"arn:aws:s3:::b/*"});
  EXPECT_FALSE(one.principal.has_value());
  ASSERT_EQ(one.conditions.size(), 3u);
  EXPECT_EQ(one.conditions[0].op, "ForAnyValue:StringLikeIfExists");
  EXPECT_EQ(one.conditions[0].key, "aws:TagKeys");
  EXPECT_EQ(one.conditions[0].values, (std::vector<std::string>{"a*", "b"}));
  EXPECT_EQ(one.conditions[1].op, "NumericLessThan");
  EXPECT_EQ(one.conditions[1].values, std::vector<std::string>{"10"});
  EXPECT_EQ(one.conditions[2].op, "Bool");
  EXPECT_EQ(one.conditions[2].values, std::vector<std::string>{"false"});

  const Statement& two = p.statements[1];
  EXPECT_EQ(two.index, 1);
  EXPECT_EQ(two.sid, "");
  EXPECT_EQ(two.effect, Effect::kAllow);
  EXPECT_FALSE(two.not_action);
  EXPECT_EQ(two.actions, std::vector<std::string>{"*"});
  EXPECT_TRUE(two.not_resource);
  EXPECT_EQ(two.resources, (std::vector<std::string>{"arn:aws:s3:::x", "*"}));
  EXPECT_TRUE(two.conditions.empty());
}

TEST(PolicyParserCompiled, TrustPrincipals) {
  const std::string text = R"({"Statement": [
    {"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::123456789012:root", "111122223333"],
     "Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"},
    {"Effect": "Allow", "Principal": "*", "Action": ["sts:TagSession"]}]})";
  auto r = ParsePolicy(text, PolicyKind::kTrust);
  ASSERT_TRUE(r) << Outcome(r);
  const Policy& p = **r;
  EXPECT_EQ(p.version, "");
  ASSERT_EQ(p.statements.size(), 2u);
  const auto& first = p.statements[0].principal;
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->any);
  EXPECT_FALSE(p.statements[0].not_principal);
  EXPECT_EQ(first->by_type.at("AWS"),
            (std::vector<std::string>{"arn:aws:iam::123456789012:root", "111122223333"}));
  EXPECT_EQ(first->by_type.at("Service"), std::vector<std::string>{"ec2.amazonaws.com"});
  EXPECT_TRUE(p.statements[0].resources.empty());
  ASSERT_TRUE(p.statements[1].principal.has_value());
  EXPECT_TRUE(p.statements[1].principal->any);
  EXPECT_TRUE(p.statements[1].principal->by_type.empty());
}

// ---------------------------------------------------------------------------------------
// Statement spans, as the IAM policy simulator reports them.

struct SpanCase {
  const char* name;
  std::string document;
  std::vector<std::pair<TextPosition, TextPosition>> spans;  // per statement: start, end
};

TEST(PolicyParserSpans, MatchTheSimulator) {
  const std::vector<SpanCase> cases = {
      // Recorded: test_iam.py::test_simulate_principle_policy (MatchedStatements of
      // SimulatePrincipalPolicy), the document as json.dumps wrote it.
      {"recorded-simulator",
       R"({"Version": "2012-10-17", "Statement": {"Sid": "", "Effect": "Allow", "Action": "s3:PutObject", "Resource": "*"}})",
       {{{1, 41}, {1, 113}}}},
      {"pretty",
       "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\",\n"
       "     \"Action\": \"s3:x\", \"Resource\": \"*\"},\n    {\n      \"Effect\": \"Deny\", "
       "\"Action\": \"s3:y\", \"Resource\": \"*\"\n    }\n  ]\n}",
       {{{4, 6}, {5, 40}}, {{6, 6}, {8, 6}}}},
      {"crlf",
       "{\"Statement\":\r\n[{\"Effect\":\"Allow\",\"Action\":\"s3:x\",\"Resource\":\"*\"}]}",
       {{{2, 3}, {2, 51}}}},
      // Columns count UTF-16 units: "é" is one, "😀" (4 UTF-8 bytes) two.
      {"non-ascii",
       "{\"Id\": \"\xc3\xa9\xf0\x9f\x98\x80\", \"Statement\": {\"Effect\": \"Allow\", "
       "\"Action\": \"s3:x\", \"Resource\": \"*\"}}",
       {{{1, 29}, {1, 82}}}},
  };
  for (const SpanCase& c : cases) {
    SCOPED_TRACE(c.name);
    auto r = ParsePolicy(c.document, PolicyKind::kInlineIdentity);
    ASSERT_TRUE(r) << Outcome(r);
    ASSERT_EQ((*r)->statements.size(), c.spans.size());
    for (std::size_t i = 0; i < c.spans.size(); ++i) {
      const TextSpan& s = (*r)->statements[i].span;
      EXPECT_EQ(s.start, c.spans[i].first)
          << "statement " << i << " start " << s.start.line << ":" << s.start.column;
      EXPECT_EQ(s.end, c.spans[i].second)
          << "statement " << i << " end " << s.end.line << ":" << s.end.column;
      EXPECT_EQ(c.document[s.begin_offset], '{');
      EXPECT_EQ(c.document[s.end_offset - 1], '}');
    }
  }
}

// ---------------------------------------------------------------------------------------
// Size quotas.

TEST(PolicySize, CountsCharactersButNotWhiteSpace) {
  EXPECT_EQ(PolicySize(""), 0u);
  EXPECT_EQ(PolicySize("{ \"a\" :\t\"b c\"\r\n}"), 10u);  // whitespace inside strings too
  EXPECT_EQ(PolicySize("\"\xc3\xa9\""), 3u);              // "é": one character, two bytes
}

struct QuotaCase {
  PolicySizeQuota quota;
  std::size_t limit;
  const char* entity;
  std::string message;  // for limit + 1
};

TEST(PolicySize, QuotasAndAwsMessages) {
  const std::vector<QuotaCase> cases = {
      {PolicySizeQuota::kManaged, 6144, "", "Cannot exceed quota for PolicySize: 6144"},
      {PolicySizeQuota::kUserInline, 2048, "alice",
       "Maximum policy size of 2048 bytes exceeded for user alice"},
      {PolicySizeQuota::kGroupInline, 5120, "devs",
       "Maximum policy size of 5120 bytes exceeded for group devs"},
      {PolicySizeQuota::kRoleInline, 10240, "app",
       "Maximum policy size of 10240 bytes exceeded for role app"},
      {PolicySizeQuota::kRoleTrust, 2048, "app", "Cannot exceed quota for ACLSizePerRole: 2048"},
  };
  for (const QuotaCase& c : cases) {
    SCOPED_TRACE(c.message);
    EXPECT_EQ(PolicySizeLimit(c.quota), c.limit);
    EXPECT_TRUE(CheckPolicySize(c.quota, c.limit, c.entity));
    auto over = CheckPolicySize(c.quota, c.limit + 1, c.entity);
    ASSERT_FALSE(over);
    EXPECT_EQ(over.error().code, "LimitExceeded");
    EXPECT_EQ(over.error().http_status, 409);
    EXPECT_EQ(over.error().message, c.message);
  }
}

TEST(PolicySize, PrettyPrintingDoesNotCount) {
  const std::string compact =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:x","Resource":"*"}})";
  const std::string pretty =
      "{\n    \"Version\": \"2012-10-17\",\n    \"Statement\": {\n        \"Effect\": \"Allow\",\n"
      "        \"Action\": \"s3:x\",\n        \"Resource\": \"*\"\n    }\n}\n";
  EXPECT_EQ(PolicySize(pretty), PolicySize(compact));
  EXPECT_EQ(PolicySize(compact), compact.size());
}

// ---------------------------------------------------------------------------------------
// Date values (the legacy parser's Date* check).

TEST(PolicyDate, AcceptsWhatAwsAccepts) {
  struct DateCase {
    const char* value;
    bool ok;
  };
  const DateCase cases[] = {
      // Recorded (TestPolicyDocumentValidity valid-5/16/30/34..37, invalid-64/72..75).
      {"2017-07-01T00:00:00Z", true},
      {"2017-12-31T23:59:59Z", true},
      {"01T", true},
      {"2019-07-01T13:20:15Z", true},
      {"2016-12-13T21:20:37.593194+00:00", true},
      {"2016-12-13t2:00:00.593194+23", true},
      {"-292275054", true},
      {"sdfdsf", false},
      {"234-13", false},
      {"2016-12-13t2:00:00.593194+1", false},
      {"2016-12-13t2:00:00.1999999999+10:59", false},
      {"9223372036854775808", false},
      // The documented forms and the edges of the grammar.
      {"1500000000", true},
      {"-1", true},
      {"2020-02-29", true},
      {"2019-02-29", false},
      {"2020-366", true},
      {"2021-366", false},
      {"2020-W53-7", true},
      {"2021-W53", false},
      {"2020", true},
      {"T10:00Z", true},
      {"2020-01-01T24:00:00Z", false},
      {"2020-01-01T23:60", false},
      {"2020-01-01T10,5", true},
      {"2020-01-01T10:00:00.123456789Z", true},
      {"2020-01-01Tz", true},
      {"2020-01-01 10:00", false},
      {"", false},
      {"+", false},
  };
  for (const DateCase& c : cases) {
    EXPECT_EQ(IsPolicyDate(c.value), c.ok) << "\"" << c.value << "\"";
  }
}

}  // namespace
}  // namespace iamlite::policy
