#include "core/policy/policy_date.h"

#include <charconv>
#include <cstdint>
#include <optional>

namespace iamlite::policy {
namespace {

constexpr std::int64_t kMinYear = -292275054;  // Joda-Time's ISO chronology bounds
constexpr std::int64_t kMaxYear = 292278993;

// A read position in the value; every Take* either consumes what it matched or nothing.
struct Cursor {
  std::string_view s;
  std::size_t i = 0;

  bool AtEnd() const { return i == s.size(); }
  bool Peek(char c) const { return i < s.size() && (s[i] == c); }
  bool IsDigitAt(std::size_t k) const { return k < s.size() && s[k] >= '0' && s[k] <= '9'; }

  // Matches `c`, ignoring case for letters (Joda's literals are case-insensitive).
  bool Take(char c) {
    if (i >= s.size()) return false;
    const char got = s[i];
    const char lower = (got >= 'A' && got <= 'Z') ? static_cast<char>(got - 'A' + 'a') : got;
    const char want = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != want) return false;
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

  // Exactly `n` digits.
  std::optional<std::int64_t> FixedDigits(int n) {
    for (int k = 0; k < n; ++k) {
      if (!IsDigitAt(i + static_cast<std::size_t>(k))) return std::nullopt;
    }
    return Digits(n);
  }

  // An optionally signed year of one to nine digits.
  std::optional<std::int64_t> Year() {
    Cursor c = *this;
    bool negative = false;
    if (c.Peek('-') || c.Peek('+')) {
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

std::int64_t FloorMod(std::int64_t a, std::int64_t b) { return ((a % b) + b) % b; }
std::int64_t FloorDiv(std::int64_t a, std::int64_t b) { return (a - FloorMod(a, b)) / b; }

// ISO week-numbering years have 53 weeks when they start on a Thursday, or on a Wednesday
// in a leap year; p() is the weekday of 31 December.
int WeeksInYear(std::int64_t y) {
  auto p = [](std::int64_t x) {
    return FloorMod(x + FloorDiv(x, 4) - FloorDiv(x, 100) + FloorDiv(x, 400), 7);
  };
  return (p(y) == 4 || p(y - 1) == 3) ? 53 : 52;
}

bool InRange(std::int64_t v, std::int64_t lo, std::int64_t hi) { return v >= lo && v <= hi; }

// The date forms below answer nullopt when the text does not have their shape, else
// whether the fields they read are in range (Joda checks ranges after choosing a form).
using FormResult = std::optional<bool>;

// yyyy ['-' MM ['-' dd]]
FormResult StdDate(Cursor& c) {
  auto year = c.Year();
  if (!year) return std::nullopt;
  const bool year_ok = InRange(*year, kMinYear, kMaxYear);
  Cursor month_part = c;
  if (!month_part.Take('-')) return year_ok;
  auto month = month_part.Digits(2);
  if (!month) return year_ok;
  c = month_part;
  if (!year_ok || !InRange(*month, 1, 12)) return false;
  Cursor day_part = c;
  if (!day_part.Take('-')) return true;
  auto day = day_part.Digits(2);
  if (!day) return true;
  c = day_part;
  return InRange(*day, 1, DaysInMonth(*year, *month));
}

// xxxx '-W' ww ['-' e]
FormResult WeekDate(Cursor& c) {
  auto year = c.Year();
  if (!year || !c.Take('-') || !c.Take('W')) return std::nullopt;
  auto week = c.Digits(2);
  if (!week) return std::nullopt;
  const bool ok = InRange(*year, kMinYear, kMaxYear) && InRange(*week, 1, WeeksInYear(*year));
  Cursor day_part = c;
  if (!day_part.Take('-')) return ok;
  auto day = day_part.Digits(1);
  if (!day) return ok;
  c = day_part;
  return ok && InRange(*day, 1, 7);
}

// yyyy '-' DDD
FormResult OrdinalDate(Cursor& c) {
  auto year = c.Year();
  if (!year || !c.Take('-')) return std::nullopt;
  auto day = c.Digits(3);
  if (!day) return std::nullopt;
  return InRange(*year, kMinYear, kMaxYear) && InRange(*day, 1, IsLeap(*year) ? 366 : 365);
}

// Joda tries the three date forms and keeps the one that read the most text (the first on
// a tie); a form that reads to the end wins at once. The winner's fields must be in range.
bool DateElement(Cursor& c) {
  std::optional<Cursor> best;
  bool best_ok = false;
  for (FormResult (*form)(Cursor&) : {StdDate, WeekDate, OrdinalDate}) {
    Cursor trial = c;
    const FormResult result = form(trial);
    if (!result) continue;
    if (!best || trial.i > best->i) {
      best = trial;
      best_ok = *result;
      if (trial.AtEnd()) break;
    }
  }
  if (!best) return false;
  c = *best;
  return best_ok;
}

bool Fraction(Cursor& c, int max_digits) {
  Cursor f = c;
  if (!f.Take('.') && !f.Take(',')) return true;
  if (!f.Digits(max_digits)) return true;
  c = f;
  return true;
}

// HH [':' mm [':' ss [fraction]] | fraction] | fraction (fractions of the smallest field).
bool TimeElement(Cursor& c) {
  auto hour = c.Digits(2);
  if (!hour || !InRange(*hour, 0, 23)) return false;
  Cursor m = c;
  if (!m.Take(':')) return Fraction(c, 9);
  auto minute = m.Digits(2);
  if (!minute) return Fraction(c, 9);
  c = m;
  if (!InRange(*minute, 0, 59)) return false;
  Cursor s = c;
  if (!s.Take(':')) return Fraction(c, 9);
  auto second = s.Digits(2);
  if (!second) return Fraction(c, 9);
  c = s;
  if (!InRange(*second, 0, 59)) return false;
  return Fraction(c, 9);
}

// 'Z' | ('+' | '-') HH [[':'] mm [[':'] ss [('.' | ',') SSS]]]; hours take two digits.
bool Offset(Cursor& c) {
  if (c.Take('Z')) return true;
  if (!c.Take('+') && !c.Take('-')) return false;
  auto hours = c.FixedDigits(2);
  if (!hours || !InRange(*hours, 0, 23)) return false;
  std::optional<bool> colons;
  for (int field = 0; field < 2; ++field) {
    Cursor next = c;
    const bool colon = next.Take(':');
    if (colons && *colons != colon) return true;
    auto v = next.FixedDigits(2);
    if (!v) return true;
    if (!InRange(*v, 0, 59)) return false;
    colons = colon;
    c = next;
  }
  Cursor millis = c;
  if ((millis.Take('.') || millis.Take(',')) && millis.FixedDigits(3)) c = millis;
  return true;
}

// Optional offset: consumed only when it parses.
bool OptionalOffset(Cursor& c) {
  Cursor o = c;
  if (Offset(o)) c = o;
  return true;
}

bool IsIsoDateTime(std::string_view value) {
  Cursor c{value};
  if (c.Take('T')) {
    if (!TimeElement(c)) return false;
  } else {
    if (!DateElement(c)) return false;
    if (c.Take('T')) {
      Cursor t = c;
      if (t.IsDigitAt(t.i)) {
        if (!TimeElement(t)) return false;
        c = t;
      }
    } else {
      return c.AtEnd();
    }
  }
  OptionalOffset(c);
  return c.AtEnd();
}

// Java's Long.parseLong: an optional sign, then digits, within 64 bits.
bool IsEpoch(std::string_view value) {
  if (value.size() > 1 && value.front() == '+' && value[1] != '-') value.remove_prefix(1);
  std::int64_t v = 0;
  const char* end = value.data() + value.size();
  auto [ptr, ec] = std::from_chars(value.data(), end, v);
  return ec == std::errc() && ptr == end && !value.empty();
}

}  // namespace

bool IsPolicyDate(std::string_view value) { return IsEpoch(value) || IsIsoDateTime(value); }

}  // namespace iamlite::policy
