// Account-wide STS and federation settings: SetSecurityTokenServicePreferences (the token
// version the global STS endpoint issues; GetAccountSummary reports it as
// GlobalEndpointTokenVersion 1 or 2) and outbound web identity federation
// (Enable/Disable/GetOutboundWebIdentityFederationInfo), kept in the account settings.
#pragma once

#include <string>

#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite::ops {

// `version`: "v1Token" or "v2Token" (the model's enum).
Result<void> SetSecurityTokenServicePreferences(OpContext& ctx, const std::string& version);

// Returns the account's issuer URL. FeatureEnabled (409) when already enabled.
Result<std::string> EnableOutboundWebIdentityFederation(OpContext& ctx);
// FeatureDisabled (404) when not enabled.
Result<void> DisableOutboundWebIdentityFederation(OpContext& ctx);
// The issuer URL; FeatureDisabled when not enabled.
Result<std::string> GetOutboundWebIdentityFederationInfo(OpContext& ctx);

}  // namespace iamlite::ops
