// Injectable generation of AWS-style identifiers and secrets.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <string_view>

namespace iamlite {

// Prefixes AWS uses for unique ids (IAM User Guide, "Unique identifiers").
namespace id_prefix {
inline constexpr std::string_view kUser = "AIDA";
inline constexpr std::string_view kGroup = "AGPA";
inline constexpr std::string_view kRole = "AROA";
inline constexpr std::string_view kPolicy = "ANPA";
inline constexpr std::string_view kInstanceProfile = "AIPA";
inline constexpr std::string_view kAccessKey = "AKIA";
inline constexpr std::string_view kTemporaryKey = "ASIA";
}  // namespace id_prefix

class IdGenerator {
 public:
  virtual ~IdGenerator() = default;
  // prefix + `length` characters from [A-Z0-9]. Unique ids use length 17, key ids 16.
  virtual std::string UniqueId(std::string_view prefix, int length = 17) = 0;
  // A 40-character secret access key from [A-Za-z0-9+/].
  virtual std::string Secret() = 0;
  // A random (version 4) UUID, used as RequestId.
  virtual std::string Uuid() = 0;
};

// Cryptographically secure ids (the kernel's getrandom), safe to call from many threads.
class RandomIdGenerator final : public IdGenerator {
 public:
  std::string UniqueId(std::string_view prefix, int length = 17) override;
  std::string Secret() override;
  std::string Uuid() override;
};

// Reproducible ids for tests: a seeded PRNG. Thread-safe.
class SeededIdGenerator final : public IdGenerator {
 public:
  explicit SeededIdGenerator(std::uint64_t seed = 42) : rng_(seed) {}
  std::string UniqueId(std::string_view prefix, int length = 17) override;
  std::string Secret() override;
  std::string Uuid() override;

 private:
  std::string Draw(std::string_view alphabet, int n);
  std::mutex mu_;
  std::mt19937_64 rng_;
};

}  // namespace iamlite
