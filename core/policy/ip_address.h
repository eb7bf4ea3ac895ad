// IPv4 and IPv6 addresses and CIDR ranges for the IpAddress and NotIpAddress operators.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace iamlite::policy {

// An address and a prefix length: 203.0.113.0/24, 2001:DB8:1234:5678::/64, or one address
// (prefix 32 or 128). IPv4 addresses use the first four bytes.
struct IpRange {
  bool v6 = false;
  std::array<std::uint8_t, 16> bytes{};
  int prefix = 0;
};

// Reads "a.b.c.d", "a.b.c.d/n" (n in 0..32), an IPv6 address in RFC 4291 text form ("::"
// once, hex groups of one to four digits in either case, an optional dotted IPv4 tail) with
// an optional "/n" (n in 0..128). No prefix means one address ("IAM uses the default prefix
// value of /32"). Nullopt otherwise: no spaces, no zone ids, no leading '+'.
std::optional<IpRange> ParseIpRange(std::string_view text);

// True when `address` (its first `range.prefix` bits) lies in `range`. The families must
// agree: an IPv4 address is never in an IPv6 range, including an IPv4-mapped one.
bool InRange(const IpRange& range, const IpRange& address);

}  // namespace iamlite::policy
