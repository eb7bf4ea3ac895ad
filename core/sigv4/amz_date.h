// The timestamps SigV4 reads and writes.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace iamlite::sigv4 {

// "20150830T123600Z" (ISO 8601 basic format, UTC, as X-Amz-Date carries it) to TimeMs;
// nullopt unless it is exactly that shape and a real calendar date and time.
std::optional<TimeMs> ParseAmzDate(std::string_view text);

// An HTTP date, "Sun, 30 Aug 2015 12:36:00 GMT" (RFC 7231 IMF-fixdate, what clients put in
// a Date header), to TimeMs; nullopt when it is not one.
std::optional<TimeMs> ParseHttpDate(std::string_view text);

// TimeMs to "20150830T123600Z" (milliseconds dropped).
std::string FormatAmzDate(TimeMs t);

}  // namespace iamlite::sigv4
