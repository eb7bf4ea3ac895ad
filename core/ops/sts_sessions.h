// Finding and issuing STS sessions (temporary credentials) in the store.
#pragma once

#include <memory>
#include <string>

#include "core/caller.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/session.h"
#include "core/store.h"

namespace iamlite::ops {

// The session of an ASIA... key id in any account, expired or not; null when unknown.
// Cost: one account lock at a time, O(accounts x log sessions).
std::shared_ptr<const StsSession> FindSession(Store& store, const std::string& access_key_id);

// The caller a request signed with `session`'s key acts as.
Caller CallerOfSession(const std::shared_ptr<const StsSession>& session);

// Fills the session's ASIA key id, secret and token.
void MintCredentials(IdGenerator& ids, StsSession& session);

// Stores `session` in its account, dropping the account's expired sessions in the same change.
Result<void> StoreSession(Store& store, const StsSession& session, TimeMs now);

}  // namespace iamlite::ops
