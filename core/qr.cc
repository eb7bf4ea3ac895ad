#include "core/qr.h"

#include <zlib.h>

#include <cstdint>

#include "core/qr_encoder.h"

namespace iamlite::qr {
namespace {

void PutU32(std::string& out, std::uint32_t v) {
  out.push_back(static_cast<char>((v >> 24) & 0xFF));
  out.push_back(static_cast<char>((v >> 16) & 0xFF));
  out.push_back(static_cast<char>((v >> 8) & 0xFF));
  out.push_back(static_cast<char>(v & 0xFF));
}

// A PNG chunk: length, type, data, CRC-32 over type and data.
void PutChunk(std::string& out, std::string_view type, std::string_view data) {
  PutU32(out, static_cast<std::uint32_t>(data.size()));
  std::string body(type);
  body.append(data);
  out.append(body);
  uLong crc = crc32(0L, Z_NULL, 0);
  crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()));
  PutU32(out, static_cast<std::uint32_t>(crc));
}

}  // namespace

std::optional<Matrix> Encode(std::string_view text) {
  auto symbol = EncodeSymbol(text);
  if (!symbol) return std::nullopt;
  return Matrix{symbol->width, std::move(symbol->dark)};
}

std::string MatrixPng(const Matrix& matrix, const Options& options) {
  const int modules = matrix.width + 2 * options.margin;
  const int size = modules * options.scale;
  const size_t row_bytes = (static_cast<size_t>(size) + 7) / 8;
  // Raw image data: each row is a filter byte (0, none) and 1-bit pixels, 1 = white.
  std::string raw;
  raw.reserve((row_bytes + 1) * static_cast<size_t>(size));
  for (int y = 0; y < size; ++y) {
    raw.push_back(0);
    std::string row(row_bytes, '\0');
    const int my = y / options.scale - options.margin;
    for (int x = 0; x < size; ++x) {
      const int mx = x / options.scale - options.margin;
      bool dark = mx >= 0 && my >= 0 && mx < matrix.width && my < matrix.width &&
                  matrix.dark[static_cast<size_t>(my * matrix.width + mx)];
      if (!dark)
        row[static_cast<size_t>(x / 8)] =
            static_cast<char>(row[static_cast<size_t>(x / 8)] | (0x80 >> (x % 8)));
    }
    raw += row;
  }
  uLongf compressed_size = compressBound(static_cast<uLong>(raw.size()));
  std::string compressed(compressed_size, '\0');
  compress2(reinterpret_cast<Bytef*>(compressed.data()), &compressed_size,
            reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()),
            Z_BEST_COMPRESSION);
  compressed.resize(compressed_size);

  std::string png("\x89PNG\r\n\x1a\n", 8);
  std::string ihdr;
  PutU32(ihdr, static_cast<std::uint32_t>(size));
  PutU32(ihdr, static_cast<std::uint32_t>(size));
  ihdr.push_back(1);  // bit depth
  ihdr.push_back(0);  // colour type: greyscale
  ihdr.push_back(0);  // compression: deflate
  ihdr.push_back(0);  // filter method
  ihdr.push_back(0);  // no interlace
  PutChunk(png, "IHDR", ihdr);
  PutChunk(png, "IDAT", compressed);
  PutChunk(png, "IEND", "");
  return png;
}

std::optional<std::string> EncodePng(std::string_view text, const Options& options) {
  auto matrix = Encode(text);
  if (!matrix) return std::nullopt;
  return MatrixPng(*matrix, options);
}

}  // namespace iamlite::qr
