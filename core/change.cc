#include "core/change.h"

namespace iamlite {
namespace {

template <class T>
void ApplyOp(AccountState& s, const Put<T>& op) {
  s.TableOf<T>()[op.key] = op.value;
}

template <class T>
void ApplyOp(AccountState& s, const Erase<T>& op) {
  s.TableOf<T>().erase(op.key);
}

void ApplyOp(AccountState& s, const Put<AccountSettings>& op) { s.settings = op.value; }

}  // namespace

void ApplyChange(AccountState& state, const Change& change) {
  for (const auto& op : change.ops) std::visit([&](const auto& o) { ApplyOp(state, o); }, op);
  ++state.generation;
}

}  // namespace iamlite
