// Injectable time. Core never reads the system clock directly, so tests are deterministic.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace iamlite {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimeMs Now() const override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

// A clock tests set and advance by hand. Thread-safe.
class FakeClock final : public Clock {
 public:
  explicit FakeClock(TimeMs start = 1'700'000'000'000) : now_(start) {}
  TimeMs Now() const override { return now_.load(); }
  void Advance(TimeMs ms) { now_ += ms; }
  void Set(TimeMs ms) { now_ = ms; }

 private:
  std::atomic<TimeMs> now_;
};

// ISO 8601 UTC as AWS writes it in XML: "2024-05-01T12:34:56Z".
std::string FormatIso8601(TimeMs t);

}  // namespace iamlite
