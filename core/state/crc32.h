// CRC-32 (IEEE 802.3, the polynomial of zlib, gzip and PNG): checks journal records.
#pragma once

#include <cstdint>
#include <string_view>

namespace iamlite::state {

// The CRC of `data`, continuing from `crc` (0 to start): Crc32("123456789") == 0xCBF43926.
std::uint32_t Crc32(std::string_view data, std::uint32_t crc = 0);

}  // namespace iamlite::state
