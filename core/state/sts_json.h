// JSON codecs for the entities of the STS work: OpenID Connect and SAML identity providers and
// STS sessions (temporary credentials). Same conventions as entity_json.h: deterministic
// encoding, decoders that throw DecodeError naming the JSON path.
//
// Sessions carry secrets (the secret key and session token): they are journaled (the journal
// is the state) and exported only when secrets are exported; an export without secrets
// leaves them out, since a session without its secret is useless.
#pragma once

#include <nlohmann/json.hpp>

#include "core/account_state.h"
#include "core/state/entity_json.h"
#include "core/state/json_in.h"

namespace iamlite::state {

nlohmann::json ToJson(const OidcProvider& p);
nlohmann::json ToJson(const SamlProvider& p);
nlohmann::json ToJson(const StsSession& s);

template <class In>
OidcProvider DecodeOidcProvider(const In& in);
template <class In>
SamlProvider DecodeSamlProvider(const In& in);
template <class In>
StsSession DecodeStsSession(const In& in, DecodeContext& ctx);

// The account members these entities add: "oidc_providers", "saml_providers", "sts_sessions"
// (the last only with `secrets`). Added to `j`, empty lists left out.
void AddStsTables(const AccountState& s, bool secrets, nlohmann::json& j);
// Reads those members of an account object into `s`; duplicate keys fail.
template <class In>
void DecodeStsTables(const In& in, DecodeContext& ctx, AccountState& s);

}  // namespace iamlite::state
