#include "core/policy/date_value.h"

#include <charconv>
#include <limits>

namespace iamlite::policy {
namespace {

constexpr std::int64_t kNanosPerSecond = 1'000'000'000;

struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool AtEnd() const { return i == s.size(); }
  bool IsDigitAt(std::size_t k) const { return k < s.size() && s[k] >= '0' && s[k] <= '9'; }
  bool Take(char c) {  // letters without regard to case, as Joda reads its literals
    if (i >= s.size()) return false;
    char got = s[i];
    if (got >= 'a' && got <= 'z') got = static_cast<char>(got - 'a' + 'A');
    if (got != c) return false;
    ++i;
    return true;
  }
  // One to `max` digits.
  std::optional<std::int64_t> Digits(int max) {
    std::int64_t v = 0;
    int n = 0;
    while (n < max && IsDigitAt(i)) {
      v = v * 10 + (s[i] - '0');
      ++i;
      ++n;
    }
    if (n == 0) return std::nullopt;
    return v;
  }
  std::optional<std::int64_t> FixedDigits(int n) {
    for (int k = 0; k < n; ++k)
      if (!IsDigitAt(i + static_cast<std::size_t>(k))) return std::nullopt;
    return Digits(n);
  }
  std::optional<std::int64_t> Year() {
    Cursor c = *this;
    bool negative = false;
    if (c.i < c.s.size() && (c.s[c.i] == '-' || c.s[c.i] == '+')) {
      negative = c.s[c.i] == '-';
      ++c.i;
    }
    auto v = c.Digits(9);
    if (!v) return std::nullopt;
    *this = c;
    return negative ? -*v : *v;
  }
};

bool IsLeap(std::int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(std::int64_t y, std::int64_t m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t DaysFromCivil(std::int64_t y, std::int64_t m, std::int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = FloorDiv(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
std::int64_t Weekday(std::int64_t days) { return ((days % 7 + 7 + 3) % 7) + 1; }

int WeeksInYear(std::int64_t y) {
  const std::int64_t jan1 = Weekday(DaysFromCivil(y, 1, 1));
  return (jan1 == 4 || (jan1 == 3 && IsLeap(y))) ? 53 : 52;
}

// Joda-Time's ISO chronology bounds.
constexpr std::int64_t kMinYear = -292275054;
constexpr std::int64_t kMaxYear = 292278993;

bool InRange(std::int64_t v, std::int64_t lo, std::int64_t hi) { return v >= lo && v <= hi; }

// A date form's reading of the text: nullopt when the text does not have the form's shape;
// else whether its fields are in range, and then the day number. Joda chooses the form by
// shape first and checks ranges after: "234-13" is a calendar date with month 13 (refused),
// not the ordinal date 234-013.
struct FormRead {
  bool in_range = false;
  std::int64_t days = 0;
};
using DateForm = std::optional<FormRead> (*)(Cursor&);

// yyyy ['-' MM ['-' dd]]
std::optional<FormRead> CalendarDate(Cursor& c) {
  auto year = c.Year();
  if (!year) return std::nullopt;
  const bool year_ok = InRange(*year, kMinYear, kMaxYear);
  auto read = [&](std::int64_t month, std::int64_t day) {
    return FormRead{true, DaysFromCivil(*year, month, day)};
  };
  Cursor month_part = c;
  if (!month_part.Take('-')) return year_ok ? read(1, 1) : FormRead{};
  auto month = month_part.Digits(2);
  if (!month) return year_ok ? read(1, 1) : FormRead{};
  c = month_part;
  if (!year_ok || !InRange(*month, 1, 12)) return FormRead{};
  Cursor day_part = c;
  if (!day_part.Take('-')) return read(*month, 1);
  auto day = day_part.Digits(2);
  if (!day) return read(*month, 1);
  c = day_part;
  if (!InRange(*day, 1, DaysInMonth(*year, *month))) return FormRead{};
  return read(*month, *day);
}

// xxxx '-W' ww ['-' e]
std::optional<FormRead> WeekDate(Cursor& c) {
  auto year = c.Year();
  if (!year || !c.Take('-') || !c.Take('W')) return std::nullopt;
  auto week = c.Digits(2);
  if (!week) return std::nullopt;
  const bool ok = InRange(*year, kMinYear, kMaxYear) && InRange(*week, 1, WeeksInYear(*year));
  std::int64_t weekday = 1;
  Cursor day_part = c;
  if (day_part.Take('-')) {
    if (auto v = day_part.Digits(1)) {
      weekday = *v;
      c = day_part;
    }
  }
  if (!ok || !InRange(weekday, 1, 7)) return FormRead{};
  const std::int64_t jan4 = DaysFromCivil(*year, 1, 4);
  const std::int64_t week1_monday = jan4 - (Weekday(jan4) - 1);
  return FormRead{true, week1_monday + (*week - 1) * 7 + (weekday - 1)};
}

// yyyy '-' DDD
std::optional<FormRead> OrdinalDate(Cursor& c) {
  auto year = c.Year();
  if (!year || !c.Take('-')) return std::nullopt;
  auto day = c.Digits(3);
  if (!day) return std::nullopt;
  if (!InRange(*year, kMinYear, kMaxYear) || !InRange(*day, 1, IsLeap(*year) ? 366 : 365))
    return FormRead{};
  return FormRead{true, DaysFromCivil(*year, 1, 1) + *day - 1};
}

// The form that reads the most text wins (the first on a tie; one that reads to the end wins
// at once); then its fields must be in range.
std::optional<std::int64_t> DateElement(Cursor& c) {
  std::optional<FormRead> best;
  std::size_t best_end = 0;
  for (DateForm form : {CalendarDate, WeekDate, OrdinalDate}) {
    Cursor trial = c;
    auto read = form(trial);
    if (!read) continue;
    if (!best || trial.i > best_end) {
      best = read;
      best_end = trial.i;
      if (trial.AtEnd()) break;
    }
  }
  if (!best || !best->in_range) return std::nullopt;
  c.i = best_end;
  return best->days;
}

// An optional fraction ('.' or ','), in nanoseconds of a unit of `unit_nanos`.
std::int64_t Fraction(Cursor& c, std::int64_t unit_nanos) {
  Cursor f = c;
  if (!f.Take('.') && !f.Take(',')) return 0;
  if (!f.IsDigitAt(f.i)) return 0;
  // At most 9 digits: a tenth is left unread, and the value then refused.
  std::int64_t numerator = 0, denominator = 1;
  for (int n = 0; n < 9 && f.IsDigitAt(f.i); ++n, ++f.i) {
    numerator = numerator * 10 + (f.s[f.i] - '0');
    denominator *= 10;
  }
  c = f;
  // Every unit is a whole number of seconds and the denominator divides 1e9, so this is
  // exact and stays below one unit.
  return unit_nanos / denominator * numerator;
}

// hh[:mm[:ss]] with a fraction of the last field; nanoseconds since midnight.
std::optional<std::int64_t> TimeElement(Cursor& c) {
  auto hour = c.Digits(2);
  if (!hour || *hour > 23) return std::nullopt;
  std::int64_t total = *hour * 3600 * kNanosPerSecond;
  Cursor m = c;
  if (!m.Take(':') || !m.IsDigitAt(m.i)) return total + Fraction(c, 3600 * kNanosPerSecond);
  auto minute = m.Digits(2);
  c = m;
  if (*minute > 59) return std::nullopt;
  total += *minute * 60 * kNanosPerSecond;
  Cursor s = c;
  if (!s.Take(':') || !s.IsDigitAt(s.i)) return total + Fraction(c, 60 * kNanosPerSecond);
  auto second = s.Digits(2);
  c = s;
  if (*second > 59) return std::nullopt;
  total += *second * kNanosPerSecond;
  return total + Fraction(c, kNanosPerSecond);
}

// 'Z' or +hh[[:]mm[[:]ss[.SSS]]]: the offset in seconds east of UTC.
std::optional<std::int64_t> Offset(Cursor& c) {
  if (c.Take('Z')) return 0;
  if (c.AtEnd() || (c.s[c.i] != '+' && c.s[c.i] != '-')) return std::nullopt;
  const bool negative = c.s[c.i] == '-';
  ++c.i;
  auto hours = c.FixedDigits(2);
  if (!hours || *hours > 23) return std::nullopt;
  std::int64_t seconds = *hours * 3600;
  std::int64_t scale = 60;
  std::optional<bool> colons;  // the fields after the hours use ':' all or none
  for (int field = 0; field < 2; ++field) {
    Cursor next = c;
    const bool colon = next.Take(':');
    if (colons && *colons != colon) break;
    auto v = next.FixedDigits(2);
    if (!v) break;
    if (*v > 59) return std::nullopt;
    seconds += *v * scale;
    scale = 1;
    colons = colon;
    c = next;
  }
  Cursor millis = c;
  if ((millis.Take('.') || millis.Take(',')) && millis.FixedDigits(3)) c = millis;
  return negative ? -seconds : seconds;
}

std::optional<Instant> FromParts(std::int64_t days, std::int64_t time_nanos,
                                 std::int64_t offset_seconds) {
  const std::int64_t seconds = days * 86400 + time_nanos / kNanosPerSecond - offset_seconds;
  return Instant{seconds, static_cast<std::int32_t>(time_nanos % kNanosPerSecond)};
}

std::optional<Instant> ParseIso(std::string_view text) {
  Cursor c{text};
  std::int64_t days = 0, time = 0, offset = 0;
  if (c.Take('T')) {
    auto t = TimeElement(c);
    if (!t) return std::nullopt;
    time = *t;
  } else {
    auto d = DateElement(c);
    if (!d) return std::nullopt;
    days = *d;
    if (!c.Take('T')) return c.AtEnd() ? FromParts(days, 0, 0) : std::nullopt;
    if (c.IsDigitAt(c.i)) {
      auto t = TimeElement(c);
      if (!t) return std::nullopt;
      time = *t;
    }
  }
  if (!c.AtEnd()) {
    Cursor o = c;
    auto off = Offset(o);
    if (!off || !o.AtEnd()) return std::nullopt;
    offset = *off;
  }
  return FromParts(days, time, offset);
}

std::optional<Instant> ParseEpoch(std::string_view text) {
  if (text.size() > 1 && text.front() == '+' && text[1] != '-') text.remove_prefix(1);
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return Instant{v, 0};
}

}  // namespace

std::optional<Instant> ParseInstant(std::string_view text) {
  if (auto epoch = ParseEpoch(text)) return epoch;
  return ParseIso(text);
}

}  // namespace iamlite::policy
