// QR code symbols (ISO/IEC 18004 model 2) for the QRCodePNG of a virtual MFA device: 8-bit
// byte mode, error correction level M, the smallest version (1 to 40) that holds the data, and
// the data mask with the lowest penalty score. Written here from the standard, so that the
// server needs no shared library for it (the server binary links statically).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamlite::qr {

struct Symbol {
  int version = 0;   // 1 to 40
  int width = 0;     // 17 + 4 * version modules
  int mask = 0;      // the data mask pattern applied, 0 to 7
  std::string dark;  // width * width bytes, row-major, 1 for a dark module
};

// The symbol holding `data` (2,331 bytes at most), or nullopt when it does not fit. `mask`
// forces a data mask pattern (0 to 7) instead of the one with the lowest penalty.
std::optional<Symbol> EncodeSymbol(std::string_view data, int mask = -1);

// The penalty score of a finished symbol (ISO/IEC 18004 section 7.8.3: runs, 2x2 blocks,
// finder-like patterns, dark proportion); the encoder picks the mask that minimises it.
int PenaltyScore(const Symbol& symbol);

}  // namespace iamlite::qr
