#include "core/policy/request_context.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace iamlite::policy {
namespace {

TEST(RequestContext, KeysIgnoreCaseAndReplace) {
  ContextKeys c;
  c.Set("aws:CurrentTime", ContextValue{ValueType::kDate, false, {"2024-01-01T00:00:00Z"}});
  c.Set("AWS:currenttime", ContextValue{ValueType::kDate, false, {"1700000000"}});
  ASSERT_EQ(c.entries().size(), 1u);
  const ContextEntry* e = c.Find("Aws:CurrentTime");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->value.values.front(), "1700000000");
  EXPECT_EQ(e->dates.front()->seconds, 1700000000);
  EXPECT_EQ(c.FindFolded("aws:currenttime"), e);
  EXPECT_EQ(c.FindFolded("aws:CurrentTime"), nullptr);  // FindFolded wants lower case
  c.Erase("AWS:CURRENTTIME");
  EXPECT_TRUE(c.empty());
}

TEST(RequestContext, ReadsValuesOnce) {
  ContextKeys c;
  c.Set("n", ContextValue{ValueType::kNumber, false, {"2.5"}});
  c.Set("ip", ContextValue{ValueType::kIp, false, {"2001:db8::1"}});
  c.Set("b", ContextValue{ValueType::kBinary, false, {std::string("\x00\x01", 2)}});
  c.Set("many", ContextValue{ValueType::kString, true, {"a", "b"}});
  c.Set("none", ContextValue{ValueType::kString, true, {}});
  EXPECT_EQ(*c.Find("n")->numbers.front(), 2.5);
  EXPECT_TRUE(c.Find("ip")->ips.front()->v6);
  EXPECT_FALSE(c.Find("b")->numbers.front().has_value());
  EXPECT_EQ(c.Find("many")->SingleValue(), std::nullopt);
  EXPECT_FALSE(c.Find("none")->present());
  c.Set("one", "x");
  EXPECT_EQ(c.Find("one")->SingleValue(), "x");
  EXPECT_EQ(c.Find("one")->value.type, ValueType::kString);
}

TEST(RequestContext, EntriesCopyWithTheirReadValuesAndReplaceInOrder) {
  ContextKeys from;
  from.Set("aws:EpochTime", ContextValue{ValueType::kNumber, false, {"1700000000"}});
  from.Set("aws:SourceIp", ContextValue{ValueType::kIp, false, {"10.0.0.0/8"}});
  ContextKeys to;
  to.Set("AWS:SOURCEIP", "192.0.2.1");
  to.Set("zz:last", "z");
  to.Set("aa:first", "a");
  for (const ContextEntry& e : from.entries()) to.Set(e);
  ASSERT_EQ(to.entries().size(), 4u);
  const ContextEntry* ip = to.Find("aws:sourceip");
  ASSERT_NE(ip, nullptr);
  EXPECT_EQ(ip->key, "aws:SourceIp");  // replaced by the copied entry, key as given there
  ASSERT_TRUE(ip->ips.front().has_value());
  EXPECT_EQ(ip->ips.front()->prefix, 8);
  EXPECT_EQ(to.Find("aws:epochtime")->dates.front()->seconds, 1700000000);
  std::vector<std::string> order;
  for (const ContextEntry& e : to.entries()) order.push_back(e.folded);
  EXPECT_EQ(order,
            (std::vector<std::string>{"aa:first", "aws:epochtime", "aws:sourceip", "zz:last"}));
}

TEST(RequestContext, Names) {
  for (ValueType t : {ValueType::kString, ValueType::kNumber, ValueType::kDate, ValueType::kBool,
                      ValueType::kIp, ValueType::kBinary, ValueType::kArn}) {
    EXPECT_EQ(ValueTypeFromName(ValueTypeName(t)), t);
  }
  for (PrincipalType t : {PrincipalType::kRoot, PrincipalType::kUser, PrincipalType::kAssumedRole,
                          PrincipalType::kFederatedUser, PrincipalType::kFederated,
                          PrincipalType::kService, PrincipalType::kAnonymous}) {
    EXPECT_EQ(PrincipalTypeFromName(PrincipalTypeName(t)), t);
  }
  EXPECT_EQ(ValueTypeFromName("String"), std::nullopt);
  EXPECT_EQ(ParseNumber("1e3"), 1000.0);
  EXPECT_EQ(ParseNumber("+7"), 7.0);
  EXPECT_EQ(ParseNumber("inf"), std::nullopt);
  EXPECT_EQ(ParseNumber("1 "), std::nullopt);
}

}  // namespace
}  // namespace iamlite::policy
