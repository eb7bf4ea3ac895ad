#include "core/ops/server_certificates.h"

#include "core/names.h"
#include "core/ops/certificates_pem.h"
#include "core/ops/user_credentials.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

IamError NoSuchCertificate(const std::string& name) {
  return errors::NoSuchEntity("The Server Certificate with name " + name + " cannot be found.");
}
IamError Exists(const std::string& name) {
  return errors::EntityAlreadyExists("The Server Certificate with name " + name +
                                     " already exists.");
}

Result<std::shared_ptr<const ServerCertificate>> Find(const AccountState& s,
                                                      const std::string& name) {
  auto it = s.server_certificates.find(FoldName(name));
  if (it == s.server_certificates.end()) return std::unexpected(NoSuchCertificate(name));
  return it->second;
}

// The material's checks, before any state is read. Wordings: "Unable to parse certificate.
// Please ensure the certificate is in PEM format." is the one AWS users report for a bad body;
// the key and chain variants and the KeyPairMismatch text (the API Reference's description of
// the error) are unconfirmed.
Result<CertificateInfo> CheckMaterial(const UploadServerCertificateInput& in) {
  CertificateInfo info;
  if (!ParseCertificatePem(in.body, info))
    return std::unexpected(cred_errors::MalformedCertificate(
        "Unable to parse certificate. Please ensure the certificate is in PEM format."));
  switch (PrivateKeyMatches(in.body, in.private_key)) {
    case KeyMatch::kMalformedKey:
      return std::unexpected(cred_errors::MalformedCertificate(
          "Unable to parse private key. Please ensure the private key is in PEM format."));
    case KeyMatch::kMismatch:
      return std::unexpected(cred_errors::KeyPairMismatch(
          "The public key certificate and the private key do not match."));
    case KeyMatch::kMatches:
      break;
  }
  if (!in.chain.empty() && !ParseCertificateChainPem(in.chain))
    return std::unexpected(cred_errors::MalformedCertificate(
        "Unable to parse certificate chain. Please ensure the certificate chain is in PEM "
        "format."));
  return info;
}

}  // namespace

Result<ServerCertificate> UploadServerCertificate(OpContext& ctx,
                                                  const UploadServerCertificateInput& in) {
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  auto info = CheckMaterial(in);
  if (!info) return std::unexpected(info.error());
  ServerCertificate cert;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.server_certificates.contains(FoldName(in.name))) return std::unexpected(Exists(in.name));
    if (s.server_certificates.size() >= kMaxServerCertificatesPerAccount)  // unconfirmed wording
      return std::unexpected(
          errors::LimitExceeded("Cannot exceed quota for ServerCertificatesPerAccount: " +
                                std::to_string(kMaxServerCertificatesPerAccount)));
    cert.id = ctx.ids.UniqueId(kServerCertificateIdPrefix);
    cert.name = in.name;
    cert.path = in.path;
    cert.body = in.body;
    cert.chain = in.chain;
    cert.private_key = in.private_key;
    cert.upload_date = ctx.clock.Now();
    cert.expiration = info->not_after;
    cert.tags = in.tags;
    return Change().Upsert(FoldName(cert.name), cert);
  });
  if (!done) return std::unexpected(done.error());
  return cert;
}

Result<ServerCertificate> GetServerCertificate(OpContext& ctx, const std::string& name) {
  Result<ServerCertificate> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = Find(s, name);
    if (found)
      out = **found;
    else
      out = std::unexpected(found.error());
  });
  return out;
}

Result<Page<std::shared_ptr<const ServerCertificate>>> ListServerCertificates(
    OpContext& ctx, const std::string& path_prefix, const PageRequest& page) {
  Result<Page<std::shared_ptr<const ServerCertificate>>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    out = Paginate(s.server_certificates, "ListServerCertificates", page,
                   [&](const ServerCertificate& c) { return PathHasPrefix(c.path, path_prefix); });
  });
  return out;
}

Result<void> UpdateServerCertificate(OpContext& ctx, const UpdateServerCertificateInput& in) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = Find(s, in.name);
    if (!found) return std::unexpected(found.error());
    ServerCertificate cert = **found;
    Change change;
    if (in.new_name) {
      std::string new_key = FoldName(*in.new_name);
      if (new_key != FoldName(cert.name) && s.server_certificates.contains(new_key))
        return std::unexpected(Exists(*in.new_name));
      change.Remove<ServerCertificate>(FoldName(cert.name));
      cert.name = *in.new_name;
    }
    if (in.new_path) cert.path = *in.new_path;
    return change.Upsert(FoldName(cert.name), cert);
  });
}

Result<void> DeleteServerCertificate(OpContext& ctx, const std::string& name) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = Find(s, name);
    if (!found) return std::unexpected(found.error());
    return Change().Remove<ServerCertificate>(FoldName((*found)->name));
  });
}

Result<void> TagServerCertificate(OpContext& ctx, const std::string& name, const Tags& tags) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = Find(s, name);
    if (!found) return std::unexpected(found.error());
    auto merged = MergeTags((*found)->tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    ServerCertificate cert = **found;
    cert.tags = std::move(*merged);
    return Change().Upsert(FoldName(cert.name), cert);
  });
}

Result<void> UntagServerCertificate(OpContext& ctx, const std::string& name,
                                    const std::vector<std::string>& keys) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = Find(s, name);
    if (!found) return std::unexpected(found.error());
    ServerCertificate cert = **found;
    cert.tags = RemoveTags(cert.tags, keys);
    return Change().Upsert(FoldName(cert.name), cert);
  });
}

Result<Page<Tag>> ListServerCertificateTags(OpContext& ctx, const std::string& name,
                                            const PageRequest& page) {
  Result<Page<Tag>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = Find(s, name);
    if (!found)
      out = std::unexpected(found.error());
    else
      out = PaginateVector((*found)->tags, "ListServerCertificateTags/" + FoldName((*found)->name),
                           page);
  });
  return out;
}

}  // namespace iamlite::ops
