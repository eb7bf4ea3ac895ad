#include "core/sigv4/signing_key_cache.h"

#include "core/sigv4/signing.h"

namespace iamlite::sigv4 {
namespace {

void Append(std::string& key, std::string_view part) {
  key += std::to_string(part.size());
  key += ':';
  key += part;
}

}  // namespace

std::string SigningKeyCache::Get(std::string_view secret, std::string_view date,
                                 std::string_view region, std::string_view service) {
  std::string key;
  key.reserve(secret.size() + date.size() + region.size() + service.size() + 16);
  for (std::string_view part : {secret, date, region, service}) Append(key, part);
  {
    std::lock_guard lock(mu_);
    if (auto it = keys_.find(key); it != keys_.end()) return it->second;
  }
  std::string derived = DeriveSigningKey(secret, date, region, service);
  std::lock_guard lock(mu_);
  if (keys_.size() >= kMaxEntries) keys_.clear();
  keys_.emplace(std::move(key), derived);
  return derived;
}

std::size_t SigningKeyCache::size() const {
  std::lock_guard lock(mu_);
  return keys_.size();
}

SigningKeyCache& ProcessSigningKeys() {
  static SigningKeyCache* const cache = new SigningKeyCache;  // never destroyed: used at exit
  return *cache;
}

}  // namespace iamlite::sigv4
