#include "core/policy/conditions.h"

#include <gtest/gtest.h>

#include <set>

#include "core/base64.h"

namespace iamlite::policy {
namespace {

constexpr const char* kAllBaseOperators[] = {"StringEquals",
                                             "StringNotEquals",
                                             "StringEqualsIgnoreCase",
                                             "StringNotEqualsIgnoreCase",
                                             "StringLike",
                                             "StringNotLike",
                                             "NumericEquals",
                                             "NumericNotEquals",
                                             "NumericLessThan",
                                             "NumericLessThanEquals",
                                             "NumericGreaterThan",
                                             "NumericGreaterThanEquals",
                                             "DateEquals",
                                             "DateNotEquals",
                                             "DateLessThan",
                                             "DateLessThanEquals",
                                             "DateGreaterThan",
                                             "DateGreaterThanEquals",
                                             "Bool",
                                             "BinaryEquals",
                                             "IpAddress",
                                             "NotIpAddress",
                                             "ArnEquals",
                                             "ArnLike",
                                             "ArnNotEquals",
                                             "ArnNotLike",
                                             "Null"};

TEST(Conditions, OneTableRowPerOperatorTheParserKnows) {
  std::set<std::string_view> rows;
  for (const OperatorSpec& s : OperatorTable()) rows.insert(s.name);
  EXPECT_EQ(rows.size(), std::size(kAllBaseOperators));
  for (const char* name : kAllBaseOperators) {
    EXPECT_NE(FindOperator(name), nullptr) << name;
    EXPECT_TRUE(ParseConditionOperator(name).has_value()) << name;
  }
  EXPECT_EQ(FindOperator("StringLikeIfExists"), nullptr);
  EXPECT_EQ(FindOperator("stringequals"), nullptr);
}

// Every negated row wraps a positive row of the same family and comparison.
TEST(Conditions, NegatedOperatorsWrapAPositiveOne) {
  const std::pair<const char*, const char*> pairs[] = {
      {"StringNotEquals", "StringEquals"}, {"StringNotEqualsIgnoreCase", "StringEqualsIgnoreCase"},
      {"StringNotLike", "StringLike"},     {"NumericNotEquals", "NumericEquals"},
      {"DateNotEquals", "DateEquals"},     {"NotIpAddress", "IpAddress"},
      {"ArnNotEquals", "ArnEquals"},       {"ArnNotLike", "ArnLike"}};
  for (const auto& [negated, positive] : pairs) {
    const OperatorSpec* n = FindOperator(negated);
    const OperatorSpec* p = FindOperator(positive);
    EXPECT_TRUE(n->negated) << negated;
    EXPECT_FALSE(p->negated) << positive;
    EXPECT_EQ(n->family, p->family) << negated;
    EXPECT_EQ(n->comparison, p->comparison) << negated;
  }
}

bool Holds(const char* op, const char* key, std::vector<std::string> values,
           const ContextKeys& context) {
  return CompiledCondition(Condition{op, key, std::move(values)}, true).Evaluate(context).passed;
}

ContextKeys One(const char* key, ValueType type, std::string value) {
  ContextKeys c;
  c.Set(key, ContextValue{type, false, {std::move(value)}});
  return c;
}

struct Row {
  const char* op;
  std::vector<std::string> policy;
  ValueType type;
  const char* value;
  bool holds;
};

TEST(Conditions, EveryOperatorAgainstAPresentValue) {
  const std::string bytes = *Base64Decode("QmluYXJ5VmFsdWVJbkJhc2U2NA==");
  const Row rows[] = {
      {"StringEquals", {"a", "b"}, ValueType::kString, "b", true},
      {"StringEquals", {"a"}, ValueType::kString, "A", false},
      {"StringNotEquals", {"a"}, ValueType::kString, "b", true},
      {"StringNotEquals", {"a", "b"}, ValueType::kString, "b", false},
      {"StringEqualsIgnoreCase", {"abc"}, ValueType::kString, "ABC", true},
      {"StringNotEqualsIgnoreCase", {"abc"}, ValueType::kString, "ABC", false},
      {"StringLike", {"a*c"}, ValueType::kString, "abbbc", true},
      {"StringLike", {"a?c"}, ValueType::kString, "abbc", false},
      {"StringNotLike", {"a*"}, ValueType::kString, "ba", true},
      {"NumericEquals", {"10"}, ValueType::kNumber, "10.0", true},
      {"NumericNotEquals", {"10"}, ValueType::kNumber, "10", false},
      {"NumericLessThan", {"10"}, ValueType::kNumber, "9.99", true},
      {"NumericLessThanEquals", {"10"}, ValueType::kNumber, "10", true},
      {"NumericGreaterThan", {"10"}, ValueType::kNumber, "10", false},
      {"NumericGreaterThanEquals", {"10"}, ValueType::kNumber, "1e2", true},
      {"NumericEquals", {"ten"}, ValueType::kNumber, "10", false},
      {"DateEquals", {"2023-11-14T22:13:20Z"}, ValueType::kDate, "1700000000", true},
      {"DateNotEquals", {"1700000000"}, ValueType::kDate, "2023-11-14T22:13:20Z", false},
      {"DateLessThan", {"2024-01-01"}, ValueType::kDate, "2023-12-31T23:59:59Z", true},
      {"DateLessThanEquals", {"2024-01-01"}, ValueType::kDate, "2024-01-01T00:00:00Z", true},
      {"DateGreaterThan", {"2024-01-01"}, ValueType::kDate, "2024-01-01T00:00:00Z", false},
      {"DateGreaterThanEquals",
       {"2024-01-01T00:00:00+01:00"},
       ValueType::kDate,
       "2023-12-31T23:00:00Z",
       true},
      {"Bool", {"true"}, ValueType::kBool, "true", true},
      {"Bool", {"true"}, ValueType::kBool, "false", false},
      {"Bool", {"false"}, ValueType::kBool, "FALSE", true},
      {"BinaryEquals", {"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, ValueType::kBinary, bytes.c_str(), true},
      {"BinaryEquals", {"QmluYXJ5VmFsdWVJbkJhc2U2NA=="}, ValueType::kBinary, "other", false},
      {"BinaryEquals", {"not base64!"}, ValueType::kBinary, "not base64!", false},
      {"IpAddress", {"10.0.0.0/8"}, ValueType::kIp, "10.1.2.3", true},
      {"IpAddress", {"10.0.0.0/8"}, ValueType::kIp, "not an ip", false},
      {"NotIpAddress", {"10.0.0.0/8"}, ValueType::kIp, "11.1.2.3", true},
      {"NotIpAddress", {"10.0.0.0/8"}, ValueType::kIp, "10.1.2.3", false},
      {"ArnEquals",
       {"arn:aws:sns:*:123456789012:t"},
       ValueType::kArn,
       "arn:aws:sns:us-east-1:123456789012:t",
       true},
      {"ArnLike",
       {"arn:aws:sns:*:123456789012:t"},
       ValueType::kArn,
       "arn:aws:sns:us-east-1:999999999999:t",
       false},
      {"ArnNotEquals",
       {"arn:aws:sns:*:123456789012:t"},
       ValueType::kArn,
       "arn:aws:sns:us-east-1:999999999999:t",
       true},
      {"ArnNotLike",
       {"arn:aws:sns:*:*:*"},
       ValueType::kArn,
       "arn:aws:sns:us-east-1:999999999999:t",
       false},
      {"Null", {"false"}, ValueType::kString, "x", true},
      {"Null", {"true"}, ValueType::kString, "x", false},
  };
  for (const Row& r : rows) {
    EXPECT_EQ(Holds(r.op, "k", r.policy, One("k", r.type, r.value)), r.holds)
        << r.op << " " << r.value;
  }
}

TEST(Conditions, MissingKeyFailsPositiveAndPassesNegatedOperators) {
  const ContextKeys none;
  for (const OperatorSpec& s : OperatorTable()) {
    if (s.family == OperatorFamily::kNull) continue;
    const std::vector<std::string> value = {s.family == OperatorFamily::kIp ? "10.0.0.0/8" : "1"};
    EXPECT_EQ(Holds(std::string(s.name).c_str(), "k", value, none), s.negated) << s.name;
    // ...IfExists: a missing key makes every operator hold.
    EXPECT_TRUE(Holds((std::string(s.name) + "IfExists").c_str(), "k", value, none)) << s.name;
  }
  EXPECT_TRUE(Holds("Null", "k", {"true"}, none));
  EXPECT_FALSE(Holds("Null", "k", {"false"}, none));
  EXPECT_TRUE(Holds("Null", "k", {"true", "false"}, none));  // values OR-ed
}

TEST(Conditions, KeysCompareWithoutCase) {
  EXPECT_TRUE(Holds("StringEquals", "AWS:PrincipalTag/Team", {"blue"},
                    One("aws:principaltag/team", ValueType::kString, "blue")));
}

ContextKeys Many(std::vector<std::string> values) {
  ContextKeys c;
  c.Set("k", ContextValue{ValueType::kString, true, std::move(values)});
  return c;
}

TEST(Conditions, SetOperators) {
  EXPECT_TRUE(Holds("ForAllValues:StringEquals", "k", {"a", "b"}, Many({"a", "b"})));
  EXPECT_FALSE(Holds("ForAllValues:StringEquals", "k", {"a", "b"}, Many({"a", "c"})));
  EXPECT_TRUE(Holds("ForAllValues:StringEquals", "k", {"a"}, Many({})));
  EXPECT_TRUE(Holds("ForAllValues:StringEquals", "k", {"a"}, ContextKeys{}));
  EXPECT_TRUE(Holds("ForAnyValue:StringEquals", "k", {"a"}, Many({"c", "a"})));
  EXPECT_FALSE(Holds("ForAnyValue:StringEquals", "k", {"a"}, Many({"c"})));
  EXPECT_FALSE(Holds("ForAnyValue:StringEquals", "k", {"a"}, Many({})));
  EXPECT_FALSE(Holds("ForAnyValue:StringEquals", "k", {"a"}, ContextKeys{}));
  // Negation applies to each request value.
  EXPECT_TRUE(Holds("ForAllValues:StringNotEquals", "k", {"a"}, Many({"b", "c"})));
  EXPECT_FALSE(Holds("ForAllValues:StringNotEquals", "k", {"a"}, Many({"b", "a"})));
  EXPECT_TRUE(Holds("ForAnyValue:StringNotEquals", "k", {"a"}, Many({"a", "b"})));
  EXPECT_FALSE(Holds("ForAnyValue:StringNotEquals", "k", {"a"}, Many({"a"})));
  EXPECT_FALSE(Holds("ForAnyValue:StringNotEquals", "k", {"a"}, ContextKeys{}));
  EXPECT_TRUE(Holds("ForAllValues:StringNotLike", "k", {"a*"}, ContextKeys{}));
  EXPECT_TRUE(Holds("ForAnyValue:StringEqualsIfExists", "k", {"a"}, ContextKeys{}));
  EXPECT_TRUE(Holds("ForAllValues:NumericLessThan", "k", {"10"}, Many({"1", "9"})));
  EXPECT_FALSE(Holds("ForAllValues:NumericLessThan", "k", {"10"}, Many({"1", "19"})));
  EXPECT_TRUE(Holds("ForAnyValue:ArnLike", "k", {"arn:aws:s3:::b/*"},
                    Many({"arn:aws:s3:::x", "arn:aws:s3:::b/k"})));
}

TEST(Conditions, VariablesOnlyInStringArnAndBoolValues) {
  ContextKeys c;
  c.Set("aws:username", "alice");
  c.Set("s", "alice");
  c.Set("n", ContextValue{ValueType::kNumber, false, {"5"}});
  c.Set("aws:PrincipalTag/limit", "5");
  EXPECT_TRUE(Holds("StringEquals", "s", {"${aws:username}"}, c));
  EXPECT_TRUE(Holds("StringNotEquals", "s", {"${aws:userid}"}, c));  // no value: negation holds
  EXPECT_FALSE(Holds("StringEquals", "s", {"${aws:userid}"}, c));
  EXPECT_FALSE(Holds("NumericEquals", "n", {"${aws:PrincipalTag/limit}"}, c));
  // In 2008-10-17 policies the text is literal.
  EXPECT_FALSE(CompiledCondition(Condition{"StringEquals", "s", {"${aws:username}"}}, false)
                   .Evaluate(c)
                   .passed);
}

TEST(Conditions, ReportsMissingKeysAndUnresolvedVariables) {
  ContextKeys c;
  c.Set("s", "x");
  std::vector<std::string_view> unresolved;
  const CompiledCondition cond(
      Condition{"StringEquals", "s", {"${aws:userid}", "${aws:PrincipalTag/t}"}}, true);
  EXPECT_FALSE(cond.Evaluate(c, &unresolved).passed);
  EXPECT_EQ(unresolved, (std::vector<std::string_view>{"aws:userid", "aws:PrincipalTag/t"}));
  const auto missing =
      CompiledCondition(Condition{"StringEquals", "absent", {"x"}}, true).Evaluate(c);
  EXPECT_TRUE(missing.key_missing);
  EXPECT_FALSE(missing.passed);
}

}  // namespace
}  // namespace iamlite::policy
