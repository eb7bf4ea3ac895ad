#include "core/policy/request_context.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <utility>

#include "core/policy/wildcard.h"

namespace iamlite::policy {
namespace {

std::string Fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = FoldChar(c);
  return out;
}

}  // namespace

std::optional<double> ParseNumber(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v))
    return std::nullopt;
  return v;
}

namespace {

constexpr std::array<std::pair<ValueType, std::string_view>, 7> kValueTypes = {{
    {ValueType::kString, "string"},
    {ValueType::kNumber, "number"},
    {ValueType::kDate, "date"},
    {ValueType::kBool, "bool"},
    {ValueType::kIp, "ip"},
    {ValueType::kBinary, "binary"},
    {ValueType::kArn, "arn"},
}};

constexpr std::array<std::pair<PrincipalType, std::string_view>, 7> kPrincipalTypes = {{
    {PrincipalType::kRoot, "root"},
    {PrincipalType::kUser, "user"},
    {PrincipalType::kAssumedRole, "assumed-role"},
    {PrincipalType::kFederatedUser, "federated-user"},
    {PrincipalType::kFederated, "federated"},
    {PrincipalType::kService, "service"},
    {PrincipalType::kAnonymous, "anonymous"},
}};

template <class E, std::size_t N>
std::optional<E> ByName(const std::array<std::pair<E, std::string_view>, N>& table,
                        std::string_view name) {
  for (const auto& [value, n] : table)
    if (n == name) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, n] : table)
    if (v == value) return n;
  return "?";
}

}  // namespace

std::optional<ValueType> ValueTypeFromName(std::string_view name) {
  return ByName(kValueTypes, name);
}
std::string_view ValueTypeName(ValueType type) { return NameOf(kValueTypes, type); }

std::optional<PrincipalType> PrincipalTypeFromName(std::string_view name) {
  return ByName(kPrincipalTypes, name);
}
std::string_view PrincipalTypeName(PrincipalType type) { return NameOf(kPrincipalTypes, type); }

std::optional<std::string_view> ContextEntry::SingleValue() const {
  if (value.multivalued || value.values.size() != 1) return std::nullopt;
  return value.values.front();
}

void ContextKeys::Set(std::string_view key, ContextValue value) {
  ContextEntry entry;
  entry.key = std::string(key);
  entry.folded = Fold(key);
  entry.value = std::move(value);
  const bool binary = entry.value.type == ValueType::kBinary;
  for (const std::string& v : entry.value.values) {
    entry.numbers.push_back(binary ? std::nullopt : ParseNumber(v));
    entry.dates.push_back(binary ? std::nullopt : ParseInstant(v));
    entry.ips.push_back(binary ? std::nullopt : ParseIpRange(v));
  }
  Put(std::move(entry));
}

void ContextKeys::Set(const ContextEntry& entry) { Put(ContextEntry(entry)); }

void ContextKeys::Put(ContextEntry entry) {
  auto it =
      std::lower_bound(entries_.begin(), entries_.end(), entry.folded,
                       [](const ContextEntry& e, const std::string& k) { return e.folded < k; });
  if (it != entries_.end() && it->folded == entry.folded) {
    *it = std::move(entry);
  } else {
    entries_.insert(it, std::move(entry));
  }
}

void ContextKeys::Set(std::string_view key, std::string value) {
  ContextValue v;
  v.values.push_back(std::move(value));
  Set(key, std::move(v));
}

void ContextKeys::Erase(std::string_view key) {
  const std::string folded = Fold(key);
  std::erase_if(entries_, [&](const ContextEntry& e) { return e.folded == folded; });
}

const ContextEntry* ContextKeys::FindFolded(std::string_view folded_key) const {
  auto it = std::lower_bound(
      entries_.begin(), entries_.end(), folded_key,
      [](const ContextEntry& e, std::string_view k) { return std::string_view(e.folded) < k; });
  if (it == entries_.end() || it->folded != folded_key) return nullptr;
  return &*it;
}

const ContextEntry* ContextKeys::Find(std::string_view key) const {
  if (key.size() <= 256) {
    std::array<char, 256> buffer;
    for (std::size_t i = 0; i < key.size(); ++i) buffer[i] = FoldChar(key[i]);
    return FindFolded(std::string_view(buffer.data(), key.size()));
  }
  return FindFolded(Fold(key));
}

}  // namespace iamlite::policy
