#include "core/policy/text_locator.h"

namespace iamlite::policy {
namespace {

// UTF-16 code units taken by the UTF-8 sequence that starts with `byte`; continuation bytes
// take none, four-byte sequences (outside the BMP) a surrogate pair.
int Utf16Units(unsigned char byte) {
  if ((byte & 0xC0) == 0x80) return 0;
  return byte >= 0xF0 ? 2 : 1;
}

}  // namespace

TextPosition TextLocator::At(std::size_t offset) {
  if (offset > text_.size()) offset = text_.size();
  if (offset < offset_) {
    offset_ = 0;
    here_ = TextPosition{};
  }
  for (; offset_ < offset; ++offset_) {
    const char c = text_[offset_];
    const bool crlf = c == '\r' && offset_ + 1 < text_.size() && text_[offset_ + 1] == '\n';
    if (c == '\n' || (c == '\r' && !crlf)) {
      ++here_.line;
      here_.column = 1;
    } else if (!crlf) {
      here_.column += Utf16Units(static_cast<unsigned char>(c));
    }
  }
  return here_;
}

}  // namespace iamlite::policy
