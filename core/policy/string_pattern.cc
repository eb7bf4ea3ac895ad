#include "core/policy/string_pattern.h"

#include <array>

#include "core/policy/wildcard.h"

namespace iamlite::policy {

StringPattern::StringPattern(std::string_view text, Options options)
    : text_(text), wildcards_(options.wildcards) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (options.variables && c == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const auto close = text.find('}', i + 2);
      if (close != std::string_view::npos) {
        VariableBody body = ParseVariableBody(text.substr(i + 2, close - i - 2));
        raw_glob_ = false;
        if (body.kind == VariableBody::Kind::kLiteral) {
          AddLiteral(std::string_view(&body.literal, 1));
        } else {
          tokens_.push_back({Kind::kVariable, static_cast<std::uint32_t>(variables_.size()), 0});
          variables_.push_back(std::move(body.variable));
          plain_ = false;
        }
        i = close + 1;
        continue;
      }
    }
    if (options.wildcards && (c == '*' || c == '?')) {
      tokens_.push_back({c == '*' ? Kind::kStar : Kind::kQuestion, 0, 0});
      plain_ = false;
    } else {
      AddLiteral(std::string_view(&c, 1));
    }
    ++i;
  }
  any_ = tokens_.size() == 1 && tokens_[0].kind == Kind::kStar;
  shape_ = ShapeOf(text_);
}

void StringPattern::AddLiteral(std::string_view s) {
  if (tokens_.empty() || tokens_.back().kind != Kind::kLiteral) {
    tokens_.push_back({Kind::kLiteral, static_cast<std::uint32_t>(literals_.size()), 0});
  }
  literals_.append(s);
  tokens_.back().size += static_cast<std::uint32_t>(s.size());
}

// Greedy wildcard matching over pieces (literal runs and wildcards) with one backtracking
// point, as in wildcard.cc; the pattern cursor is (piece, offset).
bool StringPattern::MatchPieces(std::span<const Piece> pieces, std::string_view text, bool fold) {
  const std::size_t n = pieces.size();
  std::size_t k = 0, o = 0;
  auto settle = [&](std::size_t& pk, std::size_t& po) {
    while (pk < n && pieces[pk].kind == Kind::kLiteral && po >= pieces[pk].text.size()) {
      ++pk;
      po = 0;
    }
  };
  settle(k, o);
  std::size_t t = 0, star = n, resume = 0;
  while (t < text.size()) {
    if (k < n && pieces[k].kind == Kind::kStar) {
      star = k++;
      o = 0;
      settle(k, o);
      resume = t;
    } else if (k < n && pieces[k].kind == Kind::kQuestion) {
      ++k;
      o = 0;
      settle(k, o);
      ++t;
    } else if (k < n && (fold ? FoldChar(pieces[k].text[o]) == FoldChar(text[t])
                              : pieces[k].text[o] == text[t])) {
      ++o;
      settle(k, o);
      ++t;
    } else if (star < n) {
      k = star + 1;
      o = 0;
      settle(k, o);
      t = ++resume;
    } else {
      return false;
    }
  }
  while (k < n && pieces[k].kind == Kind::kStar) {
    ++k;
    o = 0;
    settle(k, o);
  }
  return k == n;
}

std::string_view StringPattern::literal_prefix() const {
  if (tokens_.empty() || tokens_.front().kind != Kind::kLiteral) return {};
  return std::string_view(literals_).substr(0, tokens_.front().size);
}

bool StringPattern::Matches(std::string_view text, const ContextKeys& context, bool ignore_case,
                            std::vector<std::string_view>* unresolved) const {
  if (any_) return true;
  if (plain_) return ignore_case ? EqualsNoCase(literals_, text) : literals_ == text;
  if (raw_glob_) {
    return ignore_case ? WildcardMatchNoCase(text_, text) : MatchShaped(shape_, text_, text);
  }
  std::array<Piece, kInlinePieces> inline_pieces;
  std::vector<Piece> heap_pieces;
  Piece* pieces = inline_pieces.data();
  if (tokens_.size() > kInlinePieces) {
    heap_pieces.resize(tokens_.size());
    pieces = heap_pieces.data();
  }
  bool resolved = true;
  for (std::size_t i = 0; i < tokens_.size(); ++i) {
    const Token& tk = tokens_[i];
    if (tk.kind == Kind::kVariable) {
      const PolicyVariable& variable = variables_[tk.begin];
      auto value = ResolveVariable(variable, context);
      if (!value) {
        // Keep going, so that every missing key is reported.
        resolved = false;
        if (unresolved == nullptr) return false;
        unresolved->push_back(variable.key);
        continue;
      }
      pieces[i] = {Kind::kLiteral, *value};
    } else if (tk.kind == Kind::kLiteral) {
      pieces[i] = {Kind::kLiteral, std::string_view(literals_).substr(tk.begin, tk.size)};
    } else {
      pieces[i] = {tk.kind, {}};
    }
  }
  if (!resolved) return false;
  return MatchPieces(std::span<const Piece>(pieces, tokens_.size()), text, ignore_case);
}

std::optional<std::string> StringPattern::Substitute(const ContextKeys& context) const {
  std::string out;
  for (const Token& tk : tokens_) {
    switch (tk.kind) {
      case Kind::kLiteral:
        out.append(literals_, tk.begin, tk.size);
        break;
      case Kind::kStar:
        out.push_back('*');
        break;
      case Kind::kQuestion:
        out.push_back('?');
        break;
      case Kind::kVariable: {
        auto value = ResolveVariable(variables_[tk.begin], context);
        if (!value) return std::nullopt;
        out.append(*value);
        break;
      }
    }
  }
  return out;
}

}  // namespace iamlite::policy
