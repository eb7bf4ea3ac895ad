#include "server/response_cache.h"

#include <array>

namespace iamlite {

bool ResponseCache::Cacheable(std::string_view action) {
  // Listings of a whole account: the answers that cost the most to build (about 1 ms for
  // 1,000 users) and that test suites and Terraform repeat between changes. Each handler
  // reads only the account's state and its input. Operations whose answer involves the
  // clock (credential reports), the caller's own identity (GetUser without a name) or data
  // kept outside the account's state (access advisor jobs) are not listed.
  static constexpr std::array<std::string_view, 6> kActions = {"GetAccountAuthorizationDetails",
                                                               "ListGroups",
                                                               "ListInstanceProfiles",
                                                               "ListPolicies",
                                                               "ListRoles",
                                                               "ListUsers"};
  for (std::string_view a : kActions)
    if (a == action) return true;
  return false;
}

std::optional<std::string> ResponseCache::Find(const std::string& key, std::uint64_t generation,
                                               std::string_view request_id) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  if (it->second.generation != generation) {
    EraseLocked(it);
    return std::nullopt;
  }
  const Entry& e = it->second;
  std::string body;
  body.reserve(e.head.size() + request_id.size() + e.tail.size());
  body += e.head;
  body += request_id;
  body += e.tail;
  return body;
}

void ResponseCache::Put(const std::string& key, std::uint64_t generation, std::string_view body,
                        std::string_view request_id) {
  if (body.size() > limits_.max_entry_bytes || request_id.empty()) return;
  auto at = body.rfind(request_id);
  if (at == std::string_view::npos) return;
  const std::size_t need = body.size() - request_id.size();
  std::lock_guard lock(mu_);
  if (auto it = entries_.find(key); it != entries_.end()) EraseLocked(it);
  auto full = [&] {
    return entries_.size() >= limits_.max_entries || bytes_ + need > limits_.max_bytes;
  };
  while (!order_.empty() && full()) EraseLocked(entries_.find(order_.front()));
  if (full()) return;
  order_.push_back(key);
  Entry e{generation, std::string(body.substr(0, at)),
          std::string(body.substr(at + request_id.size())), std::prev(order_.end())};
  bytes_ += e.head.size() + e.tail.size();
  entries_.emplace(key, std::move(e));
}

void ResponseCache::EraseLocked(std::unordered_map<std::string, Entry>::iterator it) {
  bytes_ -= it->second.head.size() + it->second.tail.size();
  order_.erase(it->second.age);
  entries_.erase(it);
}

std::size_t ResponseCache::size() const {
  std::lock_guard lock(mu_);
  return entries_.size();
}

std::size_t ResponseCache::bytes() const {
  std::lock_guard lock(mu_);
  return bytes_;
}

}  // namespace iamlite
