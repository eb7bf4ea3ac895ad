#include "server/admin.h"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/state/document.h"
#include "core/state/entity_json.h"
#include "server/form.h"

namespace iamlite {
namespace {

using nlohmann::json;

// Messages may quote input that is not UTF-8 (a parse error's "last read"): replace it.
HttpResponse Json(int status, const json& body) {
  return {status, "application/json",
          body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"};
}

HttpResponse Error(int status, std::string error, std::string message, std::string path = "") {
  json body = {{"error", std::move(error)}, {"message", std::move(message)}};
  if (!path.empty()) body["path"] = std::move(path);
  return Json(status, body);
}

HttpResponse MethodNotAllowed(std::string_view method, std::string_view allowed) {
  return Error(405, "MethodNotAllowed",
               std::string(method) + " is not allowed here; use " + std::string(allowed));
}

HttpResponse Failure(const IamError& e) { return Error(e.http_status, e.code, e.message); }

// The query string's parameters; nullopt when it is malformed.
std::optional<Params> Query(const HttpRequest& req) {
  Params params;
  auto q = req.target.find('?');
  if (q == std::string::npos) return params;
  if (!ParseForm(std::string_view(req.target).substr(q + 1), params)) return std::nullopt;
  return params;
}

HttpResponse Reset(AdminContext& ctx, const HttpRequest& req, bool moto) {
  if (req.method != "POST") return MethodNotAllowed(req.method, "POST");
  auto params = Query(req);
  if (!params) return Error(400, "MalformedQueryString", "The query string is malformed.");
  auto account = params->find("account");
  if (account != params->end()) {
    if (!state::IsAccountId(account->second))
      return Error(400, "InvalidAccount", "account must be a 12-digit account id");
    if (auto ok = ctx.store.Clear(account->second); !ok) return Failure(ok.error());
    return Json(200, {{"status", "ok"}, {"reset", account->second}});
  }
  if (auto ok = ctx.store.Clear(); !ok) return Failure(ok.error());
  if (ctx.runtime) ctx.runtime->Clear();
  // moto answers exactly {"status": "ok"}.
  if (moto) return Json(200, {{"status", "ok"}});
  return Json(200, {{"status", "ok"}, {"reset", "all"}});
}

HttpResponse Export(AdminContext& ctx, const HttpRequest& req) {
  auto params = Query(req);
  if (!params) return Error(400, "MalformedQueryString", "The query string is malformed.");
  auto secrets = params->find("secrets");
  bool with_secrets = false;
  if (secrets != params->end()) {
    if (secrets->second != "true" && secrets->second != "false")
      return Error(400, "InvalidParameter", "secrets must be true or false");
    with_secrets = secrets->second == "true";
  }
  auto doc = state::ExportDocument(ctx.store.Snapshot(), state::ExportOptions{with_secrets});
  return Json(200, doc);
}

HttpResponse Import(AdminContext& ctx, const HttpRequest& req) {
  auto imported =
      state::ImportDocumentText(req.body, state::ImportOptions{&ctx.ids, ctx.clock.Now()});
  if (!imported)
    return Error(400, "InvalidStateDocument", imported.error().message, imported.error().path);
  json summary = state::ImportSummary(*imported);
  if (auto ok = ctx.store.ReplaceAll(std::move(imported->accounts)); !ok)
    return Failure(ok.error());
  if (ctx.runtime) ctx.runtime->Clear();
  return Json(200, summary);
}

// The body as Python's float() reads it (surrounding white space allowed, "inf" accepted);
// an empty body means no limit.
std::optional<double> ParseCount(std::string_view body) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!body.empty() && space(body.front())) body.remove_prefix(1);
  while (!body.empty() && space(body.back())) body.remove_suffix(1);
  if (body.empty()) return std::numeric_limits<double>::infinity();
  std::string text(body);
  char* end = nullptr;
  double v = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return v;
}

HttpResponse ResetAuth(AdminContext& ctx, const HttpRequest& req) {
  if (req.method != "POST") return MethodNotAllowed(req.method, "POST");
  auto count = ParseCount(req.body);
  if (!count)
    return Error(400, "InvalidParameter",
                 "the body must be a number of requests (or inf), as moto's reset-auth takes");
  double previous = ctx.allowance.Reset(*count);
  return Json(200, {{"status", "ok"},
                    {"PREVIOUS_INITIAL_NO_AUTH_ACTION_COUNT", PythonFloatText(previous)}});
}

}  // namespace

std::string PythonFloatText(double v) {
  if (std::isnan(v)) return "nan";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buf[64];
  if (v == std::trunc(v) && std::fabs(v) < 1e16) {
    std::snprintf(buf, sizeof buf, "%.1f", v);
    return buf;
  }
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  (void)ec;
  return std::string(buf, end);
}

bool IsAdminPath(std::string_view path) {
  return path.starts_with("/iamlite/") || path.starts_with("/moto-api/");
}

namespace {

HttpResponse Route(AdminContext& ctx, const HttpRequest& req, std::string_view path,
                   std::string& action) {
  if (path == "/iamlite/reset") {
    action = "iamlite:reset";
    return Reset(ctx, req, false);
  }
  if (path == "/iamlite/state") {
    action = "iamlite:state";
    if (req.method == "GET") return Export(ctx, req);
    if (req.method == "PUT") return Import(ctx, req);
    return MethodNotAllowed(req.method, "GET or PUT");
  }
  if (path == "/moto-api/reset") {
    action = "moto-api:reset";
    return Reset(ctx, req, true);
  }
  if (path == "/moto-api/reset-auth") {
    action = "moto-api:reset-auth";
    return ResetAuth(ctx, req);
  }
  return Error(404, "NotFound", "no such endpoint: " + std::string(path));
}

}  // namespace

HttpResponse HandleAdmin(AdminContext& ctx, const HttpRequest& req, std::string_view path,
                         std::string& action) {
  try {
    return Route(ctx, req, path, action);
  } catch (const std::exception& e) {
    // Resource exhaustion, or text that cannot be written as JSON: an answer, not a crash.
    return Error(500, "ServiceFailure", e.what());
  }
}

}  // namespace iamlite
