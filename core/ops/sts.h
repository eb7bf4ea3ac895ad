// STS operations: temporary credentials (AssumeRole, AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML, GetSessionToken, GetFederationToken) and the informational calls
// (GetAccessKeyInfo, DecodeAuthorizationMessage). Each issued session is stored in the
// account it acts in (AccountState::sts_sessions) until it expires; server/authenticate.cc
// accepts its ASIA... key afterwards (sts_sessions.h).
//
// AssumeRole decides with the policy evaluator (core/policy/evaluator.h): the role's trust
// policy (ResourcePolicyKind::kRoleTrust) must allow sts:AssumeRole, plus sts:TagSession when
// session tags are passed and sts:SetSourceIdentity when a source identity is, for the
// caller, with the request's context keys (sts:ExternalId, sts:RoleSessionName,
// sts:SourceIdentity, sts:TransitiveTagKeys, aws:RequestTag/*, aws:TagKeys, the principal's
// aws:Principal* keys and tags, aws:MultiFactorAuthPresent, aws:CurrentTime, aws:SourceIp).
// Within one account the trust policy alone decides (identity-based permissions are the
// --enforce layer's business); across accounts the caller's identity policies (with its
// boundary and session policies) must allow sts:AssumeRole on the role as well, except for
// the account's root.
//
// Messages: recorded from AWS (aws-errors.md, localstack snapshots): "{arn} is invalid",
// the three transitive/duplicate tag messages (InvalidParameterValue). Widely quoted from
// AWS: "User: X is not authorized to perform: sts:AssumeRole on resource: Y" (AccessDenied),
// "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
// "The requested DurationSeconds exceeds the 1 hour session limit for roles assuming other
// roles.", "Cannot call GetSessionToken with session credentials", "No OpenIDConnect
// provider found in your account for ISSUER", "Incorrect token audience", "Not authorized
// to perform sts:AssumeRoleWithWebIdentity". Ours (unconfirmed): the PackedPolicyTooLarge
// wording, the InvalidIdentityToken messages for malformed tokens and assertions, the
// InvalidAuthorizationMessageException message, and the answers of AssumeRoot,
// GetDelegatedAccessToken and GetWebIdentityToken (see sts.cc).
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/ops/context.h"
#include "core/session.h"

namespace iamlite::ops {

struct SessionPolicies {
  std::optional<std::string> policy;     // Policy (JSON text)
  std::vector<std::string> policy_arns;  // PolicyArns
};

struct Issued {
  std::shared_ptr<const StsSession> session;
  std::optional<int> packed_policy_size;  // percent of the allowed packed size
};

struct AssumeRoleInput {
  std::string role_arn;
  std::string session_name;
  SessionPolicies policies;
  std::optional<int> duration_seconds;
  Tags tags;
  std::vector<std::string> transitive_tag_keys;
  std::optional<std::string> external_id;
  std::optional<std::string> serial_number;
  std::optional<std::string> token_code;
  std::optional<std::string> source_identity;
};
Result<Issued> AssumeRole(OpContext& ctx, const AssumeRoleInput& in);

struct WebIdentityInput {
  std::string role_arn;
  std::string session_name;
  std::string token;  // a JWT: its claims are checked, its signature is not
  std::optional<std::string> provider_id;
  SessionPolicies policies;
  std::optional<int> duration_seconds;
};
struct WebIdentityIssued {
  Issued issued;
  std::string subject, provider, audience;
};
Result<WebIdentityIssued> AssumeRoleWithWebIdentity(OpContext& ctx, const WebIdentityInput& in);

struct SamlInput {
  std::string role_arn;
  std::string principal_arn;  // the saml-provider ARN
  std::string assertion;      // base64 SAML Response: its claims are checked, not its signature
  SessionPolicies policies;
  std::optional<int> duration_seconds;
};
struct SamlIssued {
  Issued issued;
  std::string subject, subject_type, issuer, audience, name_qualifier;
};
Result<SamlIssued> AssumeRoleWithSAML(OpContext& ctx, const SamlInput& in);

Result<Issued> GetSessionToken(OpContext& ctx, std::optional<int> duration_seconds,
                               const std::optional<std::string>& serial_number,
                               const std::optional<std::string>& token_code);

struct FederationInput {
  std::string name;
  SessionPolicies policies;
  std::optional<int> duration_seconds;
  Tags tags;
};
Result<Issued> GetFederationToken(OpContext& ctx, const FederationInput& in);

// The account an access key id belongs to: iamlite's own keys (long-term or temporary), a
// 12-digit key id (that account), otherwise the caller's account.
std::string GetAccessKeyInfo(OpContext& ctx, const std::string& access_key_id);

// An authorization-failure message as iamlite encodes it (for AccessDenied answers that
// carry one), and its decoding: anything else is InvalidAuthorizationMessageException.
std::string EncodeAuthorizationMessage(const nlohmann::json& message);
Result<std::string> DecodeAuthorizationMessage(OpContext& ctx, const std::string& encoded);

// Features that need AWS Organizations or account settings iamlite does not emulate: the
// error AWS gives an account without them.
IamError AssumeRootUnavailable(const Caller& caller, const std::string& target);
IamError DelegatedAccessTokenUnavailable();
IamError WebIdentityTokenUnavailable();

}  // namespace iamlite::ops
