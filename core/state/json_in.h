// Reading a JSON tree strictly, with errors that name where they happened.
//
// Decoders walk the tree with JsonIn values; any mismatch throws DecodeError carrying the
// JSON path ("$.accounts[\"123456789012\"].users[3].name") and the problem. DecodeError never
// leaves core/state: every public function catches it at its edge and returns an error value.
#pragma once

#include <cstdint>
#include <exception>
#include <expected>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace iamlite::state {

// What went wrong in a state document, journal record or fixture, and where: the value every
// public function of core/state returns on bad input.
struct StateError {
  std::string path;  // JSON path, e.g. "$.accounts[\"123456789012\"].users[0]"; may be empty
  std::string message;
  std::string ToString() const { return path.empty() ? message : path + ": " + message; }
};
template <class T>
using StateResult = std::expected<T, StateError>;

struct DecodeError : std::exception {
  DecodeError(std::string p, std::string m) : path(std::move(p)), message(std::move(m)) {}
  const char* what() const noexcept override { return message.c_str(); }
  std::string path;
  std::string message;
};

// "$", then ".name" for identifier-like keys, "[\"odd key\"]" for others, "[3]" for items.
std::string AppendKey(std::string path, std::string_view key);
std::string AppendIndex(std::string path, std::size_t index);

// A position in a JSON tree. Children keep a pointer to their parent (for the path, built
// only when an error is thrown), so a child must not outlive the JsonIn it came from.
template <class Json>
class BasicJsonIn {
 public:
  using json_type = Json;

  explicit BasicJsonIn(const Json& j) : j_(j) {}

  const Json& json() const { return j_; }

  std::string Path() const {
    if (!parent_) return "$";
    return is_index_ ? AppendIndex(parent_->Path(), index_) : AppendKey(parent_->Path(), key_);
  }
  [[noreturn]] void Fail(std::string message) const {
    throw DecodeError(Path(), std::move(message));
  }

  // Checks that this is an object whose members are all in `allowed`.
  const BasicJsonIn& Object(std::initializer_list<std::string_view> allowed) const {
    if (!j_.is_object()) Fail("expected an object");
    // Of several unknown members, the first in key order (the order nlohmann's objects keep),
    // so that either JSON reader names the same one.
    auto first = j_.end();
    for (auto it = j_.begin(); it != j_.end(); ++it) {
      bool known = false;
      for (auto a : allowed) known = known || a == it.key();
      if (!known &&
          (first == j_.end() || std::string_view(it.key()) < std::string_view(first.key())))
        first = it;
    }
    if (first != j_.end()) Child(first.key(), first.value()).Fail("unknown field");
    return *this;
  }
  const BasicJsonIn& Array() const {
    if (!j_.is_array()) Fail("expected an array");
    return *this;
  }
  bool Has(std::string_view key) const { return j_.is_object() && j_.contains(key); }

  // The member `key` of this object; fails when absent.
  BasicJsonIn At(std::string_view key) const {
    if (!j_.is_object()) Fail("expected an object");
    auto it = j_.find(key);
    if (it == j_.end()) Fail("missing required field \"" + std::string(key) + "\"");
    return Child(key, *it);
  }
  BasicJsonIn Item(std::size_t i) const {
    BasicJsonIn c(j_[i]);
    c.parent_ = this;
    c.is_index_ = true;
    c.index_ = i;
    return c;
  }
  BasicJsonIn Child(std::string_view key, const Json& value) const {
    BasicJsonIn c(value);
    c.parent_ = this;
    c.key_ = key;
    return c;
  }
  std::size_t Size() const { return j_.size(); }

  std::string Str() const {
    if (!j_.is_string()) Fail("expected a string");
    return j_.template get<std::string>();
  }
  // The string's text without a copy (it views the tree).
  std::string_view View() const {
    if (!j_.is_string()) Fail("expected a string");
    if constexpr (requires { j_.Text(); }) {
      return j_.Text();
    } else {
      return j_.template get_ref<const std::string&>();
    }
  }
  std::string NonEmptyStr() const {
    std::string s = Str();
    if (s.empty()) Fail("must not be empty");
    return s;
  }
  bool Bool() const {
    if (!j_.is_boolean()) Fail("expected true or false");
    return j_.template get<bool>();
  }
  std::int64_t Int(std::int64_t min, std::int64_t max) const {
    if (!j_.is_number_integer()) Fail("expected an integer");
    if (j_.is_number_unsigned() &&
        j_.template get<std::uint64_t>() > static_cast<std::uint64_t>(max))
      Fail("must be at most " + std::to_string(max));
    std::int64_t v = j_.template get<std::int64_t>();
    if (v < min || v > max)
      Fail("must be between " + std::to_string(min) + " and " + std::to_string(max));
    return v;
  }
  int SmallInt(int min, int max) const { return static_cast<int>(Int(min, max)); }
  TimeMs Time() const;

  // Optional members: the default when absent.
  std::string StrOr(std::string_view key, std::string fallback) const {
    return Has(key) ? At(key).Str() : fallback;
  }
  bool BoolOr(std::string_view key, bool fallback) const {
    return Has(key) ? At(key).Bool() : fallback;
  }

 private:
  const Json& j_;
  const BasicJsonIn* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

// ISO 8601 UTC with milliseconds, "2023-11-14T22:13:20.123Z", and back. Parsing also takes
// whole seconds ("2023-11-14T22:13:20Z"); nullopt for anything else.
std::string FormatTime(TimeMs t);
std::optional<TimeMs> ParseTime(std::string_view text);

template <class Json>
TimeMs BasicJsonIn<Json>::Time() const {
  auto t = ParseTime(View());
  if (!t) Fail("expected a time such as \"2024-05-01T12:34:56.000Z\"");
  return *t;
}

using JsonIn = BasicJsonIn<nlohmann::json>;
class JsonNode;                        // json_tree.h
using TreeIn = BasicJsonIn<JsonNode>;  // snapshots and journal records

}  // namespace iamlite::state
