// What every IAM operation receives: the store, injected clock and ids, and the caller
// (whose account the operation acts on).
#pragma once

#include "core/caller.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/store.h"

namespace iamlite {

struct Runtime;  // core/runtime.h

struct OpContext {
  Store& store;
  const Clock& clock;
  IdGenerator& ids;
  const Caller& caller;
  // What the server holds in memory besides the store (activity, report jobs, delegation
  // requests); null in tests that need none of it.
  Runtime* runtime = nullptr;

  const std::string& account() const { return caller.account; }
};

}  // namespace iamlite
