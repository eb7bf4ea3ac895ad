// Signing keys (signing.h DeriveSigningKey) kept between requests. A client signs request
// after request with one secret, day, region and service, and deriving the key is four
// HMACs: a sixth of an authenticated request's CPU. The derivation is a pure function, so a
// kept key always equals a fresh one. At most kMaxEntries are kept; when full, all are dropped.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iamlite::sigv4 {

class SigningKeyCache {
 public:
  static constexpr std::size_t kMaxEntries = 256;

  // DeriveSigningKey(secret, date, region, service), kept.
  std::string Get(std::string_view secret, std::string_view date, std::string_view region,
                  std::string_view service);

  std::size_t size() const;

 private:
  mutable std::mutex mu_;
  // Key: each part prefixed by its length, so that no two tuples share a key whatever bytes
  // the (imported) secret or the request's scope hold.
  std::unordered_map<std::string, std::string> keys_;
};

// The process's cache (ComputeSigningStages uses it).
SigningKeyCache& ProcessSigningKeys();

}  // namespace iamlite::sigv4
