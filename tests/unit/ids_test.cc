#include "core/ids.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <random>
#include <regex>

namespace iamlite {
namespace {

// Version 4, RFC 4122 variant, lower-case hex in 8-4-4-4-12 groups.
const std::regex kUuidV4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");

TEST(IdsTest, RandomUuidsAreVersion4) {
  RandomIdGenerator ids;
  for (int i = 0; i < 200; ++i) {
    std::string id = ids.Uuid();
    EXPECT_TRUE(std::regex_match(id, kUuidV4)) << id;
  }
}

// The seeded generator draws its 16 bytes from mt19937_64 in order; the UUID is those bytes
// in hex, with the version and variant bits set (rendered here with printf as a reference).
TEST(IdsTest, SeededUuidIsItsBytesInHex) {
  SeededIdGenerator ids(7);
  std::mt19937_64 rng(7);
  for (int round = 0; round < 20; ++round) {
    std::array<unsigned char, 16> b{};
    for (auto& c : b) c = static_cast<unsigned char>(rng());
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    char want[37];
    std::snprintf(want, sizeof want,
                  "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0],
                  b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13],
                  b[14], b[15]);
    std::string got = ids.Uuid();
    EXPECT_EQ(got, want);
    EXPECT_TRUE(std::regex_match(got, kUuidV4)) << got;
  }
}

}  // namespace
}  // namespace iamlite
