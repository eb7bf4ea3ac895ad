// Everything one AWS account holds. Entities are immutable and shared; a Change (change.h)
// replaces or removes them. Ordered maps keyed by folded name give AWS's listing order and
// stable pagination markers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/entities.h"

namespace iamlite {

template <class T>
using Table = std::map<std::string, std::shared_ptr<const T>>;

struct AccountState {
  std::string account_id;
  // Bumped by every applied change; lets caches (compiled policy sets) detect staleness.
  std::uint64_t generation = 0;
  Table<User> users;  // key: FoldName(user name)

  template <class T>
  Table<T>& TableOf();
  template <class T>
  const Table<T>& TableOf() const {
    return const_cast<AccountState*>(this)->TableOf<T>();
  }
};

template <>
inline Table<User>& AccountState::TableOf<User>() {
  return users;
}

}  // namespace iamlite
