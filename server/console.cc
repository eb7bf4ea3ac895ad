#include "server/console.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <random>

#include "core/caller.h"
#include "core/ops/console_auth.h"
#include "core/ops/console_view.h"
#include "core/ops/context.h"
#include "core/state/entity_json.h"
#include "server/console_assets.h"
#include "server/form.h"

namespace iamlite {
namespace {

using nlohmann::json;

constexpr std::string_view kApi = "/iamlite/console/api/";
constexpr const char* kCookie = "iamlite_console";

HttpResponse Json(int status, const json& body) {
  return {status, "application/json",
          body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"};
}

HttpResponse Error(int status, std::string error, std::string message) {
  return Json(status, {{"error", std::move(error)}, {"message", std::move(message)}});
}

HttpResponse Failure(const IamError& e) { return Error(e.http_status, e.code, e.message); }

std::string CookieToken(const HttpRequest& req) {
  const std::string* cookie = req.Header("cookie");
  if (!cookie) return "";
  const std::string key = std::string(kCookie) + "=";
  std::string_view rest(*cookie);
  while (!rest.empty()) {
    auto semi = rest.find(';');
    std::string_view part = rest.substr(0, semi);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    if (part.starts_with(key)) return std::string(part.substr(key.size()));
    if (semi == std::string_view::npos) break;
    rest.remove_prefix(semi + 1);
  }
  return "";
}

std::vector<std::string> Strings(const json& body, const char* name) {
  std::vector<std::string> out;
  auto it = body.find(name);
  if (it == body.end() || !it->is_array()) return out;
  for (const auto& v : *it)
    if (v.is_string() && !v.get<std::string>().empty()) out.push_back(v.get<std::string>());
  return out;
}

std::string StringOr(const json& body, const char* name, std::string fallback) {
  auto it = body.find(name);
  return it != body.end() && it->is_string() ? it->get<std::string>() : fallback;
}

// One API request: who asks (signed-in session or nobody), for which account.
class Api {
 public:
  Api(ConsoleContext& ctx, const HttpRequest& req) : ctx_(ctx), req_(req) {
    token_ = CookieToken(req);
    if (!token_.empty()) session_ = ctx_.sessions.Find(token_);
  }

  HttpResponse Route(std::string_view name, std::string& action) {
    action = "console:" + std::string(name);
    if (name == "session") return Session();
    if (name == "login") return Post(&Api::Login);
    if (name == "logout") return Post(&Api::Logout);
    if (ctx_.auth_required && !session_)
      return Error(401, "NotSignedIn", "Sign in with an IAM user's console password.");
    if (name == "accounts") return Get(&Api::Accounts);
    if (name == "account") return Get(&Api::Account);
    if (name == "simulate") return Post(&Api::Simulate);
    if (name == "matrix") return Post(&Api::Matrix);
    return Error(404, "NotFound", "no such console endpoint: " + std::string(name));
  }

 private:
  using Handler = HttpResponse (Api::*)();

  HttpResponse Get(Handler h) {
    if (req_.method != "GET") return Error(405, "MethodNotAllowed", "use GET");
    auto q = req_.target.find('?');
    if (q != std::string::npos && !ParseForm(std::string_view(req_.target).substr(q + 1), query_))
      return Error(400, "MalformedQueryString", "The query string is malformed.");
    return (this->*h)();
  }

  HttpResponse Post(Handler h) {
    if (req_.method != "POST") return Error(405, "MethodNotAllowed", "use POST");
    body_ = json::parse(req_.body.empty() ? "{}" : req_.body, nullptr, false);
    if (body_.is_discarded() || !body_.is_object())
      return Error(400, "MalformedJson", "The body must be a JSON object.");
    return (this->*h)();
  }

  // The account asked for: a signed-in user sees only its own.
  std::optional<std::string> AccountOf(std::string asked) {
    if (session_) {
      if (!asked.empty() && asked != session_->account) return std::nullopt;
      return session_->account;
    }
    if (asked.empty()) return ctx_.default_account;
    if (!state::IsAccountId(asked)) return std::nullopt;
    return asked;
  }

  ops::ConsoleViewer Viewer(const AccountState& s) const {
    if (!session_) return {};
    return ops::ConsoleViewer(s, session_->account, session_->user_arn);
  }

  HttpResponse NoAccount() { return Error(404, "NoSuchAccount", "No such account here."); }

  HttpResponse Session() {
    json signed_in = nullptr;
    if (session_) {
      const auto& arn = session_->user_arn;
      signed_in = {
          {"account", session_->account}, {"arn", arn}, {"user", arn.substr(arn.rfind('/') + 1)}};
    }
    return Json(200, {{"auth_required", ctx_.auth_required},
                      {"default_account", ctx_.default_account},
                      {"signed_in", signed_in}});
  }

  HttpResponse Login() {
    std::string account = StringOr(body_, "account", ctx_.default_account);
    if (account.empty()) account = ctx_.default_account;
    if (!state::IsAccountId(account))
      return Error(400, "InvalidAccount", "account must be a 12-digit account id");
    auto arn = ops::ConsoleSignIn(ctx_.store, account, StringOr(body_, "user", ""),
                                  StringOr(body_, "password", ""));
    if (!arn) return Failure(arn.error());
    std::string token = ctx_.sessions.Create(account, *arn);
    HttpResponse resp = Json(200, {{"account", account}, {"arn", *arn}});
    resp.headers.emplace_back(
        "Set-Cookie", std::string(kCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    return resp;
  }

  HttpResponse Logout() {
    if (!token_.empty()) ctx_.sessions.Remove(token_);
    HttpResponse resp = Json(200, {{"status", "ok"}});
    resp.headers.emplace_back(
        "Set-Cookie", std::string(kCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
    return resp;
  }

  HttpResponse Accounts() {
    std::vector<std::string> ids;
    if (session_) {
      ids.push_back(session_->account);
    } else {
      ids = ctx_.store.AccountIds();
      if (std::find(ids.begin(), ids.end(), ctx_.default_account) == ids.end())
        ids.insert(ids.begin(), ctx_.default_account);
    }
    json out = json::array();
    for (const auto& id : ids)
      ctx_.store.Read(id, [&](const AccountState& s) {
        out.push_back(ops::ConsoleAccountSummary(s, Viewer(s)));
      });
    return Json(200, {{"accounts", out}});
  }

  HttpResponse Account() {
    auto it = query_.find("account");
    auto account = AccountOf(it == query_.end() ? "" : it->second);
    if (!account) return NoAccount();
    json out;
    ctx_.store.Read(*account, [&](const AccountState& s) {
      out = ops::ConsoleAccountView(s, *account, Viewer(s));
    });
    return Json(200, out);
  }

  // Runs `run` with an OpContext for the account and the viewer.
  template <class F>
  HttpResponse WithAccount(F run) {
    auto account = AccountOf(StringOr(body_, "account", ""));
    if (!account) return NoAccount();
    std::optional<ops::ConsoleViewer> viewer;
    ctx_.store.Read(*account, [&](const AccountState& s) { viewer = Viewer(s); });
    Caller caller = Caller::Root(*account);
    OpContext op{ctx_.store, ctx_.clock, ctx_.ids, caller};
    Result<json> out = run(op, *viewer);
    if (!out) return Failure(out.error());
    return Json(200, *out);
  }

  HttpResponse Simulate() {
    ops::ConsoleSimulation sim;
    sim.principal = StringOr(body_, "principal", "");
    sim.actions = Strings(body_, "actions");
    sim.resources = Strings(body_, "resources");
    for (const auto& text : Strings(body_, "context")) {
      auto entry = ops::ParseConsoleContext(text);
      if (!entry)
        return Error(400, "InvalidInput", "A context entry is key=type:value, not " + text);
      sim.context.push_back(std::move(*entry));
    }
    return WithAccount([&](OpContext& op, const ops::ConsoleViewer& viewer) {
      return ops::ConsoleSimulate(op, viewer, sim);
    });
  }

  HttpResponse Matrix() {
    auto principals = Strings(body_, "principals");
    auto actions = Strings(body_, "actions");
    auto resources = Strings(body_, "resources");
    return WithAccount([&](OpContext& op, const ops::ConsoleViewer& viewer) {
      return ops::ConsoleMatrix(op, viewer, principals, actions, resources);
    });
  }

  ConsoleContext& ctx_;
  const HttpRequest& req_;
  std::string token_;
  std::optional<ConsoleSessions::Session> session_;
  Params query_;
  json body_;
};

HttpResponse Asset(const HttpRequest& req, std::string_view path) {
  if (req.method != "GET" && req.method != "HEAD") return Error(405, "MethodNotAllowed", "use GET");
  std::string_view name =
      path == "/console" || path == "/console/" ? "index.html" : path.substr(9);  // "/console/"
  for (std::size_t i = 0; i < kConsoleAssetCount; ++i) {
    const ConsoleAsset& a = kConsoleAssets[i];
    if (name == a.name) {
      HttpResponse resp{200, a.content_type, std::string(a.data, a.size)};
      resp.headers.emplace_back("Cache-Control", "no-cache");
      return resp;
    }
  }
  return Error(404, "NotFound", "no such console file: " + std::string(name));
}

}  // namespace

std::string ConsoleSessions::Create(const std::string& account, const std::string& user_arn) {
  std::random_device rd;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string token;
  for (int i = 0; i < 32; ++i) token += kHex[rd() & 15];
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  std::erase_if(sessions_, [&](const auto& kv) { return kv.second.expires < now; });
  sessions_[token] = {account, user_arn, now + std::chrono::hours(12)};
  return token;
}

std::optional<ConsoleSessions::Session> ConsoleSessions::Find(const std::string& token) {
  std::lock_guard lock(mu_);
  auto it = sessions_.find(token);
  if (it == sessions_.end() || it->second.expires < std::chrono::steady_clock::now())
    return std::nullopt;
  return it->second;
}

void ConsoleSessions::Remove(const std::string& token) {
  std::lock_guard lock(mu_);
  sessions_.erase(token);
}

bool IsConsolePath(std::string_view path) {
  return path == "/console" || path.starts_with("/console/") ||
         path.starts_with("/iamlite/console/");
}

HttpResponse HandleConsole(ConsoleContext& ctx, const HttpRequest& req, std::string_view path,
                           std::string& action) {
  try {
    if (path.starts_with(kApi)) return Api(ctx, req).Route(path.substr(kApi.size()), action);
    if (path.starts_with("/iamlite/console/"))
      return Error(404, "NotFound", "no such endpoint: " + std::string(path));
    action = "console:page";
    return Asset(req, path);
  } catch (const std::exception& e) {
    return Error(500, "ServiceFailure", e.what());
  }
}

}  // namespace iamlite
