#include "server/form.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

TEST(FormTest, DecodesPairs) {
  Params p;
  ASSERT_TRUE(ParseForm("Action=CreateUser&UserName=a%2Bb+c&Empty=&Flag&&Path=%2Fx%2F", p));
  EXPECT_EQ(p.at("Action"), "CreateUser");
  EXPECT_EQ(p.at("UserName"), "a+b c");
  EXPECT_EQ(p.at("Empty"), "");
  EXPECT_EQ(p.at("Flag"), "");
  EXPECT_EQ(p.at("Path"), "/x/");
  EXPECT_EQ(p.size(), 5u);
}

TEST(FormTest, EmptyBody) {
  Params p;
  EXPECT_TRUE(ParseForm("", p));
  EXPECT_TRUE(p.empty());
}

TEST(FormTest, RejectsMalformedInput) {
  for (const char* bad : {"a=%", "a=%4", "a=%zz", "a=%ff", "a=%c0%af", "a=%ed%a0%80",
                          "a=%f4%90%80%80", "a=1&a=2", "=x", "%e2%82=1"}) {
    Params p;
    auto r = ParseForm(bad, p);
    ASSERT_FALSE(r.has_value()) << bad;
    EXPECT_EQ(r.error().code, "MalformedQueryString") << bad;
    EXPECT_EQ(r.error().http_status, 400);
  }
}

TEST(FormTest, Utf8) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc3"));
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));
  EXPECT_FALSE(IsValidUtf8("\x80"));
  EXPECT_FALSE(IsValidUtf8("\xf8\x88\x80\x80\x80"));
  EXPECT_FALSE(IsValidUtf8("\xe0\x80\xaf"));  // overlong
}

}  // namespace
}  // namespace iamlite
