// The per-request log line, kept off the request's critical path. Lines are appended to a
// memory buffer under a short lock; a background thread writes the buffer to the file every
// few milliseconds (or sooner when it grows large) in one write, so a request costs no
// system call for its log line. Synchronous mode writes each line at once (tests read the
// file right after a request). Lines never interleave: each Write appends a whole line.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

namespace iamlite {

class RequestLog {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{20};
  static constexpr std::size_t kFlushSize = 64 << 10;   // wake the writer early past this
  static constexpr std::size_t kMaxBuffered = 8 << 20;  // past this, lines are dropped (counted)

  RequestLog(std::FILE* file, bool async);
  ~RequestLog();  // writes what is buffered
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  void Write(std::string_view line);
  void Flush();  // writes what is buffered now (async mode) and flushes the FILE

 private:
  void Run();
  void WriteOut(const std::string& text);

  std::FILE* file_;
  const bool async_;
  std::mutex mu_;
  std::condition_variable wake_;
  std::string buffer_;       // guarded by mu_
  std::size_t dropped_ = 0;  // guarded by mu_
  bool stopping_ = false;    // guarded by mu_
  std::mutex write_mu_;      // orders the writer thread's writes with Flush()'s
  std::thread writer_;
};

// ---- implementation (small; kept in the header) ----

inline RequestLog::RequestLog(std::FILE* file, bool async) : file_(file), async_(async && file) {
  if (async_) {
    buffer_.reserve(kFlushSize);
    writer_ = std::thread([this] { Run(); });
  }
}

inline RequestLog::~RequestLog() {
  if (!async_) return;
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
}

inline void RequestLog::Write(std::string_view line) {
  if (!file_) return;
  if (!async_) {
    std::fwrite(line.data(), 1, line.size(), file_);  // one call: lines never interleave
    return;
  }
  bool wake = false;
  {
    std::lock_guard lock(mu_);
    if (buffer_.size() + line.size() > kMaxBuffered) {
      ++dropped_;  // the writer is stuck (a full pipe nobody reads): never block requests
      return;
    }
    const std::size_t before = buffer_.size();
    buffer_.append(line);
    // The writer sleeps while the buffer is empty: the first line starts its interval.
    wake = before == 0 || (before < kFlushSize && buffer_.size() >= kFlushSize);
  }
  if (wake) wake_.notify_one();
}

inline void RequestLog::Flush() {
  if (!file_) return;
  if (async_) {
    std::string text;
    std::size_t dropped;
    {
      std::lock_guard lock(mu_);
      text.swap(buffer_);
      dropped = dropped_;
      dropped_ = 0;
    }
    if (dropped) text += "iamlite: " + std::to_string(dropped) + " log lines dropped\n";
    WriteOut(text);
  } else {
    std::fflush(file_);
  }
}

inline void RequestLog::Run() {
  std::string text;
  text.reserve(kFlushSize);
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !buffer_.empty(); });
    // Let lines gather for an interval: one write for all the requests in it.
    wake_.wait_for(lock, kFlushInterval,
                   [this] { return stopping_ || buffer_.size() >= kFlushSize; });
    const bool last = stopping_;
    text.swap(buffer_);  // the requests keep appending to the (emptied) other buffer
    std::size_t dropped = dropped_;
    dropped_ = 0;
    lock.unlock();
    if (dropped) text += "iamlite: " + std::to_string(dropped) + " log lines dropped\n";
    WriteOut(text);
    text.clear();
    if (last) return;
    lock.lock();
  }
}

inline void RequestLog::WriteOut(const std::string& text) {
  std::lock_guard lock(write_mu_);
  if (!text.empty()) std::fwrite(text.data(), 1, text.size(), file_);
  std::fflush(file_);
}

}  // namespace iamlite
