// PolicyDocument (entities.h): the text, and the parsed form built on first use.
#include <utility>

#include "core/entities.h"
#include "core/policy/parser.h"

namespace iamlite {

PolicyDocument::PolicyDocument() : kind_(policy::PolicyKind::kInlineIdentity) {}

PolicyDocument::PolicyDocument(std::string text, policy::PolicyKind kind,
                               std::shared_ptr<const policy::Policy> parsed)
    : text(std::move(text)), kind_(kind), parsed_(std::move(parsed)) {}

PolicyDocument::PolicyDocument(const PolicyDocument& other)
    : text(other.text),
      kind_(other.kind_),
      parsed_(other.parsed_.load(std::memory_order_acquire)) {}

PolicyDocument::PolicyDocument(PolicyDocument&& other) noexcept
    : text(std::move(other.text)),
      kind_(other.kind_),
      parsed_(other.parsed_.exchange(nullptr, std::memory_order_acq_rel)) {}

PolicyDocument& PolicyDocument::operator=(const PolicyDocument& other) {
  if (this != &other) {
    text = other.text;
    kind_ = other.kind_;
    parsed_.store(other.parsed_.load(std::memory_order_acquire), std::memory_order_release);
  }
  return *this;
}

PolicyDocument& PolicyDocument::operator=(PolicyDocument&& other) noexcept {
  if (this != &other) {
    text = std::move(other.text);
    kind_ = other.kind_;
    parsed_.store(other.parsed_.exchange(nullptr, std::memory_order_acq_rel),
                  std::memory_order_release);
  }
  return *this;
}

PolicyDocument::~PolicyDocument() = default;

std::shared_ptr<const policy::Policy> PolicyDocument::Parsed() const {
  if (auto p = parsed_.load(std::memory_order_acquire)) return p;
  auto parsed = policy::ParsePolicy(text, kind_);
  if (!parsed) return nullptr;
  // Two threads may parse at once; the first to publish wins and both return its result, so
  // every caller sees one object (policy::CompileCached keys its cache by that identity).
  std::shared_ptr<const policy::Policy> expected;
  if (parsed_.compare_exchange_strong(expected, *parsed, std::memory_order_acq_rel,
                                      std::memory_order_acquire))
    return *parsed;
  return expected;
}

}  // namespace iamlite
