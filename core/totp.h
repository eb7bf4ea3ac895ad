// Time-based one-time passwords as virtual MFA devices use them (RFC 6238 over RFC 4226's HOTP):
// HMAC-SHA-1, 30-second steps from the Unix epoch, six digits; and the Base32 form (RFC 4648,
// upper case, no padding) in which AWS hands out a device's seed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace iamlite::totp {

inline constexpr int kStepSeconds = 30;
inline constexpr int kDigits = 6;

// RFC 4648 Base32 without padding, upper case.
std::string Base32Encode(std::string_view bytes);
// Accepts upper or lower case, ignores '=' padding; nullopt on any other character.
std::optional<std::string> Base32Decode(std::string_view text);

// The HOTP value for `counter` (RFC 4226 section 5.3), truncated to `digits` digits.
std::uint32_t Hotp(std::string_view secret, std::uint64_t counter, int digits = kDigits);
// The same, as the zero-padded string a device shows.
std::string HotpCode(std::string_view secret, std::uint64_t counter, int digits = kDigits);

// The time step holding `now` (milliseconds since the epoch).
std::int64_t StepAt(TimeMs now);

// The step offset d (from `step`, |d| <= window) for which `code1` is the code of step + d and
// `code2` the code of the next step, nearest to zero first; nullopt when there is none.
// EnableMFADevice uses a window of 1 step (AWS allows roughly one step of clock skew);
// ResyncMFADevice a wider one.
std::optional<std::int64_t> FindConsecutive(std::string_view secret, std::int64_t step,
                                            std::string_view code1, std::string_view code2,
                                            int window);

}  // namespace iamlite::totp
