#include "core/qr_encoder.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <vector>

namespace iamlite::qr {
namespace {

constexpr int kMaxVersion = 40;

// Error correction level M, by version (index 0 unused): error correction codewords per block,
// and blocks (ISO/IEC 18004 table 9).
constexpr std::array<int, kMaxVersion + 1> kEccPerBlock = {
    0,  10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26,
    26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28};
constexpr std::array<int, kMaxVersion + 1> kBlocks = {
    0,  1,  1,  1,  2,  2,  4,  4,  4,  5,  5,  5,  8,  9,  9,  10, 10, 11, 13, 14, 16,
    17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49};

// The modules of a version that hold codewords (and remainder bits): all but the finder,
// separator, timing and alignment patterns, the dark module, format and version information.
int RawDataModules(int version) {
  int n = (16 * version + 128) * version + 64;
  if (version >= 2) {
    const int aligns = version / 7 + 2;
    n -= (25 * aligns - 10) * aligns - 55;
    if (version >= 7) n -= 36;
  }
  return n;
}

int DataCodewords(int version) {
  return RawDataModules(version) / 8 - kEccPerBlock[version] * kBlocks[version];
}

int CountBits(int version) { return version <= 9 ? 8 : 16; }  // byte mode's count indicator

// Product in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1.
std::uint8_t GfMul(std::uint8_t a, std::uint8_t b) {
  int r = 0;
  for (int i = 7; i >= 0; --i) {
    r = (r << 1) ^ ((r >> 7) * 0x11D);
    if ((b >> i) & 1) r ^= a;
  }
  return static_cast<std::uint8_t>(r);
}

// The Reed-Solomon generator polynomial of `degree`, (x + a^0)(x + a^1)...(x + a^(degree-1))
// with a = 2, coefficients from the highest power down (the first is 1).
std::vector<std::uint8_t> Generator(int degree) {
  std::vector<std::uint8_t> g = {1};
  std::uint8_t root = 1;
  for (int i = 0; i < degree; ++i) {
    std::vector<std::uint8_t> next(g.size() + 1, 0);
    for (std::size_t k = 0; k < g.size(); ++k) {
      next[k] ^= g[k];
      next[k + 1] ^= GfMul(g[k], root);
    }
    g = std::move(next);
    root = GfMul(root, 2);
  }
  return g;
}

// The error correction codewords of `data`: the remainder of data(x) * x^n divided by the
// generator of degree n.
std::vector<std::uint8_t> EccOf(const std::vector<std::uint8_t>& data,
                                const std::vector<std::uint8_t>& generator) {
  const std::size_t n = generator.size() - 1;
  std::vector<std::uint8_t> rem(n, 0);
  for (std::uint8_t byte : data) {
    const std::uint8_t factor = byte ^ rem[0];
    rem.erase(rem.begin());
    rem.push_back(0);
    for (std::size_t i = 0; i < n; ++i) rem[i] ^= GfMul(generator[i + 1], factor);
  }
  return rem;
}

// The data codewords of the symbol: mode, count, bytes, terminator, padding.
std::vector<std::uint8_t> DataCodewordsOf(std::string_view data, int version) {
  std::vector<bool> bits;
  auto put = [&](unsigned value, int count) {
    for (int i = count - 1; i >= 0; --i) bits.push_back(((value >> i) & 1) != 0);
  };
  put(0b0100, 4);  // byte mode
  put(static_cast<unsigned>(data.size()), CountBits(version));
  for (unsigned char c : data) put(c, 8);
  const std::size_t capacity = static_cast<std::size_t>(DataCodewords(version)) * 8;
  put(0, static_cast<int>(std::min<std::size_t>(4, capacity - bits.size())));  // terminator
  put(0, static_cast<int>((8 - bits.size() % 8) % 8));
  for (unsigned pad = 0xEC; bits.size() < capacity; pad ^= 0xEC ^ 0x11) put(pad, 8);
  std::vector<std::uint8_t> out(bits.size() / 8, 0);
  for (std::size_t i = 0; i < bits.size(); ++i)
    if (bits[i]) out[i / 8] = static_cast<std::uint8_t>(out[i / 8] | (0x80 >> (i % 8)));
  return out;
}

// The final codeword sequence: data split into blocks (the shorter ones first), each block's
// error correction, then both interleaved block by block.
std::vector<std::uint8_t> Interleaved(const std::vector<std::uint8_t>& data, int version) {
  const int blocks = kBlocks[version];
  const int ecc = kEccPerBlock[version];
  const int short_len = static_cast<int>(data.size()) / blocks;
  const int longs = static_cast<int>(data.size()) % blocks;
  const auto generator = Generator(ecc);
  std::vector<std::vector<std::uint8_t>> data_blocks, ecc_blocks;
  std::size_t at = 0;
  for (int b = 0; b < blocks; ++b) {
    const std::size_t len = static_cast<std::size_t>(short_len + (b >= blocks - longs ? 1 : 0));
    data_blocks.emplace_back(data.begin() + static_cast<std::ptrdiff_t>(at),
                             data.begin() + static_cast<std::ptrdiff_t>(at + len));
    at += len;
    ecc_blocks.push_back(EccOf(data_blocks.back(), generator));
  }
  std::vector<std::uint8_t> out;
  for (int i = 0; i <= short_len; ++i)
    for (const auto& block : data_blocks)
      if (i < static_cast<int>(block.size())) out.push_back(block[static_cast<std::size_t>(i)]);
  for (int i = 0; i < ecc; ++i)
    for (const auto& block : ecc_blocks) out.push_back(block[static_cast<std::size_t>(i)]);
  return out;
}

// Centres of the alignment patterns on either axis.
std::vector<int> AlignmentCentres(int version) {
  if (version == 1) return {};
  const int count = version / 7 + 2;
  const int size = 17 + 4 * version;
  const int step = version == 32 ? 26 : (version * 4 + count * 2 + 1) / (count * 2 - 2) * 2;
  std::vector<int> centres(static_cast<std::size_t>(count));
  centres[0] = 6;
  for (int i = count - 1, pos = size - 7; i >= 1; --i, pos -= step)
    centres[static_cast<std::size_t>(i)] = pos;
  return centres;
}

bool MaskBit(int mask, int x, int y) {  // x: column, y: row
  switch (mask) {
    case 0:
      return (x + y) % 2 == 0;
    case 1:
      return y % 2 == 0;
    case 2:
      return x % 3 == 0;
    case 3:
      return (x + y) % 3 == 0;
    case 4:
      return (x / 3 + y / 2) % 2 == 0;
    case 5:
      return x * y % 2 + x * y % 3 == 0;
    case 6:
      return (x * y % 2 + x * y % 3) % 2 == 0;
    default:
      return ((x + y) % 2 + x * y % 3) % 2 == 0;
  }
}

class Grid {
 public:
  explicit Grid(int version)
      : version_(version),
        size_(17 + 4 * version),
        dark_(static_cast<std::size_t>(size_ * size_), 0),
        function_(static_cast<std::size_t>(size_ * size_), false) {}

  int size() const { return size_; }
  bool Dark(int x, int y) const { return dark_[Index(x, y)] != 0; }
  std::string TakeModules() { return std::string(dark_.begin(), dark_.end()); }

  void DrawFunctionPatterns() {
    for (int i = 0; i < size_; ++i) {
      SetFunction(6, i, i % 2 == 0);  // timing patterns
      SetFunction(i, 6, i % 2 == 0);
    }
    DrawFinder(3, 3);
    DrawFinder(size_ - 4, 3);
    DrawFinder(3, size_ - 4);
    const auto centres = AlignmentCentres(version_);
    const std::size_t n = centres.size();
    for (std::size_t i = 0; i < n; ++i)
      for (std::size_t j = 0; j < n; ++j) {
        const bool by_finder =
            (i == 0 && j == 0) || (i == 0 && j == n - 1) || (i == n - 1 && j == 0);
        if (!by_finder) DrawAlignment(centres[i], centres[j]);
      }
    DrawFormat(0);  // reserves the modules; redrawn with the chosen mask
    DrawVersion();
  }

  // Fills the data modules column pair by column pair from the right, upwards then
  // downwards, skipping the vertical timing pattern.
  void PlaceCodewords(const std::vector<std::uint8_t>& codewords) {
    std::size_t bit = 0;
    const std::size_t bits = codewords.size() * 8;
    for (int right = size_ - 1; right >= 1; right -= 2) {
      if (right == 6) right = 5;
      const bool upward = ((right + 1) & 2) == 0;
      for (int step = 0; step < size_; ++step) {
        const int y = upward ? size_ - 1 - step : step;
        for (int j = 0; j < 2; ++j) {
          const int x = right - j;
          if (function_[Index(x, y)]) continue;
          if (bit < bits) dark_[Index(x, y)] = (codewords[bit / 8] >> (7 - bit % 8)) & 1;
          ++bit;  // remainder bits stay light
        }
      }
    }
  }

  // Applying a mask twice removes it.
  void ApplyMask(int mask) {
    for (int y = 0; y < size_; ++y)
      for (int x = 0; x < size_; ++x)
        if (!function_[Index(x, y)] && MaskBit(mask, x, y)) dark_[Index(x, y)] ^= 1;
  }

  // Format information: level M (bits 00) and the mask, BCH(15,5)-protected, XOR 0x5412, in
  // its two copies (bit 0 is the least significant), plus the dark module.
  void DrawFormat(int mask) {
    const int data = mask;  // level M's two bits are 00
    int rem = data;
    for (int i = 0; i < 10; ++i) rem = (rem << 1) ^ ((rem >> 9) * 0x537);
    const int bits = ((data << 10) | rem) ^ 0x5412;
    auto bit = [&](int i) { return ((bits >> i) & 1) != 0; };
    for (int i = 0; i <= 5; ++i) SetFunction(8, i, bit(i));
    SetFunction(8, 7, bit(6));
    SetFunction(8, 8, bit(7));
    SetFunction(7, 8, bit(8));
    for (int i = 9; i < 15; ++i) SetFunction(14 - i, 8, bit(i));
    for (int i = 0; i < 8; ++i) SetFunction(size_ - 1 - i, 8, bit(i));
    for (int i = 8; i < 15; ++i) SetFunction(8, size_ - 15 + i, bit(i));
    SetFunction(8, size_ - 8, true);
  }

 private:
  std::size_t Index(int x, int y) const { return static_cast<std::size_t>(y * size_ + x); }
  void SetFunction(int x, int y, bool dark) {
    dark_[Index(x, y)] = dark ? 1 : 0;
    function_[Index(x, y)] = true;
  }
  // A finder pattern and its light separator, clipped at the edges.
  void DrawFinder(int cx, int cy) {
    for (int dy = -4; dy <= 4; ++dy)
      for (int dx = -4; dx <= 4; ++dx) {
        const int x = cx + dx, y = cy + dy;
        if (x < 0 || y < 0 || x >= size_ || y >= size_) continue;
        const int ring = std::max(std::abs(dx), std::abs(dy));
        SetFunction(x, y, ring != 2 && ring != 4);
      }
  }
  void DrawAlignment(int cx, int cy) {
    for (int dy = -2; dy <= 2; ++dy)
      for (int dx = -2; dx <= 2; ++dx)
        SetFunction(cx + dx, cy + dy, std::max(std::abs(dx), std::abs(dy)) != 1);
  }
  // Version information (versions 7 and up): the version, BCH(18,6)-protected, in two 3x6
  // blocks beside the top-right and bottom-left finders.
  void DrawVersion() {
    if (version_ < 7) return;
    int rem = version_;
    for (int i = 0; i < 12; ++i) rem = (rem << 1) ^ ((rem >> 11) * 0x1F25);
    const long bits = (static_cast<long>(version_) << 12) | rem;
    for (int i = 0; i < 18; ++i) {
      const bool dark = ((bits >> i) & 1) != 0;
      const int a = size_ - 11 + i % 3, b = i / 3;
      SetFunction(a, b, dark);
      SetFunction(b, a, dark);
    }
  }

  int version_;
  int size_;
  std::vector<std::uint8_t> dark_;
  std::vector<bool> function_;
};

// Penalty of one line of modules (a row or a column): N1 (runs of five or more of a colour)
// and N3 (a dark-light-dark-light-dark run sequence in the ratio 1:1:3:1:1 with four times
// the unit of light before or after it; the quiet zone around the symbol is light).
int LinePenalty(const std::vector<int>& line) {
  int penalty = 0;
  std::vector<int> runs;  // run lengths, alternating colours
  std::vector<int> colour;
  for (std::size_t i = 0; i < line.size();) {
    std::size_t j = i;
    while (j < line.size() && line[j] == line[i]) ++j;
    const int len = static_cast<int>(j - i);
    if (len >= 5) penalty += 3 + (len - 5);
    runs.push_back(len);
    colour.push_back(line[i]);
    i = j;
  }
  constexpr int kBorder = std::numeric_limits<int>::max() / 8;  // the light quiet zone
  const int n = static_cast<int>(runs.size());
  for (int k = 2; k + 2 < n; ++k) {
    if (!colour[static_cast<std::size_t>(k)] || runs[static_cast<std::size_t>(k)] % 3 != 0)
      continue;
    const int unit = runs[static_cast<std::size_t>(k)] / 3;
    bool ratio = true;
    for (int d : {-2, -1, 1, 2}) ratio = ratio && runs[static_cast<std::size_t>(k + d)] == unit;
    if (!ratio) continue;
    // A light run at the edge continues into the quiet zone.
    const int before = k - 3 > 0 ? runs[static_cast<std::size_t>(k - 3)] : kBorder;
    const int after = k + 3 < n - 1 ? runs[static_cast<std::size_t>(k + 3)] : kBorder;
    if (before >= 4 * unit || after >= 4 * unit) penalty += 40;
  }
  return penalty;
}

}  // namespace

int PenaltyScore(const Symbol& s) {
  const int w = s.width;
  auto dark = [&](int x, int y) { return s.dark[static_cast<std::size_t>(y * w + x)] != 0; };
  int penalty = 0;
  std::vector<int> line(static_cast<std::size_t>(w));
  for (int y = 0; y < w; ++y) {
    for (int x = 0; x < w; ++x) line[static_cast<std::size_t>(x)] = dark(x, y);
    penalty += LinePenalty(line);
  }
  for (int x = 0; x < w; ++x) {
    for (int y = 0; y < w; ++y) line[static_cast<std::size_t>(y)] = dark(x, y);
    penalty += LinePenalty(line);
  }
  int dark_count = 0;
  for (int y = 0; y < w; ++y)
    for (int x = 0; x < w; ++x) {
      dark_count += dark(x, y);
      if (x + 1 < w && y + 1 < w) {
        const bool c = dark(x, y);
        if (dark(x + 1, y) == c && dark(x, y + 1) == c && dark(x + 1, y + 1) == c) penalty += 3;
      }
    }
  // N4: 10 points for each full 5% by which the dark share departs from 50%.
  const int total = w * w;
  penalty += 10 * (std::abs(dark_count * 20 - total * 10) / total);
  return penalty;
}

std::optional<Symbol> EncodeSymbol(std::string_view data, int mask) {
  int version = 1;
  while (version <= kMaxVersion &&
         4 + CountBits(version) + 8 * static_cast<long>(data.size()) > 8L * DataCodewords(version))
    ++version;
  if (version > kMaxVersion || mask > 7) return std::nullopt;
  Grid grid(version);
  grid.DrawFunctionPatterns();
  grid.PlaceCodewords(Interleaved(DataCodewordsOf(data, version), version));

  Symbol s;
  s.version = version;
  s.width = grid.size();
  auto finish = [&](int m) {
    grid.ApplyMask(m);
    grid.DrawFormat(m);
    s.mask = m;
    s.dark = grid.TakeModules();
    grid.ApplyMask(m);  // back to unmasked for the next candidate
  };
  if (mask >= 0) {
    finish(mask);
    return s;
  }
  int best = 0, best_penalty = std::numeric_limits<int>::max();
  for (int m = 0; m < 8; ++m) {
    finish(m);
    const int p = PenaltyScore(s);
    if (p < best_penalty) best = m, best_penalty = p;
  }
  finish(best);
  return s;
}

}  // namespace iamlite::qr
