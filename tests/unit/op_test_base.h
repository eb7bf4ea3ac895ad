// The fixture every core operation test starts from: an empty store, a fake clock, seeded
// ids and the root caller of the default account, bundled as an OpContext.
#pragma once

#include <gtest/gtest.h>

#include "core/caller.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/ops/context.h"
#include "core/store.h"

namespace iamlite::testing {

class OpTest : public ::testing::Test {
 protected:
  Store store_;
  FakeClock clock_{1'700'000'000'000};
  SeededIdGenerator ids_{7};
  Caller caller_ = Caller::Root("123456789012");
  OpContext ctx_{store_, clock_, ids_, caller_};
};

}  // namespace iamlite::testing
