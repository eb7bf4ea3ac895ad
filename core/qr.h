// QR codes as PNG images, for the QRCodePNG a virtual MFA device is created with. The symbol is
// encoded by core/qr_encoder.h; the PNG is written here with zlib: a 1-bit greyscale image,
// black modules on white, with the four-module quiet zone the QR standard asks.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamlite::qr {

struct Options {
  int scale = 4;   // pixels per module
  int margin = 4;  // quiet zone, in modules
};

// The PNG bytes of a QR code (error correction level M, 8-bit byte mode) holding `text`, or
// nullopt when the text does not fit in a QR symbol.
std::optional<std::string> EncodePng(std::string_view text, const Options& options = {});

// The modules of the symbol holding `text` (row-major, true = dark), and its width in modules.
struct Matrix {
  int width = 0;
  std::string dark;  // width * width bytes, 1 for a dark module
};
std::optional<Matrix> Encode(std::string_view text);

// A PNG of `matrix` as EncodePng draws it.
std::string MatrixPng(const Matrix& matrix, const Options& options = {});

}  // namespace iamlite::qr
