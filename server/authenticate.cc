#include "server/authenticate.h"

#include <cctype>
#include <optional>

#include "core/ops/access_keys.h"
#include "core/ops/sts_sessions.h"
#include "core/sigv4/auth_parts.h"
#include "core/sigv4/query_string.h"
#include "core/sigv4/signing.h"
#include "core/sigv4/sigv4.h"
#include "core/sigv4/sigv4_errors.h"

namespace iamlite {
namespace {

// What the credential says, without checking anything (friendly mode).
struct Credential {
  std::string key_id, region, service;
};

std::optional<Credential> ReadCredential(const sigv4::Request& r) {
  if (sigv4::FindAuthLocation(r) == sigv4::AuthLocation::kNone) return std::nullopt;
  auto parts = sigv4::ReadAuthParts(r);
  if (!parts) return std::nullopt;
  // KEY/DATE/REGION/SERVICE/aws4_request
  std::vector<std::string> fields;
  size_t start = 0;
  for (;;) {
    size_t slash = parts->credential.find('/', start);
    fields.push_back(parts->credential.substr(start, slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (fields.empty() || fields[0].empty()) return std::nullopt;
  Credential c{fields[0], "", ""};
  if (fields.size() >= 4) {
    c.region = fields[2];
    c.service = fields[3];
  }
  return c;
}

// An IAM user's key as the authentication layer needs it.
struct UserKey {
  std::string account;
  std::string secret;
  bool active = false;
  Caller caller;
};

std::optional<UserKey> FindUserKey(Store& store, const std::string& key_id) {
  auto account = store.FindAccessKeyOwner(key_id);
  if (!account) return std::nullopt;
  std::optional<UserKey> out;
  store.Read(*account, [&](const AccountState& s) {
    auto key = ops::FindAccessKey(s, key_id);
    if (!key) return;  // deleted since the scan
    auto user = s.users.find(key->user);
    if (user == s.users.end()) return;
    UserKey k;
    k.account = *account;
    k.secret = key->secret;
    k.active = key->active;
    k.caller.account = *account;
    k.caller.type = Caller::Type::kUser;
    k.caller.arn = user->second->Arn(*account);
    k.caller.user_name = user->second->name;
    k.caller.principal_id = user->second->id;
    k.caller.access_key_id = key_id;
    out = std::move(k);
  });
  return out;
}

Caller RootOf(const std::string& account, const std::string& key_id) {
  Caller c = Caller::Root(account);
  c.access_key_id = key_id;
  return c;
}

void RecordUse(Store& store, const UserKey& key, const std::string& service,
               const std::string& region, TimeMs now) {
  // A failure means the key was deleted meanwhile: nothing to record.
  (void)ops::RecordAccessKeyUse(store, key.account, key.caller.access_key_id, service, region, now);
}

// Temporary credentials (an ASIA... key of an STS session).
bool IsTemporaryKey(const std::string& key_id) { return key_id.starts_with("ASIA"); }

// The session token the request carries: the X-Amz-Security-Token header, or the query
// parameter of a presigned URL.
std::optional<std::string> SessionTokenOf(const sigv4::Request& r) {
  for (const auto& h : r.headers) {
    if (h.name.size() != 20) continue;
    std::string lower = h.name;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "x-amz-security-token") return h.value;
  }
  for (const auto& p : sigv4::ParseQuery(r.query))
    if (p.name == "X-Amz-Security-Token") return p.value;
  return std::nullopt;
}

// An issued session, unexpired (ExpiredToken otherwise, in both modes: expiry is a property
// of the credentials, not of signature checking).
Result<Caller> SessionCaller(const std::shared_ptr<const StsSession>& session, TimeMs now) {
  if (session->expiration <= now) return std::unexpected(sigv4::errors::ExpiredToken());
  return ops::CallerOfSession(session);
}

Result<Caller> Friendly(const sigv4::Request& r, Store& store, const AuthOptions& options,
                        const std::string& default_account, TimeMs now) {
  auto cred = ReadCredential(r);
  if (!cred) return Caller::Root(default_account);
  if (cred->key_id == options.root_access_key) return RootOf(default_account, cred->key_id);
  if (IsAccountIdKey(cred->key_id)) return RootOf(cred->key_id, cred->key_id);
  if (IsTemporaryKey(cred->key_id)) {
    if (auto session = ops::FindSession(store, cred->key_id)) return SessionCaller(session, now);
  }
  auto key = FindUserKey(store, cred->key_id);
  if (!key || !key->active) return Caller::Root(default_account);
  RecordUse(store, *key, cred->service, cred->region, now);
  return key->caller;
}

Result<Caller> Verified(const sigv4::Request& r, Store& store, const AuthOptions& options,
                        const std::string& default_account, TimeMs now) {
  sigv4::VerifyOptions verify;
  if (!options.check_clock) verify.clock_window_ms = TimeMs{1} << 60;
  auto info = sigv4::ParseSignedRequest(r, now, verify);
  if (!info) return std::unexpected(info.error());
  const std::string& key_id = info->access_key_id;
  const bool root_key = key_id == options.root_access_key;
  if (root_key || IsAccountIdKey(key_id)) {
    if (auto ok = sigv4::Verify(*info, r, options.root_secret_key, now, verify); !ok)
      return std::unexpected(ok.error());
    return RootOf(root_key ? default_account : key_id, key_id);
  }
  if (IsTemporaryKey(key_id)) {
    auto session = ops::FindSession(store, key_id);
    if (!session) return std::unexpected(sigv4::errors::InvalidClientTokenId());
    // AWS: temporary credentials need their session token; a missing or different one is
    // "The security token included in the request is invalid."
    auto token = SessionTokenOf(r);
    if (!token || !sigv4::ConstantTimeEquals(*token, session->session_token))
      return std::unexpected(sigv4::errors::InvalidClientTokenId());
    if (auto ok = sigv4::Verify(*info, r, session->secret_access_key, now); !ok)
      return std::unexpected(ok.error());
    return SessionCaller(session, now);
  }
  auto key = FindUserKey(store, key_id);
  // AWS answers an inactive key exactly as an unknown one.
  if (!key || !key->active) return std::unexpected(sigv4::errors::InvalidClientTokenId());
  if (auto ok = sigv4::Verify(*info, r, key->secret, now, verify); !ok)
    return std::unexpected(ok.error());
  RecordUse(store, *key, info->service, info->region, now);
  return key->caller;
}

}  // namespace

sigv4::Request ToSigV4Request(const HttpRequest& request) {
  sigv4::Request r;
  r.method = request.method;
  auto q = request.target.find('?');
  r.path = request.target.substr(0, q);
  if (q != std::string::npos) r.query = request.target.substr(q + 1);
  r.headers.reserve(request.headers.size());
  for (const auto& [name, value] : request.headers) r.headers.push_back({name, value});
  r.body = request.body;
  return r;
}

bool IsAccountIdKey(const std::string& key_id) {
  return key_id.size() == 12 && key_id.find_first_not_of("0123456789") == std::string::npos;
}

Result<Caller> Authenticate(const HttpRequest& request, Store& store, const AuthOptions& options,
                            const std::string& default_account, TimeMs now) {
  sigv4::Request r = ToSigV4Request(request);
  auto caller = options.verify_signatures ? Verified(r, store, options, default_account, now)
                                          : Friendly(r, store, options, default_account, now);
  if (caller) caller->source_ip = request.remote_ip;
  return caller;
}

}  // namespace iamlite
