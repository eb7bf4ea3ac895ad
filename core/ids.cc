#include "core/ids.h"

#include <sys/random.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <stdexcept>

namespace iamlite {
namespace {

constexpr std::string_view kUpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
constexpr std::string_view kSecretChars =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void FillFromKernel(unsigned char* out, size_t n) {
  while (n > 0) {
    ssize_t got = getrandom(out, n, 0);
    if (got < 0) continue;  // EINTR: try again
    out += got;
    n -= static_cast<size_t>(got);
  }
}

// Kernel randomness drawn 512 bytes at a time per thread: a request id costs no system call.
void FillRandom(unsigned char* out, size_t n) {
  thread_local std::array<unsigned char, 512> pool{};
  thread_local size_t avail = 0;
  while (n > 0) {
    if (avail == 0) {
      FillFromKernel(pool.data(), pool.size());
      avail = pool.size();
    }
    size_t take = std::min(n, avail);
    unsigned char* from = pool.data() + (pool.size() - avail);
    std::memcpy(out, from, take);
    std::memset(from, 0, take);  // bytes handed out are not kept
    avail -= take;
    out += take;
    n -= take;
  }
}

// Draws n characters uniformly from alphabet by rejection sampling on random bytes.
std::string RandomFrom(std::string_view alphabet, int n) {
  std::string s;
  s.reserve(static_cast<size_t>(n));
  const unsigned limit = 256 - (256 % alphabet.size());
  std::array<unsigned char, 64> buf{};
  while (static_cast<int>(s.size()) < n) {
    FillRandom(buf.data(), buf.size());
    for (unsigned char b : buf) {
      if (b >= limit) continue;
      s.push_back(alphabet[b % alphabet.size()]);
      if (static_cast<int>(s.size()) == n) break;
    }
  }
  return s;
}

// 8-4-4-4-12 lower-case hex digits. By hand: snprintf's sixteen "%02x" conversions were 3% of
// the instructions of a small request (every request id is a UUID).
std::string FormatUuid(const std::array<unsigned char, 16>& b) {
  constexpr std::string_view kHex = "0123456789abcdef";
  std::string out(36, '-');
  std::size_t at = 0;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) ++at;  // skip the dash
    out[at++] = kHex[b[i] >> 4];
    out[at++] = kHex[b[i] & 0x0f];
  }
  return out;
}

}  // namespace

std::string RandomIdGenerator::UniqueId(std::string_view prefix, int length) {
  return std::string(prefix) + RandomFrom(kUpperAlnum, length);
}

std::string RandomIdGenerator::Secret() { return RandomFrom(kSecretChars, 40); }

std::string RandomIdGenerator::Uuid() {
  std::array<unsigned char, 16> b{};
  FillRandom(b.data(), b.size());
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return FormatUuid(b);
}

std::string SeededIdGenerator::Draw(std::string_view alphabet, int n) {
  std::lock_guard lock(mu_);
  std::string s;
  for (int i = 0; i < n; ++i) s.push_back(alphabet[rng_() % alphabet.size()]);
  return s;
}

std::string SeededIdGenerator::UniqueId(std::string_view prefix, int length) {
  return std::string(prefix) + Draw(kUpperAlnum, length);
}

std::string SeededIdGenerator::Secret() { return Draw(kSecretChars, 40); }

std::string SeededIdGenerator::Uuid() {
  std::array<unsigned char, 16> b{};
  {
    std::lock_guard lock(mu_);
    for (auto& c : b) c = static_cast<unsigned char>(rng_());
  }
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
  return FormatUuid(b);
}

}  // namespace iamlite
