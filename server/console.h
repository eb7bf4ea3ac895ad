// The web console: static pages at /console (console/*, compiled into the binary by
// cmake/embed_console.cmake) and their JSON read API under /iamlite/console/api/:
//
//   GET  session                      {"auth_required", "default_account", "signed_in"}
//   POST login    {"account"?, "user", "password"}   sets the session cookie
//   POST logout
//   GET  accounts                     every account with entity counts
//   GET  account[?account=ID]         the account's entities (core/ops/console_view.h)
//   POST simulate {"account"?, "principal", "actions", "resources"?, "context"?: ["k=type:v"]}
//   POST matrix   {"account"?, "principals"?, "actions", "resources"?}
//
// With auth required (--console-auth), every API call but session and login needs a signed-in
// user, and shows only what that user's policies let it read. Without it, anyone sees
// everything; signing in is still possible and then filters the same way ("view as").
// Errors answer {"error", "message"} with the IamError's status.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/store.h"
#include "server/http_types.h"

namespace iamlite {

// Signed-in console users, by the token in their cookie. Thread-safe.
class ConsoleSessions {
 public:
  struct Session {
    std::string account;
    std::string user_arn;
    std::chrono::steady_clock::time_point expires;
  };
  // A new random token for the user; sessions last 12 hours, as the AWS console's do.
  std::string Create(const std::string& account, const std::string& user_arn);
  std::optional<Session> Find(const std::string& token);
  void Remove(const std::string& token);

 private:
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
};

struct ConsoleContext {
  Store& store;
  const Clock& clock;
  IdGenerator& ids;
  ConsoleSessions& sessions;
  bool auth_required = false;
  std::string default_account;
};

// True for /console, /console/... and /iamlite/console/...
bool IsConsolePath(std::string_view path);

// Answers a console request. `action` receives a short name for the log line.
HttpResponse HandleConsole(ConsoleContext& ctx, const HttpRequest& request, std::string_view path,
                           std::string& action);

}  // namespace iamlite
