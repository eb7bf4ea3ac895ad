// A read-only JSON tree over a text, for decoding snapshots and journal records fast.
//
// JsonTree::Parse checks the text as strictly as nlohmann::json::parse (RFC 8259: UTF-8,
// escapes, surrogate pairs, number syntax, nothing after the value; a UTF-8 byte order mark
// is skipped) and also refuses duplicate object keys, nesting deeper than kMaxDepth and a NUL
// byte after the value (nlohmann takes a NUL for the end of the text). The
// nodes live in one vector in document order (a container's members follow it), strings are
// views into the text (or, when they hold escapes, into one buffer of decoded text), and
// arrays index their items, so a tree costs a few allocations however large the text, and a
// tree kept between parses reuses its memory.
//
// JsonNode offers the part of nlohmann::json's interface that BasicJsonIn (json_in.h) uses,
// so the state decoders read either. Differences: objects iterate in document order (not
// sorted), and a number with a fraction or exponent keeps no value (the decoders only read
// integers). The text must outlive the tree.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/state/json_in.h"

namespace iamlite::state {

class JsonNode {
 public:
  enum class Kind : std::uint8_t {
    kNull,
    kFalse,
    kTrue,
    kInt,    // a negative integer (or -0)
    kUint,   // a non-negative integer
    kFloat,  // any other number (a fraction, an exponent, or too large for 64 bits)
    kString,
    kArray,
    kObject,
  };

  // Over an object's members (key() and value()) or an array's items (value() only).
  class const_iterator {
   public:
    std::string_view key() const { return at_->Text(); }
    const JsonNode& value() const { return object_ ? at_[1] : *at_; }
    const JsonNode& operator*() const { return value(); }
    const JsonNode* operator->() const { return &value(); }
    const_iterator& operator++() {
      at_ += object_ ? 1 + at_[1].span_ : at_->span_;
      return *this;
    }
    bool operator==(const const_iterator&) const = default;

   private:
    friend class JsonNode;
    const_iterator(const JsonNode* at, bool object) : at_(at), object_(object) {}
    const JsonNode* at_;
    bool object_;
  };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_boolean() const { return kind_ == Kind::kFalse || kind_ == Kind::kTrue; }
  bool is_number() const {
    return kind_ == Kind::kInt || kind_ == Kind::kUint || kind_ == Kind::kFloat;
  }
  bool is_number_integer() const { return kind_ == Kind::kInt || kind_ == Kind::kUint; }
  bool is_number_unsigned() const { return kind_ == Kind::kUint; }
  bool is_number_float() const { return kind_ == Kind::kFloat; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  // Members of an object, items of an array, 0 for null and 1 for anything else (as nlohmann).
  std::size_t size() const {
    if (kind_ == Kind::kArray || kind_ == Kind::kObject) return len_;
    return kind_ == Kind::kNull ? 0 : 1;
  }
  // The item `i` of an array; i < size().
  const JsonNode& operator[](std::size_t i) const { return this[v_.items[i]]; }

  const_iterator begin() const { return const_iterator(this + 1, kind_ == Kind::kObject); }
  const_iterator end() const { return const_iterator(this + span_, kind_ == Kind::kObject); }
  // The member `key` of an object; end() when absent (or when this is no object).
  const_iterator find(std::string_view key) const {
    if (kind_ != Kind::kObject) return end();
    const JsonNode* stop = this + span_;
    for (const JsonNode* k = this + 1; k != stop; k += 1 + k[1].span_)
      if (k->Text() == key) return const_iterator(k, true);
    return end();
  }
  bool contains(std::string_view key) const { return find(key) != end(); }

  // The text of a string (its escapes decoded).
  std::string_view Text() const { return {v_.str, len_}; }

  // As nlohmann's get<T>() for the types the decoders read; the kind must fit.
  template <class T>
  T get() const {
    if constexpr (std::is_same_v<T, std::string>) {
      return std::string(Text());
    } else if constexpr (std::is_same_v<T, bool>) {
      return kind_ == Kind::kTrue;
    } else {
      static_assert(std::is_integral_v<T>);
      return kind_ == Kind::kInt ? static_cast<T>(v_.i) : static_cast<T>(v_.u);
    }
  }

  // An empty array that belongs to no tree.
  static const JsonNode& EmptyArray();
  static const JsonNode& EmptyObject();

 private:
  friend class JsonTree;
  union {
    const char* str;
    std::int64_t i;
    std::uint64_t u;
    const std::uint32_t* items;  // arrays: the offset of each item from this node
  } v_{};
  std::uint32_t len_ = 0;   // string: bytes; array or object: items or members
  std::uint32_t span_ = 1;  // nodes in this subtree, this one included
  Kind kind_ = Kind::kNull;
};

class JsonTree {
 public:
  static constexpr int kMaxDepth = 512;

  // Parses `text`, replacing what the tree held; the root on success. A syntax error reads
  // "not JSON: <what> (line L, column C)". `text` must outlive the tree's use.
  StateResult<const JsonNode*> Parse(std::string_view text);

  const JsonNode& root() const { return nodes_.front(); }
  std::size_t node_count() const { return nodes_.size(); }

 private:
  struct Open {
    std::uint32_t node;
    std::uint32_t count;
    std::size_t start;  // the offset of its bracket
    std::size_t items;  // arrays: where its items begin on item_stack_
  };
  class Parser;

  std::vector<JsonNode> nodes_;
  std::vector<std::uint32_t> items_;       // array item offsets, array after array
  std::vector<std::uint32_t> item_stack_;  // items of the arrays still open
  std::vector<Open> open_;
  std::unique_ptr<char[]> decoded_;  // strings with escapes, decoded
  std::size_t decoded_size_ = 0;
  std::size_t decoded_capacity_ = 0;
  std::vector<std::string_view> keys_;  // scratch for the duplicate check
};

}  // namespace iamlite::state
