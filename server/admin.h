// The emulator's own endpoints, beside the AWS API (JSON in and out):
//
//   POST /iamlite/reset[?account=ID]   empty every account, or one
//   GET  /iamlite/state[?secrets=true] export the whole state (core/state/document.h)
//   PUT  /iamlite/state                replace the whole state, all or nothing
//   POST /moto-api/reset               as moto: same as /iamlite/reset
//   POST /moto-api/reset-auth          as moto: the body is the number of initial requests
//                                      allowed without authentication ("inf" by default);
//                                      answers the previous number. Once used up, every
//                                      AWS request is verified and authorized (enforce
//                                      mode without the clock-skew check)
//   POST /iamlite/authorize            is this allowed? (server/authorize_endpoint.h; App
//                                      routes it, not HandleAdmin)
//
// Errors answer {"error": "...", "message": "...", "path": "..."} with 400, 404, 405 or 500.
#pragma once

#include <cstdint>
#include <limits>
#include <mutex>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/runtime.h"
#include "core/store.h"
#include "server/http_types.h"

namespace iamlite {

// moto's INITIAL_NO_AUTH_ACTION_COUNT: how many AWS requests are served without
// authentication once reset-auth has set a finite count. As in moto's server, reset-auth
// restarts the request counter; the first `count` requests after it pass unauthenticated and
// every later one is authenticated and authorized (App: enforce mode without the clock-skew
// check). The default, infinity, never switches it on. Thread-safe.
class UnauthenticatedAllowance {
 public:
  // Sets a new count, restarts the counter and returns the old count.
  double Reset(double count) {
    std::lock_guard lock(mu_);
    double previous = count_;
    count_ = count;
    served_ = 0;
    return previous;
  }
  double count() const {
    std::lock_guard lock(mu_);
    return count_;
  }
  // Called once per AWS request: true when this request must be authenticated and
  // authorized (the allowance is used up); otherwise counts it as one of the free ones.
  bool RequireAuth() {
    std::lock_guard lock(mu_);
    if (static_cast<double>(served_) >= count_) return true;
    ++served_;
    return false;
  }

 private:
  mutable std::mutex mu_;
  double count_ = std::numeric_limits<double>::infinity();
  std::uint64_t served_ = 0;
};

struct AdminContext {
  Store& store;
  const Clock& clock;
  IdGenerator& ids;
  UnauthenticatedAllowance& allowance;
  // What the server keeps beside the store (activity, report jobs, delegation requests):
  // emptied by a reset of every account and by an import; null: nothing to empty.
  Runtime* runtime = nullptr;
};

// True for the paths HandleAdmin answers.
bool IsAdminPath(std::string_view path);

// Answers a request to an admin path. `action` receives a short name for the log line.
HttpResponse HandleAdmin(AdminContext& ctx, const HttpRequest& request, std::string_view path,
                         std::string& action);

// Python's str() of a float, as moto answers PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT:
// "inf", "5.0", "2.5", "1e+16".
std::string PythonFloatText(double v);

}  // namespace iamlite
