#include "core/qr_encoder.h"

#include <gtest/gtest.h>
#include <qrencode.h>

#include <memory>
#include <random>
#include <string>

namespace iamlite::qr {
namespace {

// libqrencode's symbol for `data` (byte mode, level M, smallest version): the reference.
std::optional<Symbol> Reference(const std::string& data) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeString8bit(data.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!code) return std::nullopt;
  Symbol s;
  s.version = code->version;
  s.width = code->width;
  for (int i = 0; i < code->width * code->width; ++i) s.dark.push_back(code->data[i] & 1);
  return s;
}

// Inputs of every length up to 300 bytes (versions 1 to 13) and then in steps up to the
// largest version-40 symbol, as text and as arbitrary bytes (no NUL: libqrencode takes a C
// string).
std::vector<std::string> Inputs() {
  std::vector<std::string> out;
  std::mt19937 rng(7);
  const std::string uri = "otpauth://totp/dev@123456789012?secret=ABCDEFGHIJKLMNOP";
  for (int len = 1; len <= 2331; len += len < 300 ? 1 : 41) {
    std::string text, bytes;
    for (int i = 0; i < len; ++i) {
      text.push_back(uri[static_cast<std::size_t>(i) % uri.size()]);
      bytes.push_back(static_cast<char>(1 + rng() % 255));
    }
    out.push_back(text);
    out.push_back(bytes);
  }
  out.push_back(std::string(2331, 'x'));
  return out;
}

// Every symbol equals libqrencode's bit for bit: version, data and error correction codewords,
// their interleaving and placement, function patterns, format and version information, and the
// mask the penalty rules choose.
TEST(QrEncoderTest, SymbolsEqualLibqrencodes) {
  for (const std::string& data : Inputs()) {
    auto want = Reference(data);
    auto got = EncodeSymbol(data);
    ASSERT_TRUE(want && got) << data.size();
    ASSERT_EQ(got->version, want->version) << data.size();
    ASSERT_EQ(got->width, 17 + 4 * got->version);
    ASSERT_EQ(got->dark.size(), static_cast<std::size_t>(got->width * got->width));
    if (got->dark == want->dark) continue;
    int matching = -1;  // tells a wrong mask choice from a wrong symbol
    for (int m = 0; m < 8 && matching < 0; ++m)
      if (EncodeSymbol(data, m)->dark == want->dark) matching = m;
    ADD_FAILURE() << data.size() << " bytes (version " << got->version << "): mask " << got->mask
                  << " chosen, libqrencode's symbol "
                  << (matching < 0 ? "under no mask" : "under mask " + std::to_string(matching));
  }
}

// The mask chosen is the one with the lowest penalty score (the first of equals).
TEST(QrEncoderTest, ChoosesTheMaskWithTheLowestPenalty) {
  for (const std::string& data :
       {std::string("a"), std::string("otpauth://totp/x?secret=AAAA"), std::string(500, 'q')}) {
    auto chosen = EncodeSymbol(data);
    ASSERT_TRUE(chosen);
    for (int m = 0; m < 8; ++m) {
      const int p = PenaltyScore(*EncodeSymbol(data, m));
      if (m < chosen->mask) EXPECT_GT(p, PenaltyScore(*chosen)) << m;
      if (m > chosen->mask) EXPECT_GE(p, PenaltyScore(*chosen)) << m;
      EXPECT_EQ(EncodeSymbol(data, m)->mask, m);
    }
  }
}

// Version boundaries at level M in byte mode: 14 bytes fit version 1, 15 need version 2;
// 2,331 fit version 40, 2,332 fit nothing.
TEST(QrEncoderTest, PicksTheSmallestVersionThatHoldsTheData) {
  EXPECT_EQ(EncodeSymbol(std::string(14, 'a'))->version, 1);
  EXPECT_EQ(EncodeSymbol(std::string(15, 'a'))->version, 2);
  EXPECT_EQ(EncodeSymbol(std::string(2331, 'a'))->version, 40);
  EXPECT_FALSE(EncodeSymbol(std::string(2332, 'a')));
  EXPECT_FALSE(EncodeSymbol("a", 8));
  EXPECT_EQ(EncodeSymbol("")->version, 1);
}

// The penalty rules on small symbols built by hand.
TEST(QrEncoderTest, PenaltyScoreCountsRunsBlocksFinderPatternsAndBalance) {
  Symbol all_dark;
  all_dark.width = 5;
  all_dark.dark.assign(25, 1);
  // N1: 5 rows and 5 columns, each one run of 5: 3 points each; N2: 16 2x2 blocks: 3 each;
  // N4: 100% dark departs 50% by ten full 5% steps: 100.
  EXPECT_EQ(PenaltyScore(all_dark), 10 * 3 + 16 * 3 + 100);

  Symbol checker;
  checker.width = 4;
  for (int i = 0; i < 16; ++i) checker.dark.push_back(((i / 4) + (i % 4)) % 2);
  EXPECT_EQ(PenaltyScore(checker), 0);  // no runs, no blocks, half dark

  // One row holding the 1:1:3:1:1 finder-like pattern, light to both edges (the quiet zone
  // continues them), in an otherwise light 11-wide symbol.
  Symbol finder;
  finder.width = 11;
  finder.dark.assign(121, 0);
  const int pattern[] = {0, 0, 1, 0, 1, 1, 1, 0, 1, 0, 0};
  for (int x = 0; x < 11; ++x) finder.dark[static_cast<std::size_t>(5 * 11 + x)] = pattern[x];
  Symbol without = finder;
  without.dark[5 * 11 + 4] = 0;  // 1:1:2:... no longer the ratio
  without.dark[5 * 11 + 3] = 1;  // keep the dark count
  // Same runs of five or more, same 2x2 blocks, same dark count: only the pattern differs.
  EXPECT_EQ(PenaltyScore(finder) - PenaltyScore(without), 40);
}

}  // namespace
}  // namespace iamlite::qr
