#include "core/state/json_in.h"

#include <chrono>
#include <cstdio>

namespace iamlite::state {
namespace {

bool IsIdentifier(std::string_view key) {
  if (key.empty() || (key[0] >= '0' && key[0] <= '9')) return false;
  for (char c : key) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

// Reads exactly `n` digits at `pos`.
bool Digits(std::string_view s, std::size_t pos, int n, int& out) {
  if (pos + static_cast<std::size_t>(n) > s.size()) return false;
  out = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<std::size_t>(i)];
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return true;
}

}  // namespace

std::string AppendKey(std::string path, std::string_view key) {
  if (IsIdentifier(key)) {
    path += '.';
    path += key;
  } else {
    path += '[';
    path += nlohmann::json(std::string(key))
                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    path += ']';
  }
  return path;
}

std::string AppendIndex(std::string path, std::size_t index) {
  path += '[';
  path += std::to_string(index);
  path += ']';
  return path;
}

std::string FormatTime(TimeMs t) {
  using namespace std::chrono;
  sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(t)));
  year_month_day ymd(day);
  TimeMs in_day = t - duration_cast<milliseconds>(day.time_since_epoch()).count();
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()), static_cast<int>(in_day / 3'600'000),
                static_cast<int>(in_day / 60'000 % 60), static_cast<int>(in_day / 1000 % 60),
                static_cast<int>(in_day % 1000));
  return buf;
}

std::optional<TimeMs> ParseTime(std::string_view s) {
  int y, mo, d, h, mi, sec, ms = 0;
  if (!Digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !Digits(s, 5, 2, mo) || s[7] != '-' ||
      !Digits(s, 8, 2, d) || s[10] != 'T' || !Digits(s, 11, 2, h) || s[13] != ':' ||
      !Digits(s, 14, 2, mi) || s[16] != ':' || !Digits(s, 17, 2, sec))
    return std::nullopt;
  std::size_t pos = 19;
  if (s[pos] == '.') {
    if (!Digits(s, pos + 1, 3, ms)) return std::nullopt;
    pos += 4;
  }
  if (pos + 1 != s.size() || s[pos] != 'Z') return std::nullopt;
  using namespace std::chrono;
  year_month_day ymd{year(y), month(static_cast<unsigned>(mo)), day(static_cast<unsigned>(d))};
  if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  TimeMs days_ms = duration_cast<milliseconds>(sys_days(ymd).time_since_epoch()).count();
  return days_ms + ((h * 60 + mi) * 60 + sec) * TimeMs{1000} + ms;
}

}  // namespace iamlite::state
