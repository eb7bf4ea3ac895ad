#include "core/ops/sts_sessions.h"

namespace iamlite::ops {

std::shared_ptr<const StsSession> FindSession(Store& store, const std::string& access_key_id) {
  std::shared_ptr<const StsSession> out;
  for (const auto& account : store.AccountIds()) {
    store.Read(account, [&](const AccountState& s) {
      auto it = s.sts_sessions.find(access_key_id);
      if (it != s.sts_sessions.end()) out = it->second;
    });
    if (out) break;
  }
  return out;
}

Caller CallerOfSession(const std::shared_ptr<const StsSession>& session) {
  const StsSession& s = *session;
  Caller c;
  c.account = s.account;
  c.arn = s.arn;
  c.principal_id = s.principal_id;
  c.access_key_id = s.access_key_id;
  c.mfa = s.mfa;
  c.user_name = s.user_name;
  c.role_name = s.role_name;
  c.session_name = s.session_name;
  c.session = session;
  if (!s.role_name.empty()) {
    c.type = Caller::Type::kAssumedRole;
  } else if (s.arn.find(":federated-user/") != std::string::npos) {
    c.type = Caller::Type::kFederatedUser;
  } else if (s.arn.ends_with(":root")) {
    c.type = Caller::Type::kRoot;
  } else {
    c.type = Caller::Type::kUser;
  }
  return c;
}

void MintCredentials(IdGenerator& ids, StsSession& session) {
  session.access_key_id = ids.UniqueId(id_prefix::kTemporaryKey, 16);
  session.secret_access_key = ids.Secret();
  // Real tokens are a few hundred base64 characters; their content is opaque to clients.
  std::string token = "IQoJb3JpZ2luX2VjE";
  for (int i = 0; i < 8; ++i) token += ids.Secret();
  session.session_token = std::move(token);
}

Result<void> StoreSession(Store& store, const StsSession& session, TimeMs now) {
  return store.Mutate(session.account, [&](const AccountState& s) -> Result<Change> {
    Change change;
    for (const auto& [key, old] : s.sts_sessions)
      if (old->expiration <= now) change.Remove<StsSession>(key);
    change.Upsert(session.access_key_id, session);
    return change;
  });
}

}  // namespace iamlite::ops
