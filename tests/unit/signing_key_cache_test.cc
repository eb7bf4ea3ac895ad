#include "core/sigv4/signing_key_cache.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "core/sigv4/signing.h"

namespace iamlite::sigv4 {
namespace {

TEST(SigningKeyCache, KeptKeysEqualFreshDerivations) {
  SigningKeyCache cache;
  const std::string secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  for (int round = 0; round < 2; ++round) {  // the second round is served from the cache
    EXPECT_EQ(cache.Get(secret, "20150830", "us-east-1", "iam"),
              DeriveSigningKey(secret, "20150830", "us-east-1", "iam"));
    EXPECT_EQ(cache.Get(secret, "20150831", "us-east-1", "iam"),
              DeriveSigningKey(secret, "20150831", "us-east-1", "iam"));
    EXPECT_EQ(cache.Get(secret, "20150830", "eu-west-1", "sts"),
              DeriveSigningKey(secret, "20150830", "eu-west-1", "sts"));
  }
  EXPECT_EQ(cache.size(), 3u);
}

TEST(SigningKeyCache, TuplesThatConcatenateAlikeKeepTheirOwnKeys) {
  SigningKeyCache cache;
  // Joined without lengths these would share a key; an imported secret may hold any bytes.
  const std::vector<std::vector<std::string>> tuples = {
      {"ab", "c", "us-east-1", "iam"},       {"a", "bc", "us-east-1", "iam"},
      {"a1:b", "c", "us-east-1", "iam"},     {"a", "1:bc", "us-east-1", "iam"},
      {"s", "20240101", "us-east-1", "iam"}, {"s", "20240101", "us-east-1i", "am"}};
  for (int round = 0; round < 2; ++round)
    for (const auto& t : tuples)
      EXPECT_EQ(cache.Get(t[0], t[1], t[2], t[3]), DeriveSigningKey(t[0], t[1], t[2], t[3]))
          << t[0] << " " << t[1] << " " << t[2] << " " << t[3];
  EXPECT_EQ(cache.size(), tuples.size());
}

TEST(SigningKeyCache, StaysBoundedAndCorrectPastItsLimit) {
  SigningKeyCache cache;
  for (std::size_t i = 0; i < SigningKeyCache::kMaxEntries * 2 + 3; ++i) {
    std::string secret = "secret-" + std::to_string(i);
    ASSERT_EQ(cache.Get(secret, "20240101", "us-east-1", "iam"),
              DeriveSigningKey(secret, "20240101", "us-east-1", "iam"));
    ASSERT_LE(cache.size(), SigningKeyCache::kMaxEntries);
  }
  EXPECT_EQ(cache.Get("secret-0", "20240101", "us-east-1", "iam"),
            DeriveSigningKey("secret-0", "20240101", "us-east-1", "iam"));
}

TEST(SigningKeyCache, ConcurrentCallersGetTheirOwnKeys) {
  SigningKeyCache cache;
  std::vector<std::thread> threads;
  std::vector<int> wrong(8, 0);
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        std::string secret(1, 's');
        secret += std::to_string((t * 7 + i) % 300);
        if (cache.Get(secret, "20240101", "us-east-1", "iam") !=
            DeriveSigningKey(secret, "20240101", "us-east-1", "iam"))
          ++wrong[t];
      }
    });
  for (auto& th : threads) th.join();
  for (int t = 0; t < 8; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace iamlite::sigv4
