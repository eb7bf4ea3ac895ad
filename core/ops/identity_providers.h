// IAM identity providers: OpenID Connect (CreateOpenIDConnectProvider and its kin) and SAML
// 2.0 (CreateSAMLProvider and its kin). Providers are found by ARN in the caller's account.
//
// Messages (recorded from AWS in aws-errors.md unless noted): OIDC not found
// "OpenIDConnect Provider not found for arn ARN" (Get, Tag, Untag, ListTags, client ids,
// thumbprints) and "OpenId connect Provider ARN cannot be found." (Delete); duplicate
// "Provider with url URL already exists."; a URL that is not https "Invalid Open ID Connect
// Provider URL" (ValidationError); more than 5 thumbprints "Thumbprint list must contain fewer
// than 5 entries."; more than 100 client ids "Cannot exceed quota for
// ClientIdsPerOpenIdConnectProvider: 100". SAML not found "Manifest not found for arn ARN".
// Unconfirmed (ours): SAML duplicate "SAMLProvider NAME already exists.", metadata that is not
// SAML metadata XML "Could not parse metadata", a malformed provider ARN
// "Invalid ARN: ARN" (InvalidInput).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

// ---- OpenID Connect -----------------------------------------------------------------------

struct CreateOidcProviderInput {
  std::string url;  // https://host[/path]
  std::vector<std::string> client_ids;
  std::vector<std::string> thumbprints;
  Tags tags;
};

// The provider's ARN.
Result<OidcProvider> CreateOidcProvider(OpContext& ctx, const CreateOidcProviderInput& in);
Result<OidcProvider> GetOidcProvider(OpContext& ctx, const std::string& arn);
// In ARN order.
std::vector<std::string> ListOidcProviders(OpContext& ctx);
Result<void> DeleteOidcProvider(OpContext& ctx, const std::string& arn);
Result<void> AddClientIdToOidcProvider(OpContext& ctx, const std::string& arn,
                                       const std::string& client_id);
Result<void> RemoveClientIdFromOidcProvider(OpContext& ctx, const std::string& arn,
                                            const std::string& client_id);
Result<void> UpdateOidcProviderThumbprint(OpContext& ctx, const std::string& arn,
                                          const std::vector<std::string>& thumbprints);
Result<void> TagOidcProvider(OpContext& ctx, const std::string& arn, const Tags& tags);
Result<void> UntagOidcProvider(OpContext& ctx, const std::string& arn,
                               const std::vector<std::string>& keys);
Result<Page<Tag>> ListOidcProviderTags(OpContext& ctx, const std::string& arn,
                                       const PageRequest& page);

// The provider key ("host/path") of an https URL, or nullopt when it is not one.
std::optional<std::string> OidcProviderKey(std::string_view url);

// ---- SAML ---------------------------------------------------------------------------------

struct SamlMetadata {
  std::string entity_id;
  std::optional<TimeMs> valid_until;
};
// Reads a SAML metadata document (an md:EntityDescriptor, or an EntitiesDescriptor holding
// one): InvalidInput "Could not parse metadata" for anything else.
Result<SamlMetadata> ParseSamlMetadata(std::string_view xml);

struct CreateSamlProviderInput {
  std::string name;
  std::string metadata;
  Tags tags;
  std::string assertion_encryption_mode;  // empty: "Allowed"
};
Result<SamlProvider> CreateSamlProvider(OpContext& ctx, const CreateSamlProviderInput& in);
Result<SamlProvider> GetSamlProvider(OpContext& ctx, const std::string& arn);
std::vector<SamlProvider> ListSamlProviders(OpContext& ctx);
struct UpdateSamlProviderInput {
  std::string arn;
  std::optional<std::string> metadata;
  std::optional<std::string> assertion_encryption_mode;
};
Result<SamlProvider> UpdateSamlProvider(OpContext& ctx, const UpdateSamlProviderInput& in);
Result<void> DeleteSamlProvider(OpContext& ctx, const std::string& arn);
Result<void> TagSamlProvider(OpContext& ctx, const std::string& arn, const Tags& tags);
Result<void> UntagSamlProvider(OpContext& ctx, const std::string& arn,
                               const std::vector<std::string>& keys);
Result<Page<Tag>> ListSamlProviderTags(OpContext& ctx, const std::string& arn,
                                       const PageRequest& page);

// Lookups for STS (AssumeRoleWithWebIdentity / AssumeRoleWithSAML) in an account's state.
std::shared_ptr<const OidcProvider> FindOidcProviderByUrl(const AccountState& s,
                                                          std::string_view issuer);
std::shared_ptr<const SamlProvider> FindSamlProviderByArn(const AccountState& s,
                                                          const std::string& account,
                                                          const std::string& arn);

}  // namespace iamlite::ops
