// Encoded answers of the whole-account listings (ListUsers, GetAccountAuthorizationDetails,
// ...), reused while the account they describe has not changed.
//
// Each entry remembers the account's generation (AccountState::generation, bumped by every
// applied change, reset, import) when it was encoded; a lookup at any other generation misses,
// so an answer is never older than the state a fresh encoding would have read. Only the
// operations in Cacheable() are kept: their output is a function of the account's state and
// the decoded input alone (no clock, no caller beyond its account, no runtime data).
//
// The request id differs per answer: an entry keeps the body split around it and splices the
// new one in. Bounded by entry count and bytes; the oldest entry goes first.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace iamlite {

class ResponseCache {
 public:
  struct Limits {
    std::size_t max_entries = 64;
    std::size_t max_bytes = 32u << 20;       // all bodies together
    std::size_t max_entry_bytes = 8u << 20;  // a larger body is not kept
  };
  ResponseCache() : ResponseCache(Limits{}) {}
  explicit ResponseCache(Limits limits) : limits_(limits) {}

  // True for the IAM operations whose answers may be kept.
  static bool Cacheable(std::string_view action);

  // The body kept for `key` at `generation`, with `request_id` in place of the one it was
  // encoded with; nullopt when there is none (an entry of another generation is dropped).
  std::optional<std::string> Find(const std::string& key, std::uint64_t generation,
                                  std::string_view request_id);

  // Keeps `body`, encoded at `generation` with `request_id` (its last occurrence in `body` is
  // the one replaced on a hit). Ignored when `request_id` is not in `body` or `body` is over
  // the entry limit.
  void Put(const std::string& key, std::uint64_t generation, std::string_view body,
           std::string_view request_id);

  std::size_t size() const;
  std::size_t bytes() const;

 private:
  struct Entry {
    std::uint64_t generation;
    std::string head, tail;  // the body before and after the request id
    std::list<std::string>::iterator age;
  };
  void EraseLocked(std::unordered_map<std::string, Entry>::iterator it);

  const Limits limits_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  std::list<std::string> order_;  // keys, oldest first
  std::size_t bytes_ = 0;
};

}  // namespace iamlite
