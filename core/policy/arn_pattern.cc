#include "core/policy/arn_pattern.h"

namespace iamlite::policy {
namespace {

// Where the pattern's parts end: the first five colons outside ${...} (when variables are
// on, a variable such as ${aws:username} holds a colon that is not a separator).
std::vector<std::string_view> SplitPattern(std::string_view text, bool variables) {
  std::vector<std::string_view> parts;
  std::size_t start = 0, i = 0;
  while (i < text.size() && parts.size() < 5) {
    if (variables && text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const auto close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        i = close + 1;
        continue;
      }
    }
    if (text[i] == ':') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
    ++i;
  }
  parts.push_back(text.substr(start));
  return parts;
}

}  // namespace

ArnParts ArnParts::Split(std::string_view arn) {
  ArnParts out;
  out.text = arn;
  std::size_t start = 0;
  while (out.count < 5) {
    const auto colon = arn.find(':', start);
    if (colon == std::string_view::npos) break;
    out.begin[static_cast<std::size_t>(out.count)] = start;
    out.part[static_cast<std::size_t>(out.count)] = arn.substr(start, colon - start);
    ++out.count;
    start = colon + 1;
  }
  out.begin[static_cast<std::size_t>(out.count)] = start;
  out.part[static_cast<std::size_t>(out.count)] = arn.substr(start);
  ++out.count;
  return out;
}

ArnPattern::ArnPattern(std::string_view text, bool variables) : text_(text) {
  any_ = text == "*";
  const StringPattern::Options options{.wildcards = true, .variables = variables};
  for (std::string_view part : SplitPattern(text, variables)) parts_.emplace_back(part, options);
  // Whole literal parts with their colons, then the literal start of the first part that is
  // not all literal text.
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    const std::string_view lit = parts_[i].literal_prefix();
    prefix_ += lit;
    const bool all_literal = lit.size() == parts_[i].text().size();
    if (!all_literal) break;
    if (i + 1 == parts_.size()) {
      all_literal_ = true;
      break;
    }
    prefix_ += ':';
    ++literal_parts_;
  }
}

bool ArnPattern::Matches(const ArnParts& arn, const ContextKeys& context,
                         std::vector<std::string_view>* unresolved) const {
  if (any_) return true;
  if (!arn.text.starts_with(prefix_)) return false;
  const int n = static_cast<int>(parts_.size());
  if (n > arn.count) return false;
  if (all_literal_) return arn.text.size() == prefix_.size();
  // The parts inside the prefix matched with it.
  for (int i = literal_parts_; i < n; ++i) {
    const std::string_view target =
        i == n - 1 ? arn.From(i) : arn.part[static_cast<std::size_t>(i)];
    if (!parts_[static_cast<std::size_t>(i)].Matches(target, context, false, unresolved))
      return false;
  }
  return true;
}

bool ArnPattern::has_variables() const {
  for (const StringPattern& p : parts_)
    if (p.has_variables()) return true;
  return false;
}

std::optional<std::string> ArnPattern::Substitute(const ContextKeys& context) const {
  std::string out;
  for (std::size_t i = 0; i < parts_.size(); ++i) {
    auto part = parts_[i].Substitute(context);
    if (!part) return std::nullopt;
    if (i > 0) out.push_back(':');
    out += *part;
  }
  return out;
}

}  // namespace iamlite::policy
