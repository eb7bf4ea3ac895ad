#include "core/ops/sts_preferences.h"

namespace iamlite::ops {
namespace {

// The model's FeatureEnabledException / FeatureDisabledException (codes FeatureEnabled 409,
// FeatureDisabled 404). Messages unconfirmed.
IamError FeatureEnabled() {
  return {"FeatureEnabled", 409,
          "Outbound web identity federation is already enabled for this account.", true};
}
IamError FeatureDisabled() {
  return {"FeatureDisabled", 404,
          "Outbound web identity federation is not enabled for this account.", true};
}

}  // namespace

Result<void> SetSecurityTokenServicePreferences(OpContext& ctx, const std::string& version) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    AccountSettings settings = *s.settings;
    settings.global_endpoint_token_version = version;
    return Change().SetSettings(settings);
  });
}

Result<std::string> EnableOutboundWebIdentityFederation(OpContext& ctx) {
  std::string issuer;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.settings->outbound_issuer) return std::unexpected(FeatureEnabled());
    AccountSettings settings = *s.settings;
    // One issuer per account, under STS's token domain (IAM User Guide, outbound identity
    // federation: "https://<id>.tokens.sts.global.api.aws").
    issuer = "https://" + ctx.ids.Uuid() + ".tokens.sts.global.api.aws";
    settings.outbound_issuer = issuer;
    return Change().SetSettings(settings);
  });
  if (!done) return std::unexpected(done.error());
  return issuer;
}

Result<void> DisableOutboundWebIdentityFederation(OpContext& ctx) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (!s.settings->outbound_issuer) return std::unexpected(FeatureDisabled());
    AccountSettings settings = *s.settings;
    settings.outbound_issuer.reset();
    return Change().SetSettings(settings);
  });
}

Result<std::string> GetOutboundWebIdentityFederationInfo(OpContext& ctx) {
  std::optional<std::string> issuer;
  ctx.store.Read(ctx.account(),
                 [&](const AccountState& s) { issuer = s.settings->outbound_issuer; });
  if (!issuer) return std::unexpected(FeatureDisabled());
  return *issuer;
}

}  // namespace iamlite::ops
