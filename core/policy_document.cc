// PolicyDocument (entities.h): the text, shared between identical documents, and the parsed
// form built on first use.
#include <array>
#include <functional>
#include <mutex>
#include <utility>

#include "core/entities.h"
#include "core/policy/parser.h"

namespace iamlite {
namespace {

// Where identical texts find each other: a fixed table of weak references indexed by the
// text's hash. Lossy on purpose: a slot holds the latest text that hashed to it, and a
// collision only costs a separate copy, so the pool needs no per-document entry (which
// would cost documents with distinct texts more than sharing saves) and no sweeping. Its
// size is fixed: kSlots weak references, each keeping at most one dead string header.
class TextPool {
 public:
  std::shared_ptr<const std::string> Intern(std::string text) {
    const std::size_t hash = std::hash<std::string>{}(text);
    std::lock_guard lock(mu_);
    if (!slots_) slots_ = std::make_unique<std::array<Slot, kSlots>>();
    Slot& slot = (*slots_)[hash % kSlots];
    if (slot.hash == hash)
      if (auto shared = slot.text.lock(); shared && *shared == text) return shared;
    auto made = std::make_shared<const std::string>(std::move(text));
    slot.hash = hash;
    slot.text = made;
    return made;
  }

 private:
  static constexpr std::size_t kSlots = 4096;
  struct Slot {
    std::size_t hash = 0;
    std::weak_ptr<const std::string> text;
  };
  std::mutex mu_;
  std::unique_ptr<std::array<Slot, kSlots>> slots_;  // made on first use
};

TextPool& Pool() {
  static auto* pool = new TextPool();  // never destroyed: documents may outlive statics
  return *pool;
}

const std::string& EmptyText() {
  static const std::string* empty = new std::string();
  return *empty;
}

}  // namespace

PolicyDocument::PolicyDocument() : kind_(policy::PolicyKind::kInlineIdentity) {}

PolicyDocument::PolicyDocument(std::string text, policy::PolicyKind kind,
                               std::shared_ptr<const policy::Policy> parsed)
    : text_(Pool().Intern(std::move(text))), kind_(kind), parsed_(std::move(parsed)) {}

PolicyDocument::PolicyDocument(const PolicyDocument& other)
    : text_(other.text_),
      kind_(other.kind_),
      parsed_(other.parsed_.load(std::memory_order_acquire)) {}

PolicyDocument::PolicyDocument(PolicyDocument&& other) noexcept
    : text_(std::move(other.text_)),
      kind_(other.kind_),
      parsed_(other.parsed_.exchange(nullptr, std::memory_order_acq_rel)) {}

PolicyDocument& PolicyDocument::operator=(const PolicyDocument& other) {
  if (this != &other) {
    text_ = other.text_;
    kind_ = other.kind_;
    parsed_.store(other.parsed_.load(std::memory_order_acquire), std::memory_order_release);
  }
  return *this;
}

PolicyDocument& PolicyDocument::operator=(PolicyDocument&& other) noexcept {
  if (this != &other) {
    text_ = std::move(other.text_);
    kind_ = other.kind_;
    parsed_.store(other.parsed_.exchange(nullptr, std::memory_order_acq_rel),
                  std::memory_order_release);
  }
  return *this;
}

PolicyDocument::~PolicyDocument() = default;

const std::string& PolicyDocument::text() const { return text_ ? *text_ : EmptyText(); }

std::shared_ptr<const policy::Policy> PolicyDocument::Parsed() const {
  if (auto p = parsed_.load(std::memory_order_acquire)) return p;
  auto parsed = policy::ParsePolicy(text(), kind_);
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
