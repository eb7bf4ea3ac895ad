#include "core/password_hash.h"

#include <gtest/gtest.h>

#include <chrono>

#include "core/base64.h"

namespace iamlite {
namespace {

// Few rounds keep these tests fast; the iteration count travels in the encoding.
constexpr int kFast = 10;

TEST(PasswordHashTest, EncodingCarriesSchemeIterationsSaltAndKey) {
  std::string h = HashPassword("hunter2", kFast);
  ASSERT_TRUE(h.starts_with("pbkdf2-sha256$10$")) << h;
  auto rest = std::string_view(h).substr(std::string_view("pbkdf2-sha256$10$").size());
  auto dollar = rest.find('$');
  ASSERT_NE(dollar, std::string_view::npos);
  auto salt = Base64Decode(rest.substr(0, dollar));
  auto key = Base64Decode(rest.substr(dollar + 1));
  ASSERT_TRUE(salt && key);
  EXPECT_EQ(salt->size(), kPasswordSaltBytes);
  EXPECT_EQ(key->size(), 32u);
  EXPECT_EQ(h.find("hunter2"), std::string::npos);
}

TEST(PasswordHashTest, VerifiesOnlyTheSamePassword) {
  std::string h = HashPassword("Correct horse 1!", kFast);
  EXPECT_TRUE(VerifyPassword("Correct horse 1!", h));
  for (const char* wrong : {"correct horse 1!", "Correct horse 1", "", "Correct horse 1!!"})
    EXPECT_FALSE(VerifyPassword(wrong, h)) << wrong;
}

TEST(PasswordHashTest, SaltIsFreshEachTime) {
  std::string a = HashPassword("same", kFast), b = HashPassword("same", kFast);
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword("same", a));
  EXPECT_TRUE(VerifyPassword("same", b));
}

TEST(PasswordHashTest, KnownAnswerFromRfc7914) {
  // PBKDF2-HMAC-SHA256("passwd", "salt", c=1, dkLen=64), RFC 7914 section 11; verify with
  // the first 32 bytes of the derived key, as stored.
  const unsigned char dk[] = {0x55, 0xac, 0x04, 0x6e, 0x56, 0xe3, 0x08, 0x9f, 0xec, 0x16, 0x91,
                              0xc2, 0x25, 0x44, 0xb6, 0x05, 0xf9, 0x41, 0x85, 0x21, 0x6d, 0xde,
                              0x04, 0x65, 0xe6, 0x8b, 0x9d, 0x57, 0xc2, 0x0d, 0xac, 0xbc};
  std::string encoded = "pbkdf2-sha256$1$" + Base64Encode("salt") + "$" +
                        Base64Encode(std::string_view(reinterpret_cast<const char*>(dk), 32));
  EXPECT_TRUE(VerifyPassword("passwd", encoded));
  EXPECT_FALSE(VerifyPassword("passwe", encoded));
}

TEST(PasswordHashTest, MalformedEncodingsNeverMatch) {
  std::string good = HashPassword("pw", kFast);
  auto salt_and_key = good.substr(std::string("pbkdf2-sha256$10$").size());
  const std::string cases[] = {
      "",
      "pw",
      "pbkdf2-sha256",
      "pbkdf2-sha1$10$" + salt_and_key,
      "pbkdf2-sha256$0$" + salt_and_key,
      "pbkdf2-sha256$-5$" + salt_and_key,
      "pbkdf2-sha256$ten$" + salt_and_key,
      "pbkdf2-sha256$10x$" + salt_and_key,
      "pbkdf2-sha256$99999999999$" + salt_and_key,
      "pbkdf2-sha256$10$" + salt_and_key + "$extra",
      "pbkdf2-sha256$10$!!!!$" + salt_and_key.substr(salt_and_key.find('$') + 1),
      "pbkdf2-sha256$10$" + salt_and_key.substr(0, salt_and_key.find('$') + 1),
  };
  for (const auto& c : cases) EXPECT_FALSE(VerifyPassword("pw", c)) << c;
  EXPECT_TRUE(VerifyPassword("pw", good));
}

TEST(PasswordHashTest, NonAsciiAndLongPasswords) {
  std::string latin1 = "p\xc3\xa4ss\twort\xc3\xbf";
  std::string longest(128, 'x');
  for (const auto& pw : {latin1, longest}) {
    std::string h = HashPassword(pw, kFast);
    EXPECT_TRUE(VerifyPassword(pw, h));
    EXPECT_FALSE(VerifyPassword(pw.substr(1), h));
  }
}

// Reports the production cost of one hash (a number to read, not asserted: timing belongs
// to benchmarks, and this machine is shared).
TEST(PasswordHashTest, DefaultCostIsMeasured) {
  auto start = std::chrono::steady_clock::now();
  std::string h = HashPassword("Measure-me-1");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(h.starts_with("pbkdf2-sha256$100000$"));
  auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(took).count();
  RecordProperty("hash_ms", static_cast<int>(ms));
  std::printf("[          ] one PBKDF2-SHA256 hash at %d iterations: %lld ms\n",
              kPasswordHashIterations, static_cast<long long>(ms));
}

}  // namespace
}  // namespace iamlite
