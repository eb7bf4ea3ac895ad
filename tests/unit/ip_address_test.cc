#include "core/policy/ip_address.h"

#include <gtest/gtest.h>

namespace iamlite::policy {
namespace {

bool In(const char* range, const char* address) {
  auto r = ParseIpRange(range);
  auto a = ParseIpRange(address);
  EXPECT_TRUE(r.has_value()) << range;
  EXPECT_TRUE(a.has_value()) << address;
  return r && a && InRange(*r, *a);
}

TEST(IpAddress, Ipv4Ranges) {
  EXPECT_TRUE(In("203.0.113.0/24", "203.0.113.1"));
  EXPECT_TRUE(In("203.0.113.0/24", "203.0.113.255"));
  EXPECT_FALSE(In("203.0.113.0/24", "198.51.100.1"));
  EXPECT_TRUE(In("203.0.113.77/24", "203.0.113.1"));  // host bits in the range are ignored
  EXPECT_TRUE(In("203.0.113.5", "203.0.113.5"));      // no prefix: /32
  EXPECT_FALSE(In("203.0.113.5", "203.0.113.6"));
  EXPECT_TRUE(In("0.0.0.0/0", "255.255.255.255"));
  EXPECT_TRUE(In("10.0.0.0/9", "10.127.0.1"));
  EXPECT_FALSE(In("10.0.0.0/9", "10.128.0.1"));
}

TEST(IpAddress, Ipv6Ranges) {
  EXPECT_TRUE(In("2001:DB8:1234:5678::/64", "2001:db8:1234:5678:abcd::1"));
  EXPECT_FALSE(In("2001:DB8:1234:5678::/64", "2001:db8:1234:5679::1"));
  EXPECT_TRUE(In("::1/128", "0:0:0:0:0:0:0:1"));
  EXPECT_TRUE(In("::/0", "ffff::1"));
  EXPECT_TRUE(In("2001:db8::/32", "2001:db8:ffff::"));
  EXPECT_TRUE(In("::ffff:192.0.2.0/120", "::ffff:192.0.2.44"));
  EXPECT_TRUE(In("fe80::/10", "febf::1"));
  EXPECT_FALSE(In("fe80::/10", "fec0::1"));
}

TEST(IpAddress, FamiliesNeverMix) {
  EXPECT_FALSE(In("::/0", "203.0.113.1"));
  EXPECT_FALSE(In("0.0.0.0/0", "::1"));
  EXPECT_FALSE(In("::ffff:0:0/96", "203.0.113.1"));
}

TEST(IpAddress, RefusesMalformedText) {
  for (const char* text :
       {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1", "-1.2.3.4",
        "1.2.3.4 ", " 1.2.3.4", "::1::", "1:2:3:4:5:6:7:8:9", "12345::", "::/129", "g::1",
        "1.2.3.4/24/1", "fe80::1%eth0"}) {
    EXPECT_FALSE(ParseIpRange(text).has_value()) << text;
  }
}

TEST(IpAddress, ReadsPrefixes) {
  EXPECT_EQ(ParseIpRange("203.0.113.0/24")->prefix, 24);
  EXPECT_EQ(ParseIpRange("203.0.113.0")->prefix, 32);
  EXPECT_EQ(ParseIpRange("2001:db8::")->prefix, 128);
  EXPECT_TRUE(ParseIpRange("2001:db8::")->v6);
  EXPECT_FALSE(ParseIpRange("203.0.113.0")->v6);
}

}  // namespace
}  // namespace iamlite::policy
