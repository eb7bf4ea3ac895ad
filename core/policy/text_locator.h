// Turns byte offsets in a policy document into the line/column positions AWS reports.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/policy/policy.h"

namespace iamlite::policy {

// Locates offsets in one text. Lines are broken by "\n", "\r" or "\r\n"; columns count
// UTF-16 code units, as Java strings do. Cheapest when offsets are asked in increasing
// order (it scans forward from the last answer); any order is correct.
class TextLocator {
 public:
  explicit TextLocator(std::string_view text) : text_(text) {}

  // The line and column of the character at `offset` (clamped to the text's end).
  TextPosition At(std::size_t offset);

  // The position AWS reports for a bracket at `offset`: the place just after it.
  TextPosition After(std::size_t offset) {
    TextPosition p = At(offset);
    ++p.column;
    return p;
  }

 private:
  std::string_view text_;
  std::size_t offset_ = 0;  // where `here_` is
  TextPosition here_;
};

}  // namespace iamlite::policy
