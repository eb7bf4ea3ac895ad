// The request pipeline, socket-free: route -> identify service -> decode -> operation ->
// encode -> log line. One App serves every connection; Handle() is thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/ids.h"
#include "core/model.h"
#include "core/runtime.h"
#include "core/store.h"
#include "server/action_table.h"
#include "server/admin.h"
#include "server/authenticate.h"
#include "server/console.h"
#include "server/http_types.h"
#include "server/request_log.h"
#include "server/response_cache.h"

namespace iamlite {

struct AppOptions {
  bool quiet = false;  // no per-request log line
  std::string default_account = kDefaultAccount;
  AuthOptions auth = {};      // friendly mode by default (see server/authenticate.h)
  bool console_auth = false;  // the web console requires signing in (server/console.h)
  // --enforce: authorize every IAM and STS call with the evaluator (core/authz/authorize.h)
  // before it runs; implies auth.verify_signatures. The account's root is always allowed.
  bool enforce = false;
  // --log-level debug: one more line per authorization decision, with its reason.
  bool debug = false;
  std::FILE* log = stderr;
  // Log lines go through a buffer written by a background thread (see request_log.h);
  // `iamlite serve` turns this on. Off, each line is written before Handle returns.
  bool async_log = false;
};

class App {
 public:
  App(AppOptions options, std::unique_ptr<Clock> clock, std::unique_ptr<IdGenerator> ids);

  HttpResponse Handle(const HttpRequest& request);

  Store& store() { return store_; }
  Runtime& runtime() { return runtime_; }
  // The kept listing answers (see response_cache.h).
  const ResponseCache& response_cache() const { return responses_; }
  // moto's reset-auth count (see admin.h): once used up, requests are verified and authorized.
  const UnauthenticatedAllowance& allowance() const { return allowance_; }

 private:
  struct Service {
    // The model, built on first use (IamModel, StsModel): not before the server listens,
    // which keeps start-up short.
    const ServiceModel& (*load)();
    const ActionTable* actions;
    bool quote_values;  // in validation messages
    const ServiceModel* operator->() const { return &load(); }
  };
  HttpResponse HandleAws(const HttpRequest& request, std::string& action, std::string& caller);
  HttpResponse Health() const;
  const Service& IdentifyService(const HttpRequest& request, const std::string& action,
                                 const std::string& version) const;
  // Enforce mode's authorization stage; nullopt when allowed.
  std::optional<IamError> Authorize(const Service& svc, const Caller& caller,
                                    const std::string& action, const Json& input,
                                    const std::string& region);
  void Debug(const std::string& line) const;
  void Log(const HttpRequest& request, const std::string& action, const std::string& caller,
           int status, std::chrono::steady_clock::duration took) const;

  AppOptions options_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<IdGenerator> ids_;
  Store store_{clock_.get()};
  Runtime runtime_;
  UnauthenticatedAllowance allowance_;
  ConsoleSessions console_sessions_;
  ActionTable iam_actions_, sts_actions_;
  Service iam_, sts_;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
  ResponseCache responses_;
  mutable RequestLog log_;
};

}  // namespace iamlite
