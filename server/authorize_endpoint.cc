#include "server/authorize_endpoint.h"

#include <nlohmann/json.hpp>

#include "core/authz/authorize.h"
#include "core/base64.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"

namespace iamlite {
namespace {

using nlohmann::json;

HttpResponse Json(int status, const json& body) {
  return {status, "application/json",
          body.dump(-1, ' ', false, json::error_handler_t::replace) + "\n"};
}

HttpResponse Error(int status, const std::string& error, const std::string& message) {
  return Json(status, {{"error", error}, {"message", message}});
}

// The 12-digit account of an ARN ("arn:aws:iam::123456789012:user/x"); empty when none.
std::string AccountOf(std::string_view arn) {
  for (int i = 0; i < 4; ++i) {
    auto colon = arn.find(':');
    if (colon == std::string_view::npos) return "";
    arn.remove_prefix(colon + 1);
  }
  return std::string(arn.substr(0, arn.find(':')));
}

// One context entry: a string, or {"type": T, "value": V} / {"type": T, "values": [...]}.
std::expected<policy::ContextValue, std::string> ContextValueOf(const std::string& key,
                                                                const json& j) {
  policy::ContextValue v;
  if (j.is_string()) {
    v.values.push_back(j.get<std::string>());
    return v;
  }
  if (!j.is_object()) return std::unexpected("context." + key + " must be a string or an object");
  std::string type = j.value("type", "string");
  if (type.ends_with("List")) {
    v.multivalued = true;
    type.resize(type.size() - 4);
  }
  static const std::pair<const char*, policy::ValueType> kTypes[] = {
      {"string", policy::ValueType::kString}, {"numeric", policy::ValueType::kNumber},
      {"boolean", policy::ValueType::kBool},  {"ip", policy::ValueType::kIp},
      {"date", policy::ValueType::kDate},     {"binary", policy::ValueType::kBinary},
      {"arn", policy::ValueType::kArn}};
  bool known = false;
  for (const auto& [name, t] : kTypes)
    if (type == name) v.type = t, known = true;
  if (!known) return std::unexpected("context." + key + ": unknown type " + j.value("type", ""));
  auto add = [&](const json& x) -> bool {
    std::string text;
    if (x.is_string())
      text = x.get<std::string>();
    else if (x.is_number() || x.is_boolean())
      text = x.dump();
    else
      return false;
    if (v.type == policy::ValueType::kBinary) {
      auto raw = Base64Decode(text);
      if (raw) text = *raw;
    }
    v.values.push_back(std::move(text));
    return true;
  };
  if (j.contains("values")) {
    if (!j["values"].is_array())
      return std::unexpected("context." + key + ".values must be a list");
    for (const auto& x : j["values"])
      if (!add(x)) return std::unexpected("context." + key + ": values must be scalars");
  } else if (j.contains("value")) {
    if (!add(j["value"])) return std::unexpected("context." + key + ".value must be a scalar");
  }
  return v;
}

// The signed request the input describes, as the pipeline's HttpRequest.
std::expected<HttpRequest, std::string> SignedRequest(const json& r, const std::string& ip) {
  if (!r.is_object()) return std::unexpected("request must be an object");
  HttpRequest req;
  req.method = r.value("method", "POST");
  req.target = r.value("path", "/");
  req.body = r.value("body", "");
  req.remote_ip = ip;
  auto lower = [](std::string s) {
    for (auto& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
  };
  const json headers = r.value("headers", json::object());
  if (headers.is_object()) {
    for (auto it = headers.begin(); it != headers.end(); ++it) {
      if (!it.value().is_string()) return std::unexpected("request.headers values must be strings");
      req.headers.emplace_back(lower(it.key()), it.value().get<std::string>());
    }
  } else if (headers.is_array()) {
    for (const auto& h : headers) {
      if (!h.is_array() || h.size() != 2 || !h[0].is_string() || !h[1].is_string())
        return std::unexpected("request.headers must be an object or a list of [name, value]");
      req.headers.emplace_back(lower(h[0].get<std::string>()), h[1].get<std::string>());
    }
  } else {
    return std::unexpected("request.headers must be an object or a list of [name, value]");
  }
  return req;
}

json Statements(const policy::Decision& d) {
  json out = json::array();
  for (const auto& ref : d.matched) {
    const auto& st = *ref.statement;
    out.push_back({{"policy_id", ref.source->id},
                   {"policy_type", std::string(policy::PolicyTypeName(ref.type))},
                   {"policy", ref.source->name()},
                   {"sid", st.sid},
                   {"index", st.index},
                   {"effect", st.effect == policy::Effect::kAllow ? "Allow" : "Deny"},
                   {"start", {{"line", st.span.start.line}, {"column", st.span.start.column}}},
                   {"end", {{"line", st.span.end.line}, {"column", st.span.end.column}}}});
  }
  return out;
}

HttpResponse Authorize(AuthorizeEndpointContext& ctx, const HttpRequest& http) {
  if (http.method != "POST")
    return Error(405, "MethodNotAllowed", http.method + " is not allowed here; use POST");
  json in = json::parse(http.body, nullptr, false);
  if (in.is_discarded() || !in.is_object())
    return Error(400, "InvalidRequest", "the body must be a JSON object");
  if (!in.contains("action") || !in["action"].is_string() ||
      in["action"].get<std::string>().empty())
    return Error(400, "InvalidRequest", "action is required (e.g. \"s3:GetObject\")");
  const TimeMs now = ctx.clock.Now();
  authz::Evaluation ev;
  std::string principal_arn, source_ip = http.remote_ip;
  if (in.contains("request")) {
    auto signed_req = SignedRequest(in["request"], http.remote_ip);
    if (!signed_req) return Error(400, "InvalidRequest", signed_req.error());
    AuthOptions verify = ctx.auth;
    verify.verify_signatures = true;
    auto caller = Authenticate(*signed_req, ctx.store, verify, ctx.default_account, now);
    if (!caller)
      return Error(caller.error().http_status, caller.error().code, caller.error().message);
    principal_arn = caller->arn;
    ctx.store.Read(caller->account, [&](const AccountState& s) {
      authz::AddPrincipal(s, *caller, now, ev, ctx.effective_policies);
    });
  } else if (in.contains("principal") && in["principal"].is_string()) {
    principal_arn = in["principal"].get<std::string>();
    std::string account = AccountOf(principal_arn);
    if (account.size() != 12)
      return Error(400, "InvalidRequest", "principal must be an IAM ARN with an account id");
    Result<void> added;
    ctx.store.Read(account, [&](const AccountState& s) {
      added = authz::AddPrincipalArn(s, principal_arn, now, ev, ctx.effective_policies);
    });
    if (!added) return Error(added.error().http_status, added.error().code, added.error().message);
  } else {
    return Error(400, "InvalidRequest", "give either principal (an ARN) or request (signed)");
  }
  if (in.contains("source_ip") && in["source_ip"].is_string())
    source_ip = in["source_ip"].get<std::string>();
  authz::AddRequestKeys({now, "", false}, source_ip, ev);
  ev.request.action = in["action"].get<std::string>();
  ev.request.resource = in.value("resource", "*");
  if (in.contains("context")) {
    if (!in["context"].is_object())
      return Error(400, "InvalidRequest", "context must be an object of key to value");
    for (auto it = in["context"].begin(); it != in["context"].end(); ++it) {
      auto v = ContextValueOf(it.key(), it.value());
      if (!v) return Error(400, "InvalidRequest", v.error());
      ev.request.context.Set(it.key(), std::move(*v));
    }
  }
  if (in.contains("resource_policy")) {
    std::string text = in["resource_policy"].is_string() ? in["resource_policy"].get<std::string>()
                                                         : in["resource_policy"].dump();
    auto parsed = policy::ParsePolicy(text, policy::PolicyKind::kResource);
    if (!parsed) return Error(400, "MalformedPolicyDocument", parsed.error().message);
    policy::ResourcePolicy rp;
    rp.source = {"resource_policy", "resource", "the resource policy",
                 policy::CompileShared(**parsed)};
    rp.owner_account = in.value("resource_owner", ev.request.principal.account);
    ev.input.same_account = rp.owner_account == ev.request.principal.account;
    ev.input.resource = std::move(rp);
  }
  policy::Decision d = policy::Evaluate(ev.input, ev.request);
  json out = {{"decision", std::string(policy::VerdictName(d.verdict))},
              {"allowed", d.allowed()},
              {"principal", principal_arn},
              {"action", ev.request.action},
              {"resource", ev.request.resource},
              {"reason", std::string(policy::ReasonName(d.reason))},
              {"matched_statements", Statements(d)},
              {"missing_context_keys", json::array()},
              {"explanation", policy::Explain(d)}};
  for (auto key : d.missing_context_keys) out["missing_context_keys"].push_back(std::string(key));
  if (!d.allowed()) out["message"] = authz::AccessDeniedMessage(principal_arn, d);
  return Json(200, out);
}

}  // namespace

HttpResponse HandleAuthorize(AuthorizeEndpointContext& ctx, const HttpRequest& request) {
  try {
    return Authorize(ctx, request);
  } catch (const std::exception& e) {
    return Error(500, "ServiceFailure", e.what());
  }
}

}  // namespace iamlite
