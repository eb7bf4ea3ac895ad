#include "core/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>
#include <cstdlib>

namespace iamlite::totp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') continue;
    int v = Base32Value(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFF));
      bits -= 8;
    }
  }
  return out;
}

std::uint32_t Hotp(std::string_view secret, std::uint64_t counter, int digits) {
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_len = 0;
  HMAC(EVP_sha1(), secret.data(), static_cast<int>(secret.size()), message.data(), message.size(),
       mac.data(), &mac_len);
  // Dynamic truncation (RFC 4226 section 5.3).
  const size_t offset = mac[mac_len - 1] & 0x0F;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i) modulus *= 10;
  return binary % modulus;
}

std::string HotpCode(std::string_view secret, std::uint64_t counter, int digits) {
  std::string code = std::to_string(Hotp(secret, counter, digits));
  if (code.size() < static_cast<size_t>(digits))
    code.insert(0, static_cast<size_t>(digits) - code.size(), '0');
  return code;
}

std::int64_t StepAt(TimeMs now) {
  const std::int64_t seconds = static_cast<std::int64_t>(now) / 1000;
  return seconds / kStepSeconds;
}

std::optional<std::int64_t> FindConsecutive(std::string_view secret, std::int64_t step,
                                            std::string_view code1, std::string_view code2,
                                            int window) {
  for (int distance = 0; distance <= window; ++distance) {
    for (int sign : {1, -1}) {
      if (distance == 0 && sign < 0) continue;
      const std::int64_t d = sign * distance;
      const std::int64_t at = step + d;
      if (at < 0) continue;
      if (HotpCode(secret, static_cast<std::uint64_t>(at)) == code1 &&
          HotpCode(secret, static_cast<std::uint64_t>(at + 1)) == code2)
        return d;
    }
  }
  return std::nullopt;
}

}  // namespace iamlite::totp
