#include "core/ops/identity_providers.h"

#include <algorithm>
#include <pugixml.hpp>

#include "core/names.h"
#include "core/state/json_in.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

constexpr std::size_t kMaxThumbprints = 5;
constexpr std::size_t kMaxClientIds = 100;
// AWS gives metadata without validUntil a ValidUntil far in the future; 100 years is ours
// (unconfirmed).
constexpr TimeMs kDefaultSamlValidity = 100LL * 365 * 24 * 3600 * 1000;

std::string OidcPrefix(const std::string& account) {
  return "arn:aws:iam::" + account + ":oidc-provider/";
}
std::string SamlPrefix(const std::string& account) {
  return "arn:aws:iam::" + account + ":saml-provider/";
}

std::string OidcNotFound(const std::string& arn) {
  return "OpenIDConnect Provider not found for arn " + arn;
}
std::string SamlNotFound(const std::string& arn) { return "Manifest not found for arn " + arn; }

// The table key an ARN of this account names, or the NoSuchEntity / InvalidInput error.
Result<std::string> OidcKeyOf(const std::string& account, const std::string& arn,
                              const std::string& not_found) {
  if (!arn.starts_with("arn:aws:iam::") || arn.find(":oidc-provider/") == std::string::npos)
    return std::unexpected(errors::InvalidInput("Invalid ARN: " + arn));
  const std::string prefix = OidcPrefix(account);
  if (!arn.starts_with(prefix)) return std::unexpected(errors::NoSuchEntity(not_found));
  return arn.substr(prefix.size());
}

Result<std::string> SamlKeyOf(const std::string& account, const std::string& arn) {
  if (!arn.starts_with("arn:aws:iam::") || arn.find(":saml-provider/") == std::string::npos)
    return std::unexpected(errors::InvalidInput("Invalid ARN: " + arn));
  const std::string prefix = SamlPrefix(account);
  if (!arn.starts_with(prefix)) return std::unexpected(errors::NoSuchEntity(SamlNotFound(arn)));
  return FoldName(arn.substr(prefix.size()));
}

Result<void> EditOidc(OpContext& ctx, const std::string& arn,
                      const std::function<Result<void>(OidcProvider&)>& edit) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto key = OidcKeyOf(ctx.account(), arn, OidcNotFound(arn));
    if (!key) return std::unexpected(key.error());
    auto it = s.oidc_providers.find(*key);
    if (it == s.oidc_providers.end())
      return std::unexpected(errors::NoSuchEntity(OidcNotFound(arn)));
    OidcProvider p = *it->second;
    if (auto ok = edit(p); !ok) return std::unexpected(ok.error());
    return Change().Upsert(*key, p);
  });
}

Result<OidcProvider> ReadOidc(OpContext& ctx, const std::string& arn) {
  auto key = OidcKeyOf(ctx.account(), arn, OidcNotFound(arn));
  if (!key) return std::unexpected(key.error());
  Result<OidcProvider> out = std::unexpected(errors::NoSuchEntity(OidcNotFound(arn)));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto it = s.oidc_providers.find(*key);
    if (it != s.oidc_providers.end()) out = *it->second;
  });
  return out;
}

Result<void> EditSaml(OpContext& ctx, const std::string& arn,
                      const std::function<Result<void>(SamlProvider&)>& edit) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto key = SamlKeyOf(ctx.account(), arn);
    if (!key) return std::unexpected(key.error());
    auto it = s.saml_providers.find(*key);
    if (it == s.saml_providers.end())
      return std::unexpected(errors::NoSuchEntity(SamlNotFound(arn)));
    SamlProvider p = *it->second;
    if (auto ok = edit(p); !ok) return std::unexpected(ok.error());
    return Change().Upsert(*key, p);
  });
}

Result<SamlProvider> ReadSaml(OpContext& ctx, const std::string& arn) {
  auto key = SamlKeyOf(ctx.account(), arn);
  if (!key) return std::unexpected(key.error());
  Result<SamlProvider> out = std::unexpected(errors::NoSuchEntity(SamlNotFound(arn)));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto it = s.saml_providers.find(*key);
    if (it != s.saml_providers.end()) out = *it->second;
  });
  return out;
}

Result<void> CheckThumbprints(const std::vector<std::string>& thumbprints) {
  if (thumbprints.size() > kMaxThumbprints)
    return std::unexpected(
        errors::InvalidInput("Thumbprint list must contain fewer than 5 entries."));
  return Ok();
}

std::string_view LocalName(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

}  // namespace

std::optional<std::string> OidcProviderKey(std::string_view url) {
  constexpr std::string_view kScheme = "https://";
  if (!url.starts_with(kScheme)) return std::nullopt;
  url.remove_prefix(kScheme.size());
  while (url.ends_with('/')) url.remove_suffix(1);
  if (url.empty() || url.find_first_of(" ?#") != std::string_view::npos) return std::nullopt;
  return std::string(url);
}

Result<OidcProvider> CreateOidcProvider(OpContext& ctx, const CreateOidcProviderInput& in) {
  auto key = OidcProviderKey(in.url);
  if (!key) return std::unexpected(errors::ValidationError("Invalid Open ID Connect Provider URL"));
  if (auto ok = CheckThumbprints(in.thumbprints); !ok) return std::unexpected(ok.error());
  if (in.client_ids.size() > kMaxClientIds)
    return std::unexpected(
        errors::LimitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100"));
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  OidcProvider p;
  p.url = *key;
  for (const auto& id : in.client_ids)
    if (std::find(p.client_ids.begin(), p.client_ids.end(), id) == p.client_ids.end())
      p.client_ids.push_back(id);
  p.thumbprints = in.thumbprints;
  p.tags = in.tags;
  p.create_date = ctx.clock.Now();
  auto ok = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.oidc_providers.contains(p.url))
      return std::unexpected(
          errors::EntityAlreadyExists("Provider with url " + in.url + " already exists."));
    return Change().Upsert(p.url, p);
  });
  if (!ok) return std::unexpected(ok.error());
  return p;
}

Result<OidcProvider> GetOidcProvider(OpContext& ctx, const std::string& arn) {
  return ReadOidc(ctx, arn);
}

std::vector<std::string> ListOidcProviders(OpContext& ctx) {
  std::vector<std::string> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    for (const auto& [key, p] : s.oidc_providers) out.push_back(p->Arn(ctx.account()));
  });
  return out;
}

Result<void> DeleteOidcProvider(OpContext& ctx, const std::string& arn) {
  const std::string not_found = "OpenId connect Provider " + arn + " cannot be found.";
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto key = OidcKeyOf(ctx.account(), arn, not_found);
    if (!key) return std::unexpected(key.error());
    if (!s.oidc_providers.contains(*key)) return std::unexpected(errors::NoSuchEntity(not_found));
    return Change().Remove<OidcProvider>(*key);
  });
}

Result<void> AddClientIdToOidcProvider(OpContext& ctx, const std::string& arn,
                                       const std::string& client_id) {
  return EditOidc(ctx, arn, [&](OidcProvider& p) -> Result<void> {
    if (std::find(p.client_ids.begin(), p.client_ids.end(), client_id) != p.client_ids.end())
      return Ok();  // AWS: adding a client id that is already there succeeds
    if (p.client_ids.size() >= kMaxClientIds)
      return std::unexpected(
          errors::LimitExceeded("Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: 100"));
    p.client_ids.push_back(client_id);
    return Ok();
  });
}

Result<void> RemoveClientIdFromOidcProvider(OpContext& ctx, const std::string& arn,
                                            const std::string& client_id) {
  // AWS: removing a client id that is not there succeeds.
  return EditOidc(ctx, arn, [&](OidcProvider& p) -> Result<void> {
    std::erase(p.client_ids, client_id);
    return Ok();
  });
}

Result<void> UpdateOidcProviderThumbprint(OpContext& ctx, const std::string& arn,
                                          const std::vector<std::string>& thumbprints) {
  if (auto ok = CheckThumbprints(thumbprints); !ok) return std::unexpected(ok.error());
  return EditOidc(ctx, arn, [&](OidcProvider& p) -> Result<void> {
    p.thumbprints = thumbprints;
    return Ok();
  });
}

Result<void> TagOidcProvider(OpContext& ctx, const std::string& arn, const Tags& tags) {
  return EditOidc(ctx, arn, [&](OidcProvider& p) -> Result<void> {
    auto merged = MergeTags(p.tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    p.tags = std::move(*merged);
    return Ok();
  });
}

Result<void> UntagOidcProvider(OpContext& ctx, const std::string& arn,
                               const std::vector<std::string>& keys) {
  return EditOidc(ctx, arn, [&](OidcProvider& p) -> Result<void> {
    p.tags = RemoveTags(p.tags, keys);
    return Ok();
  });
}

Result<Page<Tag>> ListOidcProviderTags(OpContext& ctx, const std::string& arn,
                                       const PageRequest& page) {
  auto p = ReadOidc(ctx, arn);
  if (!p) return std::unexpected(p.error());
  return PaginateVector(p->tags, "ListOpenIDConnectProviderTags", page);
}

Result<SamlMetadata> ParseSamlMetadata(std::string_view xml) {
  const auto bad = std::unexpected(errors::InvalidInput("Could not parse metadata"));
  pugi::xml_document doc;
  auto parsed = doc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_utf8);
  if (!parsed) return bad;
  pugi::xml_node root = doc.document_element();
  if (LocalName(root.name()) == "EntitiesDescriptor") {
    pugi::xml_node first;
    for (auto child : root.children())
      if (LocalName(child.name()) == "EntityDescriptor") {
        first = child;
        break;
      }
    root = first;
  }
  if (!root || LocalName(root.name()) != "EntityDescriptor") return bad;
  SamlMetadata out;
  out.entity_id = root.attribute("entityID").value();
  if (out.entity_id.empty()) return bad;
  bool idp = false;
  for (auto child : root.children()) idp = idp || LocalName(child.name()) == "IDPSSODescriptor";
  if (!idp) return bad;
  if (auto valid = root.attribute("validUntil"); valid) {
    auto t = state::ParseTime(valid.value());
    if (!t) return bad;
    out.valid_until = *t;
  }
  return out;
}

Result<SamlProvider> CreateSamlProvider(OpContext& ctx, const CreateSamlProviderInput& in) {
  auto meta = ParseSamlMetadata(in.metadata);
  if (!meta) return std::unexpected(meta.error());
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  SamlProvider p;
  p.name = in.name;
  p.metadata = in.metadata;
  p.entity_id = meta->entity_id;
  p.uuid = ctx.ids.UniqueId("", 22);
  p.create_date = ctx.clock.Now();
  p.valid_until = meta->valid_until.value_or(p.create_date + kDefaultSamlValidity);
  p.assertion_encryption_mode =
      in.assertion_encryption_mode.empty() ? "Allowed" : in.assertion_encryption_mode;
  p.tags = in.tags;
  auto ok = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.saml_providers.contains(FoldName(p.name)))
      return std::unexpected(
          errors::EntityAlreadyExists("SAMLProvider " + p.name + " already exists."));
    return Change().Upsert(FoldName(p.name), p);
  });
  if (!ok) return std::unexpected(ok.error());
  return p;
}

Result<SamlProvider> GetSamlProvider(OpContext& ctx, const std::string& arn) {
  return ReadSaml(ctx, arn);
}

std::vector<SamlProvider> ListSamlProviders(OpContext& ctx) {
  std::vector<SamlProvider> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    for (const auto& [key, p] : s.saml_providers) out.push_back(*p);
  });
  return out;
}

Result<SamlProvider> UpdateSamlProvider(OpContext& ctx, const UpdateSamlProviderInput& in) {
  std::optional<SamlMetadata> meta;
  if (in.metadata) {
    auto parsed = ParseSamlMetadata(*in.metadata);
    if (!parsed) return std::unexpected(parsed.error());
    meta = *parsed;
  }
  SamlProvider out;
  auto ok = EditSaml(ctx, in.arn, [&](SamlProvider& p) -> Result<void> {
    if (meta) {
      p.metadata = *in.metadata;
      p.entity_id = meta->entity_id;
      p.valid_until = meta->valid_until.value_or(p.create_date + kDefaultSamlValidity);
    }
    if (in.assertion_encryption_mode) p.assertion_encryption_mode = *in.assertion_encryption_mode;
    out = p;
    return Ok();
  });
  if (!ok) return std::unexpected(ok.error());
  return out;
}

Result<void> DeleteSamlProvider(OpContext& ctx, const std::string& arn) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto key = SamlKeyOf(ctx.account(), arn);
    if (!key) return std::unexpected(key.error());
    if (!s.saml_providers.contains(*key))
      return std::unexpected(errors::NoSuchEntity(SamlNotFound(arn)));
    return Change().Remove<SamlProvider>(*key);
  });
}

Result<void> TagSamlProvider(OpContext& ctx, const std::string& arn, const Tags& tags) {
  return EditSaml(ctx, arn, [&](SamlProvider& p) -> Result<void> {
    auto merged = MergeTags(p.tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    p.tags = std::move(*merged);
    return Ok();
  });
}

Result<void> UntagSamlProvider(OpContext& ctx, const std::string& arn,
                               const std::vector<std::string>& keys) {
  return EditSaml(ctx, arn, [&](SamlProvider& p) -> Result<void> {
    p.tags = RemoveTags(p.tags, keys);
    return Ok();
  });
}

Result<Page<Tag>> ListSamlProviderTags(OpContext& ctx, const std::string& arn,
                                       const PageRequest& page) {
  auto p = ReadSaml(ctx, arn);
  if (!p) return std::unexpected(p.error());
  return PaginateVector(p->tags, "ListSAMLProviderTags", page);
}

std::shared_ptr<const OidcProvider> FindOidcProviderByUrl(const AccountState& s,
                                                          std::string_view issuer) {
  std::string url(issuer);
  if (!url.starts_with("https://")) url = "https://" + url;
  auto key = OidcProviderKey(url);
  if (!key) return nullptr;
  auto it = s.oidc_providers.find(*key);
  return it == s.oidc_providers.end() ? nullptr : it->second;
}

std::shared_ptr<const SamlProvider> FindSamlProviderByArn(const AccountState& s,
                                                          const std::string& account,
                                                          const std::string& arn) {
  auto key = SamlKeyOf(account, arn);
  if (!key) return nullptr;
  auto it = s.saml_providers.find(*key);
  return it == s.saml_providers.end() ? nullptr : it->second;
}

}  // namespace iamlite::ops
