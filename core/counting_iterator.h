// An input iterator over a char buffer that counts the characters pulled through it. Fed to
// nlohmann's SAX parser, it tells each event how far into the text the lexer is (the lexer
// reads structural characters without lookahead; numbers are one character further).
#pragma once

#include <cstddef>
#include <iterator>

namespace iamlite {

class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* p, std::size_t* pulled) : p_(p), pulled_(pulled) {}
  reference operator*() const { return *p_; }
  CountingIterator& operator++() {
    ++p_;
    ++*pulled_;
    return *this;
  }
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) {
    return a.p_ == b.p_;
  }

 private:
  const char* p_;
  std::size_t* pulled_;
};

}  // namespace iamlite
