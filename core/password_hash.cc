#include "core/password_hash.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <array>
#include <charconv>
#include <cstdlib>
#include <optional>
#include <vector>

#include "core/base64.h"

namespace iamlite {
namespace {

constexpr std::string_view kScheme = "pbkdf2-sha256";
constexpr size_t kKeyBytes = 32;  // SHA-256's output size
// A stored hash is ours, but refuse absurd costs rather than spin on a corrupted record.
constexpr int kMaxIterations = 10'000'000;

std::optional<std::string> Derive(std::string_view password, std::string_view salt, int iterations,
                                  size_t length) {
  std::string key(length, '\0');
  int ok =
      PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()),
                        static_cast<int>(salt.size()), iterations, EVP_sha256(),
                        static_cast<int>(length), reinterpret_cast<unsigned char*>(key.data()));
  if (ok != 1) return std::nullopt;
  return key;
}

// Splits "a$b$c$d" into exactly four fields.
std::optional<std::array<std::string_view, 4>> Fields(std::string_view encoded) {
  std::array<std::string_view, 4> out;
  for (size_t i = 0; i < 4; ++i) {
    size_t end = i < 3 ? encoded.find('$') : encoded.size();
    if (end == std::string_view::npos) return std::nullopt;
    out[i] = encoded.substr(0, end);
    encoded.remove_prefix(i < 3 ? end + 1 : end);
  }
  if (out[3].find('$') != std::string_view::npos) return std::nullopt;
  return out;
}

}  // namespace

std::string HashPassword(std::string_view password, int iterations) {
  if (iterations < 1) iterations = 1;
  std::string salt(kPasswordSaltBytes, '\0');
  // RAND_bytes only fails when the OS entropy source is unusable; there is no safe way on.
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1)
    std::abort();
  auto key = Derive(password, salt, iterations, kKeyBytes);
  if (!key) std::abort();  // only on allocation failure inside OpenSSL
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + Base64Encode(salt) + "$" +
         Base64Encode(*key);
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  auto fields = Fields(encoded);
  if (!fields || (*fields)[0] != kScheme) return false;
  int iterations = 0;
  std::string_view count = (*fields)[1];
  auto [end, ec] = std::from_chars(count.data(), count.data() + count.size(), iterations);
  if (ec != std::errc() || end != count.data() + count.size() || iterations < 1 ||
      iterations > kMaxIterations)
    return false;
  auto salt = Base64Decode((*fields)[2]);
  auto expected = Base64Decode((*fields)[3]);
  if (!salt || !expected || expected->empty()) return false;
  auto actual = Derive(password, *salt, iterations, expected->size());
  return actual && CRYPTO_memcmp(actual->data(), expected->data(), expected->size()) == 0;
}

}  // namespace iamlite
