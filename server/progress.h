// Progress of a long command-line operation (importing a state file, loading fixtures), shown
// on standard error only when it is a terminal: one line rewritten in place per stage, then a
// last line with the time taken. Silent otherwise, so scripts and logs see no control
// characters.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace iamlite {

class Progress {
 public:
  explicit Progress(std::string what, bool enabled = isatty(STDERR_FILENO) == 1)
      : what_(std::move(what)), enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

  // "[iamlite] WHAT: STAGE..." in place of the previous stage.
  void Stage(const std::string& stage) {
    if (!enabled_) return;
    std::fprintf(stderr, "\r\033[K[iamlite] %s: %s...", what_.c_str(), stage.c_str());
    std::fflush(stderr);
  }

  // "[iamlite] WHAT: SUMMARY (N ms)" and a new line.
  void Done(const std::string& summary) {
    if (!enabled_) return;
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start_)
                  .count();
    std::fprintf(stderr, "\r\033[K[iamlite] %s: %s (%lld ms)\n", what_.c_str(), summary.c_str(),
                 static_cast<long long>(ms));
  }

  // Ends an unfinished line (before an error message).
  void Abandon() {
    if (enabled_) std::fputs("\n", stderr);
  }

 private:
  std::string what_;
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
};

// "12.3 MB", "4.1 kB", "17 bytes".
inline std::string HumanBytes(std::size_t n) {
  char buf[32];
  if (n >= 1000 * 1000)
    std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(n) / 1e6);
  else if (n >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f kB", static_cast<double>(n) / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%zu bytes", n);
  return buf;
}

}  // namespace iamlite
