#include "core/sigv4/amz_date.h"

#include <array>
#include <chrono>
#include <cstdio>

namespace iamlite::sigv4 {
namespace {

// The decimal value of text[pos, pos+len); -1 unless all are digits.
int Digits(std::string_view text, size_t pos, size_t len) {
  if (pos + len > text.size()) return -1;
  int v = 0;
  for (size_t i = pos; i < pos + len; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

std::optional<TimeMs> FromFields(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 ||
      minute > 59 || second < 0 || second > 59)
    return std::nullopt;
  year_month_day ymd{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                     std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok()) return std::nullopt;
  auto t = sys_days{ymd} + hours{hour} + minutes{minute} + seconds{second};
  return duration_cast<milliseconds>(t.time_since_epoch()).count();
}

}  // namespace

std::optional<TimeMs> ParseAmzDate(std::string_view text) {
  if (text.size() != 16 || text[8] != 'T' || text[15] != 'Z') return std::nullopt;
  return FromFields(Digits(text, 0, 4), Digits(text, 4, 2), Digits(text, 6, 2), Digits(text, 9, 2),
                    Digits(text, 11, 2), Digits(text, 13, 2));
}

std::optional<TimeMs> ParseHttpDate(std::string_view text) {
  // "Sun, 30 Aug 2015 12:36:00 GMT": fixed width, 29 characters.
  static constexpr std::array<std::string_view, 7> kDays = {"Mon", "Tue", "Wed", "Thu",
                                                            "Fri", "Sat", "Sun"};
  static constexpr std::array<std::string_view, 12> kMonths = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (text.size() != 29 || text.substr(3, 2) != ", " || text[7] != ' ' || text[11] != ' ' ||
      text[16] != ' ' || text[19] != ':' || text[22] != ':' || text.substr(25) != " GMT")
    return std::nullopt;
  bool day_ok = false;
  for (auto d : kDays) day_ok = day_ok || text.substr(0, 3) == d;
  int month = 0;
  for (size_t i = 0; i < kMonths.size(); ++i)
    if (text.substr(8, 3) == kMonths[i]) month = static_cast<int>(i) + 1;
  if (!day_ok || month == 0) return std::nullopt;
  return FromFields(Digits(text, 12, 4), month, Digits(text, 5, 2), Digits(text, 17, 2),
                    Digits(text, 20, 2), Digits(text, 23, 2));
}

std::string FormatAmzDate(TimeMs t) {
  std::string iso = FormatIso8601(t);  // "2015-08-30T12:36:00Z"
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;
}

}  // namespace iamlite::sigv4
