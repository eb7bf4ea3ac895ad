#include "server/app.h"

#include <nlohmann/json.hpp>

#include "core/authz/authorize.h"
#include "core/caller.h"
#include "core/session.h"
#include "server/authorize_endpoint.h"
#include "server/form.h"
#include "server/query_decoder.h"
#include "server/version.h"
#include "server/xml_encoder.h"

namespace iamlite {
namespace {

// Field `index` of the SigV4 credential scope "Credential=AKID/DATE/REGION/SERVICE/aws4_request"
// (2: the region, 3: the service), or "" when the request carries none. Views into the
// header until the field is found (two calls per request).
std::string ScopeField(const HttpRequest& req, const Params& params, int index) {
  std::string_view credential;
  if (const std::string* auth = req.Header("authorization")) {
    std::string_view header = *auth;
    auto pos = header.find("Credential=");
    if (pos != std::string_view::npos) {
      // The first ',' or ' ' after it, by hand: find_first_of calls memchr once per character.
      auto end = pos;
      while (end < header.size() && header[end] != ',' && header[end] != ' ') ++end;
      credential = header.substr(pos + 11, end - pos - 11);
    }
  } else if (auto it = params.find("X-Amz-Credential"); it != params.end()) {
    credential = it->second;
  }
  // AKID/DATE/REGION/SERVICE/aws4_request
  size_t slash = 0;
  for (int i = 0; i < index && slash != std::string_view::npos; ++i)
    slash = credential.find('/', slash + 1);
  if (slash == std::string_view::npos || credential.empty()) return "";
  auto end = credential.find('/', slash + 1);
  return std::string(
      credential.substr(slash + 1, end == std::string_view::npos ? end : end - slash - 1));
}

// Whose activity a request is: an assumed-role session counts for its role, as AWS's access
// reports attribute it.
const std::string& ActivityPrincipal(const Caller& caller) {
  if (caller.type == Caller::Type::kAssumedRole && caller.session &&
      !caller.session->role_arn.empty())
    return caller.session->role_arn;
  return caller.arn;
}

HttpResponse XmlError(const std::string& ns, const IamError& e, const std::string& request_id) {
  return HttpResponse{e.http_status, "text/xml", EncodeError(ns, e, request_id)};
}

}  // namespace

App::App(AppOptions options, std::unique_ptr<Clock> clock, std::unique_ptr<IdGenerator> ids)
    : options_(std::move(options)),
      clock_(std::move(clock)),
      ids_(std::move(ids)),
      log_(options_.quiet ? nullptr : options_.log, options_.async_log) {
  RegisterUserActions(iam_actions_);
  RegisterGroupActions(iam_actions_);
  RegisterRoleActions(iam_actions_);
  RegisterPolicyActions(iam_actions_);
  RegisterCredentialActions(iam_actions_);
  RegisterAccountActions(iam_actions_);
  RegisterSimulatorActions(iam_actions_);
  RegisterServiceCredentialActions(iam_actions_);
  RegisterAccessReportActions(iam_actions_);
  RegisterAccountFeatureActions(iam_actions_);
  RegisterIdentityProviderActions(iam_actions_);
  RegisterMfaActions(iam_actions_);
  RegisterSshKeyActions(iam_actions_);
  RegisterCertificateActions(iam_actions_);
  RegisterServiceLinkedRoleActions(iam_actions_);
  RegisterStsActions(sts_actions_);
  iam_ = {&IamModel, &iam_actions_, false};
  sts_ = {&StsModel, &sts_actions_, true};
}

HttpResponse App::Handle(const HttpRequest& req) {
  auto start = std::chrono::steady_clock::now();
  std::string path = req.target.substr(0, req.target.find('?'));
  std::string action = "-", caller = "-";
  HttpResponse resp;
  if (path == "/health" && (req.method == "GET" || req.method == "HEAD")) {
    resp = Health();
    action = "health";
  } else if (IsConsolePath(path)) {
    ConsoleContext console{
        store_, *clock_, *ids_, console_sessions_, options_.console_auth, options_.default_account};
    resp = HandleConsole(console, req, path, action);
  } else if (path == "/iamlite/authorize") {
    action = "iamlite:authorize";
    AuthorizeEndpointContext authorize{store_, *clock_, options_.auth, options_.default_account,
                                       &runtime_.effective_policies};
    resp = HandleAuthorize(authorize, req);
  } else if (IsAdminPath(path)) {
    AdminContext admin{store_, *clock_, *ids_, allowance_, &runtime_};
    resp = HandleAdmin(admin, req, path, action);
  } else if (path == "/") {
    resp = HandleAws(req, action, caller);
  } else {
    resp = {404, "application/json", R"({"error":"not found"})"};
  }
  Log(req, action, caller, resp.status, std::chrono::steady_clock::now() - start);
  return resp;
}

HttpResponse App::Health() const {
  auto up = std::chrono::duration<double>(std::chrono::steady_clock::now() - started_).count();
  nlohmann::json j = {
      {"status", "ok"}, {"service", "iamlite"}, {"version", kVersion}, {"uptime_seconds", up}};
  return {200, "application/json", j.dump()};
}

const App::Service& App::IdentifyService(const HttpRequest& req, const std::string& action,
                                         const std::string& version) const {
  (void)req;
  if (version == sts_->api_version()) return sts_;
  if (version == iam_->api_version()) return iam_;
  if (!iam_->FindOperation(action) && sts_->FindOperation(action)) return sts_;
  return iam_;
}

HttpResponse App::HandleAws(const HttpRequest& req, std::string& action, std::string& caller_arn) {
  std::string request_id = ids_->Uuid();
  const std::string& iam_ns = iam_->xml_namespace();
  if (req.method != "POST" && req.method != "GET")
    return XmlError(
        iam_ns, {"MethodNotAllowed", 405, "The method " + req.method + " is not allowed.", true},
        request_id);
  Params params;
  auto q = req.target.find('?');
  if (q != std::string::npos) {
    if (auto ok = ParseForm(std::string_view(req.target).substr(q + 1), params); !ok)
      return XmlError(iam_ns, ok.error(), request_id);
  }
  if (req.method == "POST") {
    if (auto ok = ParseForm(req.body, params); !ok) return XmlError(iam_ns, ok.error(), request_id);
  }
  auto act = params.find("Action");
  if (act == params.end() || act->second.empty())
    return XmlError(iam_ns, errors::MissingAction(), request_id);
  action = act->second;
  auto ver = params.find("Version");
  std::string version = ver == params.end() ? "" : ver->second;

  std::string scope = ScopeField(req, params, 3);
  const Service& svc = scope == "sts"   ? sts_
                       : scope == "iam" ? iam_
                                        : IdentifyService(req, action, version);
  const std::string& ns = svc->xml_namespace();
  // moto's reset-auth: once its allowance of unauthenticated requests is used up, enforce
  // mode without the clock-skew check.
  bool enforce = options_.enforce;
  AuthOptions auth = options_.auth;
  if (allowance_.RequireAuth()) {
    enforce = true;
    auth.verify_signatures = true;
    auth.check_clock = options_.enforce && auth.check_clock;
  }
  if (enforce) auth.verify_signatures = true;
  auto caller = Authenticate(req, store_, auth, options_.default_account, clock_->Now());
  if (!caller) return XmlError(ns, caller.error(), request_id);
  caller_arn = caller->arn;

  const Operation* op = svc->FindOperation(action);
  if (!op) return XmlError(ns, errors::InvalidAction(action, svc->api_version()), request_id);

  const ActionFn* fn = svc.actions->Find(action);
  if (!fn) return XmlError(ns, errors::NotImplemented(action), request_id);

  {
    std::string region = ScopeField(req, params, 2);
    bool is_iam = &svc == &iam_;
    runtime_.activity.Record(caller->account, ActivityPrincipal(*caller), is_iam ? "iam" : "sts",
                             action, region.empty() ? "us-east-1" : region, clock_->Now(), is_iam);
  }
  params.erase("Action");
  params.erase("Version");
  auto input = DecodeInput(op->input, params, DecodeOptions{svc.quote_values});
  if (!input) return XmlError(ns, input.error(), request_id);

  if (enforce) {
    if (auto denied = Authorize(svc, *caller, action, *input, ScopeField(req, params, 2)))
      return XmlError(ns, *denied, request_id);
  }

  // A listing of an unchanged account: the answer encoded last time, with this request's id.
  // The generation is read before the handler runs and checked after it: an answer is kept
  // only when no change landed in between, so it is the state of that generation.
  const bool cacheable = &svc == &iam_ && ResponseCache::Cacheable(action);
  std::string cache_key;
  std::uint64_t generation = 0;
  if (cacheable) {
    generation = store_.Generation(caller->account);
    cache_key = caller->account + '\n' + action + '\n' + input->dump();
    if (auto hit = responses_.Find(cache_key, generation, request_id))
      return {200, "text/xml", std::move(*hit)};
  }

  OpContext ctx{store_, *clock_, *ids_, *caller, &runtime_};
  Result<Json> output = (*fn)(ctx, *input);
  if (!output) return XmlError(ns, output.error(), request_id);
  std::string body = EncodeResponse(svc.load(), *op, *output, request_id);
  if (cacheable && store_.Generation(caller->account) == generation)
    responses_.Put(cache_key, generation, body, request_id);
  return {200, "text/xml", std::move(body)};
}

std::optional<IamError> App::Authorize(const Service& svc, const Caller& caller,
                                       const std::string& action, const Json& input,
                                       const std::string& region) {
  const authz::OperationAuth* op = authz::FindOperationAuth(&svc == &sts_ ? "sts" : "iam", action);
  if (!op) return std::nullopt;  // every model operation has an entry (authz_test)
  authz::RequestFacts facts{clock_->Now(), region, false};
  authz::Outcome outcome =
      authz::AuthorizeOperation(store_, caller, *op, input, facts, &runtime_.effective_policies);
  if (options_.debug) {
    std::string why = outcome.explanation;
    for (auto& c : why)
      if (c == '\n') c = ' ';
    Debug("authorize " + outcome.action + " on " +
          (outcome.resource.empty() ? "-" : outcome.resource) + " by " + caller.arn + ": " +
          (outcome.allowed ? "allowed" : "denied") + ". " + why);
  }
  return outcome.error;
}

void App::Debug(const std::string& line) const {
  if (!options_.log) return;
  log_.Write(FormatIso8601(clock_->Now()) + " DEBUG " + line + "\n");
}

void App::Log(const HttpRequest& req, const std::string& action, const std::string& caller,
              int status, std::chrono::steady_clock::duration took) const {
  if (options_.quiet || !options_.log) return;
  auto us = std::chrono::duration_cast<std::chrono::microseconds>(took).count();
  thread_local std::string line;  // reused: no allocation per request once grown
  line.clear();
  line += FormatIso8601(clock_->Now());
  line += ' ';
  line += req.method;
  line += ' ';
  line += action;
  line += ' ';
  line += caller;
  line += ' ';
  char num[48];
  int n = std::snprintf(num, sizeof num, "%d %lldus\n", status, static_cast<long long>(us));
  line.append(num, static_cast<size_t>(n));
  log_.Write(line);
}

}  // namespace iamlite
