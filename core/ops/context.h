// What every IAM operation receives: the store, injected clock and ids, and the caller
// (whose account the operation acts on).
#pragma once

#include "core/caller.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/store.h"

namespace iamlite {

struct OpContext {
  Store& store;
  const Clock& clock;
  IdGenerator& ids;
  const Caller& caller;

  const std::string& account() const { return caller.account; }
};

}  // namespace iamlite
