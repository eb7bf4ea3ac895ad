#include "core/state/json_tree.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

namespace iamlite::state {

const JsonNode& JsonNode::EmptyArray() {
  static const JsonNode empty = [] {
    JsonNode n;
    n.kind_ = Kind::kArray;
    return n;
  }();
  return empty;
}

const JsonNode& JsonNode::EmptyObject() {
  static const JsonNode empty = [] {
    JsonNode n;
    n.kind_ = Kind::kObject;
    return n;
  }();
  return empty;
}

namespace {

struct SyntaxError {
  std::size_t offset;
  std::string what;
};

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char* PutUtf8(char* out, std::uint32_t cp) {
  if (cp < 0x80) {
    *out++ = static_cast<char>(cp);
  } else if (cp < 0x800) {
    *out++ = static_cast<char>(0xC0 | (cp >> 6));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (cp >> 12));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (cp >> 18));
    *out++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (cp & 0x3F));
  }
  return out;
}

std::string Quoted(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  return out + "\"";
}

}  // namespace

class JsonTree::Parser {
 public:
  Parser(JsonTree& tree, std::string_view text) : t_(tree), s_(text.data()), n_(text.size()) {}

  void Run() {
    // A UTF-8 byte order mark is skipped, as nlohmann does.
    if (n_ >= 3 && std::memcmp(s_, "\xEF\xBB\xBF", 3) == 0) p_ = 3;
    SkipSpace();
    for (;;) {
      Value();
      // Close what ends here, then find the next value to read.
      for (;;) {
        SkipSpace();
        if (t_.open_.empty()) {
          if (p_ != n_) Fail("unexpected text after the value");
          return;
        }
        Open& o = t_.open_.back();
        JsonNode& node = t_.nodes_[o.node];
        const bool object = node.kind_ == JsonNode::Kind::kObject;
        if (p_ < n_ && s_[p_] == ',') {
          ++p_;
          SkipSpace();
          if (object) {
            Key();
          } else {
            t_.item_stack_.push_back(static_cast<std::uint32_t>(t_.nodes_.size() - o.node));
          }
          ++o.count;
          break;
        }
        if (p_ < n_ && s_[p_] == (object ? '}' : ']')) {
          ++p_;
          Close();
          continue;
        }
        Fail(object ? "expected ',' or '}'" : "expected ',' or ']'");
      }
    }
  }

 private:
  [[noreturn]] void Fail(std::string what) { throw SyntaxError{p_, std::move(what)}; }

  void SkipSpace() {
    while (p_ < n_) {
      char c = s_[p_];
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') return;
      ++p_;
    }
  }

  JsonNode& Push(JsonNode::Kind kind) {
    if (t_.nodes_.size() >= std::numeric_limits<std::uint32_t>::max()) Fail("too many values");
    JsonNode& n = t_.nodes_.emplace_back();
    n.kind_ = kind;
    return n;
  }

  // One value; a container is opened and its first member or item begun.
  void Value() {
    if (p_ >= n_) Fail("unexpected end of input; expected a value");
    switch (s_[p_]) {
      case '{':
      case '[':
        OpenContainer();
        return;
      case '"':
        String(Push(JsonNode::Kind::kString));
        return;
      case 't':
        Literal("true", JsonNode::Kind::kTrue);
        return;
      case 'f':
        Literal("false", JsonNode::Kind::kFalse);
        return;
      case 'n':
        Literal("null", JsonNode::Kind::kNull);
        return;
      default:
        if (s_[p_] == '-' || (s_[p_] >= '0' && s_[p_] <= '9')) {
          Number();
          return;
        }
        Fail("expected a value");
    }
  }

  void OpenContainer() {
    for (;;) {
      const bool object = s_[p_] == '{';
      if (t_.open_.size() >= static_cast<std::size_t>(kMaxDepth))
        Fail("nested deeper than " + std::to_string(kMaxDepth) + " levels");
      const auto node = static_cast<std::uint32_t>(t_.nodes_.size());
      Push(object ? JsonNode::Kind::kObject : JsonNode::Kind::kArray);
      t_.open_.push_back(Open{node, 0, p_, t_.item_stack_.size()});
      ++p_;
      SkipSpace();
      if (p_ < n_ && s_[p_] == (object ? '}' : ']')) {
        ++p_;
        Close();
        return;  // the caller's loop looks for what follows
      }
      t_.open_.back().count = 1;
      if (object) {
        Key();
      } else {
        t_.item_stack_.push_back(1);
      }
      // The first member's value: a nested container is opened here without recursion.
      if (p_ < n_ && (s_[p_] == '{' || s_[p_] == '[')) continue;
      Value();
      return;
    }
  }

  // A member's key and its colon; the value follows.
  void Key() {
    if (p_ >= n_ || s_[p_] != '"') Fail("expected a string as an object key");
    String(Push(JsonNode::Kind::kString));
    SkipSpace();
    if (p_ >= n_ || s_[p_] != ':') Fail("expected ':' after an object key");
    ++p_;
    SkipSpace();
  }

  void Close() {
    Open o = t_.open_.back();
    t_.open_.pop_back();
    JsonNode& node = t_.nodes_[o.node];
    node.span_ = static_cast<std::uint32_t>(t_.nodes_.size() - o.node);
    node.len_ = o.count;
    if (node.kind_ == JsonNode::Kind::kArray) {
      // The offset of its items, made a pointer once the parse is over.
      node.v_.u = t_.items_.size();
      t_.items_.insert(t_.items_.end(), t_.item_stack_.begin() + static_cast<long>(o.items),
                       t_.item_stack_.end());
      t_.item_stack_.resize(o.items);
    } else if (o.count > 1) {
      CheckDuplicates(o);
    }
  }

  void CheckDuplicates(const Open& o) {
    auto& keys = t_.keys_;
    keys.clear();
    const JsonNode* obj = &t_.nodes_[o.node];
    for (auto it = obj->begin(); it != obj->end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    auto dup = std::adjacent_find(keys.begin(), keys.end());
    if (dup != keys.end()) {
      p_ = o.start;
      Fail("duplicate key " + Quoted(*dup) + " in this object");
    }
  }

  void Literal(std::string_view word, JsonNode::Kind kind) {
    if (n_ - p_ < word.size() || std::memcmp(s_ + p_, word.data(), word.size()) != 0)
      Fail("expected a value");
    p_ += word.size();
    Push(kind);
  }

  void Number() {
    const std::size_t start = p_;
    const bool negative = s_[p_] == '-';
    if (negative) ++p_;
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (p_ < n_ && s_[p_] == '0') {
      ++p_;
    } else if (p_ < n_ && s_[p_] >= '1' && s_[p_] <= '9') {
      while (p_ < n_ && s_[p_] >= '0' && s_[p_] <= '9') {
        auto d = static_cast<std::uint64_t>(s_[p_] - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) overflow = true;
        magnitude = magnitude * 10 + d;
        ++p_;
      }
    } else {
      Fail("expected a digit");
    }
    bool integer = true;
    if (p_ < n_ && s_[p_] == '.') {
      integer = false;
      ++p_;
      if (p_ >= n_ || s_[p_] < '0' || s_[p_] > '9') Fail("expected a digit after '.'");
      while (p_ < n_ && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
    }
    if (p_ < n_ && (s_[p_] == 'e' || s_[p_] == 'E')) {
      integer = false;
      ++p_;
      if (p_ < n_ && (s_[p_] == '+' || s_[p_] == '-')) ++p_;
      if (p_ >= n_ || s_[p_] < '0' || s_[p_] > '9') Fail("expected a digit in the exponent");
      while (p_ < n_ && s_[p_] >= '0' && s_[p_] <= '9') ++p_;
    }
    constexpr std::uint64_t kMinMagnitude = std::uint64_t{1} << 63;  // -INT64_MIN
    if (!integer || overflow || (negative && magnitude > kMinMagnitude)) {
      // As nlohmann: a double, refused when it does not fit one (1e400, 400 digits).
      const std::string digits(s_ + start, p_ - start);
      if (!std::isfinite(std::strtod(digits.c_str(), nullptr))) {
        p_ = start;
        Fail("number overflow");
      }
      Push(JsonNode::Kind::kFloat);
    } else if (negative) {
      JsonNode& n = Push(JsonNode::Kind::kInt);
      n.v_.i = magnitude == kMinMagnitude ? std::numeric_limits<std::int64_t>::min()
                                          : -static_cast<std::int64_t>(magnitude);
    } else {
      Push(JsonNode::Kind::kUint).v_.u = magnitude;
    }
  }

  // Checks one UTF-8 sequence at p_ (its first byte >= 0x80) and steps over it.
  void Utf8() {
    auto byte = [&](std::size_t i) -> unsigned {
      return p_ + i < n_ ? static_cast<unsigned char>(s_[p_ + i]) : 0u;
    };
    const unsigned b0 = byte(0);
    unsigned lo = 0x80, hi = 0xBF;
    int more;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      more = 1;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      more = 2;
      if (b0 == 0xE0) lo = 0xA0;
      if (b0 == 0xED) hi = 0x9F;
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      more = 3;
      if (b0 == 0xF0) lo = 0x90;
      if (b0 == 0xF4) hi = 0x8F;
    } else {
      Fail("invalid UTF-8 in a string");
    }
    const unsigned b1 = byte(1);
    if (b1 < lo || b1 > hi) Fail("invalid UTF-8 in a string");
    for (int k = 2; k <= more; ++k) {
      const unsigned b = byte(static_cast<std::size_t>(k));
      if (b < 0x80 || b > 0xBF) Fail("invalid UTF-8 in a string");
    }
    p_ += static_cast<std::size_t>(more) + 1;
  }

  std::uint32_t Hex4() {
    if (n_ - p_ < 4) Fail("expected four hex digits after \\u");
    std::uint32_t v = 0;
    for (int k = 0; k < 4; ++k) {
      int d = HexDigit(s_[p_ + static_cast<std::size_t>(k)]);
      if (d < 0) Fail("expected four hex digits after \\u");
      v = v * 16 + static_cast<std::uint32_t>(d);
    }
    p_ += 4;
    return v;
  }

  // A string at p_ (its opening quote) into `node`.
  void String(JsonNode& node) {
    ++p_;
    const std::size_t begin = p_;
    // The common case: no escapes, so the node views the text.
    for (;;) {
      if (p_ >= n_) Fail("unexpected end of input in a string");
      const auto c = static_cast<unsigned char>(s_[p_]);
      if (c == '"') {
        Finish(node, s_ + begin, p_ - begin);
        ++p_;
        return;
      }
      if (c == '\\') break;
      if (c < 0x20) Fail("a control character must be escaped in a string");
      if (c < 0x80) {
        ++p_;
      } else {
        Utf8();
      }
    }
    // Escapes: decoded into the tree's buffer, which holds at least the text's size and a
    // decoded string is never longer than its source.
    char* const out0 = t_.decoded_.get() + t_.decoded_size_;
    std::memcpy(out0, s_ + begin, p_ - begin);
    char* out = out0 + (p_ - begin);
    for (;;) {
      if (p_ >= n_) Fail("unexpected end of input in a string");
      const auto c = static_cast<unsigned char>(s_[p_]);
      if (c == '"') {
        ++p_;
        break;
      }
      if (c < 0x20) Fail("a control character must be escaped in a string");
      if (c >= 0x80) {
        const std::size_t from = p_;
        Utf8();
        std::memcpy(out, s_ + from, p_ - from);
        out += p_ - from;
        continue;
      }
      if (c != '\\') {
        *out++ = static_cast<char>(c);
        ++p_;
        continue;
      }
      ++p_;
      if (p_ >= n_) Fail("unexpected end of input in a string");
      const char e = s_[p_++];
      switch (e) {
        case '"':
        case '\\':
        case '/':
          *out++ = e;
          break;
        case 'b':
          *out++ = '\b';
          break;
        case 'f':
          *out++ = '\f';
          break;
        case 'n':
          *out++ = '\n';
          break;
        case 'r':
          *out++ = '\r';
          break;
        case 't':
          *out++ = '\t';
          break;
        case 'u': {
          std::uint32_t cp = Hex4();
          if (cp >= 0xDC00 && cp <= 0xDFFF) Fail("a low surrogate without a high one");
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (n_ - p_ < 2 || s_[p_] != '\\' || s_[p_ + 1] != 'u')
              Fail("a high surrogate without a low one");
            p_ += 2;
            std::uint32_t low = Hex4();
            if (low < 0xDC00 || low > 0xDFFF) Fail("a high surrogate without a low one");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          }
          out = PutUtf8(out, cp);
          break;
        }
        default:
          --p_;
          Fail("an invalid escape in a string");
      }
    }
    const auto size = static_cast<std::size_t>(out - out0);
    t_.decoded_size_ += size;
    Finish(node, out0, size);
  }

  void Finish(JsonNode& node, const char* data, std::size_t size) {
    if (size > std::numeric_limits<std::uint32_t>::max()) Fail("a string too long");
    node.v_.str = data;
    node.len_ = static_cast<std::uint32_t>(size);
  }

  JsonTree& t_;
  const char* s_;
  std::size_t n_;
  std::size_t p_ = 0;
};

StateResult<const JsonNode*> JsonTree::Parse(std::string_view text) {
  nodes_.clear();
  items_.clear();
  item_stack_.clear();
  open_.clear();
  decoded_size_ = 0;
  try {
    if (text.size() >= std::numeric_limits<std::uint32_t>::max())
      return std::unexpected(StateError{"", "not JSON: the text is larger than 4 GiB"});
    // Room for every string's decoded text: kept for the next parse when large enough.
    if (decoded_capacity_ < text.size()) {
      decoded_.reset();
      decoded_ = std::make_unique_for_overwrite<char[]>(text.size());
      decoded_capacity_ = text.size();
    }
    Parser(*this, text).Run();
  } catch (const SyntaxError& e) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < e.offset && i < text.size(); ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    return std::unexpected(StateError{"", "not JSON: " + e.what + " (line " + std::to_string(line) +
                                              ", column " + std::to_string(column) + ")"});
  } catch (const std::bad_alloc&) {
    return std::unexpected(StateError{"", "cannot read the JSON: out of memory"});
  }
  for (JsonNode& n : nodes_)
    if (n.kind_ == JsonNode::Kind::kArray) n.v_.items = items_.data() + n.v_.u;
  return &nodes_.front();
}

}  // namespace iamlite::state
