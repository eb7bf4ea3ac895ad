#include "core/qr.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdint>

namespace iamlite {
namespace {

std::uint32_t U32(const std::string& s, size_t at) {
  auto b = [&](size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(s[i])); };
  return (b(at) << 24) | (b(at + 1) << 16) | (b(at + 2) << 8) | b(at + 3);
}

// The decoded pixels of a 1-bit greyscale PNG as MatrixPng writes it (one IDAT, filter 0).
struct Image {
  std::uint32_t width = 0, height = 0;
  std::string raw;
  bool White(std::uint32_t x, std::uint32_t y) const {
    const size_t row = (width + 7) / 8 + 1;
    const auto byte = static_cast<unsigned char>(raw[y * row + 1 + x / 8]);
    return (byte >> (7 - x % 8)) & 1;
  }
};

Image Decode(const std::string& png) {
  Image img;
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  size_t at = 8;
  std::string idat;
  while (at + 8 <= png.size()) {
    const std::uint32_t len = U32(png, at);
    const std::string type = png.substr(at + 4, 4);
    const std::string data = png.substr(at + 8, len);
    const std::uint32_t crc = U32(png, at + 8 + len);
    uLong want = crc32(0L, Z_NULL, 0);
    want = crc32(want, reinterpret_cast<const Bytef*>(png.data() + at + 4), len + 4);
    EXPECT_EQ(crc, static_cast<std::uint32_t>(want)) << type;
    if (type == "IHDR") {
      img.width = U32(data, 0);
      img.height = U32(data, 4);
      EXPECT_EQ(data[8], 1);  // bit depth
      EXPECT_EQ(data[9], 0);  // greyscale
    } else if (type == "IDAT") {
      idat += data;
    }
    at += 12 + len;
  }
  EXPECT_EQ(at, png.size());
  uLongf size = ((img.width + 7) / 8 + 1) * img.height;
  img.raw.resize(size);
  EXPECT_EQ(uncompress(reinterpret_cast<Bytef*>(img.raw.data()), &size,
                       reinterpret_cast<const Bytef*>(idat.data()), idat.size()),
            Z_OK);
  return img;
}

TEST(QrTest, MatrixHasFinderPatternsInThreeCorners) {
  auto m = qr::Encode("otpauth://totp/dev@123456789012?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ((m->width - 17) % 4, 0) << m->width;  // a QR symbol is 4 * version + 17 modules
  auto dark = [&](int x, int y) { return m->dark[static_cast<size_t>(y * m->width + x)] != 0; };
  for (auto [ox, oy] : {std::pair{0, 0}, {m->width - 7, 0}, {0, m->width - 7}}) {
    for (int i = 0; i < 7; ++i) {
      EXPECT_TRUE(dark(ox + i, oy)) << ox << "," << oy;  // outer ring
      EXPECT_TRUE(dark(ox, oy + i)) << ox << "," << oy;
    }
    EXPECT_FALSE(dark(ox + 1, oy + 1));  // white ring
    EXPECT_TRUE(dark(ox + 3, oy + 3));   // centre
  }
}

TEST(QrTest, PngHasTheSymbolScaledWithAQuietZone) {
  const std::string text =
      "otpauth://totp/dev@123456789012?secret=ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  auto m = qr::Encode(text);
  ASSERT_TRUE(m.has_value());
  auto png = qr::EncodePng(text, {/*scale=*/3, /*margin=*/4});
  ASSERT_TRUE(png.has_value());
  Image img = Decode(*png);
  const auto side = static_cast<std::uint32_t>((m->width + 8) * 3);
  EXPECT_EQ(img.width, side);
  EXPECT_EQ(img.height, side);
  // Quiet zone white; each module drawn as a 3x3 block.
  EXPECT_TRUE(img.White(0, 0));
  EXPECT_TRUE(img.White(11, 11));
  for (int y = 0; y < m->width; ++y)
    for (int x = 0; x < m->width; ++x)
      for (int d = 0; d < 3; ++d) {
        const auto px = static_cast<std::uint32_t>((x + 4) * 3 + d);
        const auto py = static_cast<std::uint32_t>((y + 4) * 3 + (2 - d));
        ASSERT_EQ(img.White(px, py), !m->dark[static_cast<size_t>(y * m->width + x)])
            << x << "," << y;
      }
}

TEST(QrTest, TooMuchTextIsRefused) {
  EXPECT_FALSE(qr::EncodePng(std::string(8000, 'x')).has_value());
}

}  // namespace
}  // namespace iamlite
