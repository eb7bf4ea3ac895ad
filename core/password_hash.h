// Passwords at rest: a salted, deliberately slow hash (PBKDF2-HMAC-SHA256), never the
// password itself. The encoding carries its own parameters, so the iteration count can be
// raised later without invalidating stored hashes:
//
//   pbkdf2-sha256$<iterations>$<salt, base64>$<derived key, base64>
//
// Thread safety: both functions are pure apart from the CSPRNG salt and may be called from
// any thread. They are slow by design (see kPasswordHashIterations): never call them while
// holding the store's lock.
#pragma once

#include <string>
#include <string_view>

namespace iamlite {

// One hash costs about 40 ms on the development machine (measured by
// PasswordHashTest.DefaultCostIsMeasured); OWASP's 2023 guidance for PBKDF2-HMAC-SHA256 is
// 600,000, which would make each CreateLoginProfile cost a fifth of a second in an emulator.
inline constexpr int kPasswordHashIterations = 100'000;
inline constexpr size_t kPasswordSaltBytes = 16;

// Hashes `password` with a fresh random salt and `iterations` rounds (at least 1).
std::string HashPassword(std::string_view password, int iterations = kPasswordHashIterations);

// True when `password` matches `encoded` (compared in constant time). A malformed or
// unsupported encoding never matches.
bool VerifyPassword(std::string_view password, std::string_view encoded);

}  // namespace iamlite
