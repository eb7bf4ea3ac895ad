#include "core/url_encode.h"

namespace iamlite {
namespace {

bool Unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~';
}

}  // namespace

std::string UrlEncodePolicy(std::string_view text) {
  // Written through a pointer into a buffer sized for the worst case (every byte escaped),
  // then cut to length: GetAccountAuthorizationDetails encodes every policy document it
  // returns, and a per-character append costs a capacity check each.
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.resize(text.size() * 3);
  char* w = out.data();
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (Unreserved(c)) {
      *w++ = ch;
    } else {
      w[0] = '%';
      w[1] = kHex[c >> 4];
      w[2] = kHex[c & 0x0F];
      w += 3;
    }
  }
  out.resize(static_cast<std::size_t>(w - out.data()));
  return out;
}

}  // namespace iamlite
