#include "core/policy/ip_address.h"

#include <charconv>

namespace iamlite::policy {
namespace {

std::optional<int> Number(std::string_view s, int base, int max) {
  int v = 0;
  if (s.empty() || s.front() == '-' || (base == 16 && s.size() > 4)) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v, base);
  if (ec != std::errc() || ptr != s.data() + s.size() || v > max) return std::nullopt;
  return v;
}

// Dotted quad into out[0..3]: four decimal fields of one to three digits, each <= 255.
bool ParseV4(std::string_view s, std::uint8_t* out) {
  for (int i = 0; i < 4; ++i) {
    const auto dot = s.find('.');
    const std::string_view field = i < 3 ? s.substr(0, dot) : s;
    if ((i < 3 && dot == std::string_view::npos) || field.size() > 3) return false;
    auto v = Number(field, 10, 255);
    if (!v) return false;
    out[i] = static_cast<std::uint8_t>(*v);
    if (i < 3) s.remove_prefix(dot + 1);
  }
  return true;
}

// Hex groups separated by ':' into 16-bit words; the last may be a dotted IPv4 address
// (two words). Appends to `words`, answers false on a malformed group.
bool ParseGroups(std::string_view s, std::array<std::uint16_t, 8>& words, int& n) {
  if (s.empty()) return true;
  while (true) {
    const auto colon = s.find(':');
    const std::string_view group = s.substr(0, colon);
    if (colon == std::string_view::npos && group.find('.') != std::string_view::npos) {
      std::uint8_t v4[4];
      if (n > 6 || !ParseV4(group, v4)) return false;
      words[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(v4[0] << 8 | v4[1]);
      words[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(v4[2] << 8 | v4[3]);
      return true;
    }
    auto v = Number(group, 16, 0xffff);
    if (!v || n >= 8) return false;
    words[static_cast<std::size_t>(n++)] = static_cast<std::uint16_t>(*v);
    if (colon == std::string_view::npos) return true;
    s.remove_prefix(colon + 1);
  }
}

bool ParseV6(std::string_view s, std::uint8_t* out) {
  std::array<std::uint16_t, 8> head{}, tail{};
  int nh = 0, nt = 0;
  const auto gap = s.find("::");
  if (gap == std::string_view::npos) {
    if (!ParseGroups(s, head, nh) || nh != 8) return false;
  } else {
    if (s.find("::", gap + 1) != std::string_view::npos) return false;
    if (!ParseGroups(s.substr(0, gap), head, nh) || !ParseGroups(s.substr(gap + 2), tail, nt))
      return false;
    if (nh + nt > 7) return false;
  }
  std::array<std::uint16_t, 8> words{};
  for (int i = 0; i < nh; ++i)
    words[static_cast<std::size_t>(i)] = head[static_cast<std::size_t>(i)];
  for (int i = 0; i < nt; ++i)
    words[static_cast<std::size_t>(8 - nt + i)] = tail[static_cast<std::size_t>(i)];
  for (std::size_t i = 0; i < 8; ++i) {
    out[2 * i] = static_cast<std::uint8_t>(words[i] >> 8);
    out[2 * i + 1] = static_cast<std::uint8_t>(words[i] & 0xff);
  }
  return true;
}

}  // namespace

std::optional<IpRange> ParseIpRange(std::string_view text) {
  IpRange r;
  std::string_view address = text;
  std::optional<int> prefix;
  if (const auto slash = text.find('/'); slash != std::string_view::npos) {
    address = text.substr(0, slash);
    prefix = Number(text.substr(slash + 1), 10, 128);
    if (!prefix || text.size() - slash - 1 > 3) return std::nullopt;
  }
  r.v6 = address.find(':') != std::string_view::npos;
  if (r.v6 ? !ParseV6(address, r.bytes.data()) : !ParseV4(address, r.bytes.data()))
    return std::nullopt;
  const int bits = r.v6 ? 128 : 32;
  if (prefix && *prefix > bits) return std::nullopt;
  r.prefix = prefix.value_or(bits);
  return r;
}

bool InRange(const IpRange& range, const IpRange& address) {
  if (range.v6 != address.v6) return false;
  int bits = range.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((range.bytes[i] & mask) != (address.bytes[i] & mask)) return false;
  }
  return true;
}

}  // namespace iamlite::policy
