#include "core/ops/signing_certificates.h"

#include <algorithm>

#include "core/ops/certificates_pem.h"
#include "core/ops/lookup.h"
#include "core/ops/target_user.h"
#include "core/ops/user_credentials.h"

namespace iamlite::ops {
namespace {

IamError NoSuchCertificate(const std::string& id) {
  return errors::NoSuchEntity("The Certificate with id " + id + " cannot be found.");
}

std::vector<std::shared_ptr<const SigningCertificate>> CertificatesOf(const AccountState& s,
                                                                      const User& user) {
  std::vector<std::shared_ptr<const SigningCertificate>> out;
  for (const auto& [id, cert] : s.signing_certificates)
    if (cert->user_id == user.id) out.push_back(cert);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a->upload_date < b->upload_date; });
  return out;
}

Result<std::shared_ptr<const SigningCertificate>> FindUserCertificate(const AccountState& s,
                                                                      const User& user,
                                                                      const std::string& id) {
  auto it = s.signing_certificates.find(id);
  if (it == s.signing_certificates.end() || it->second->user_id != user.id)
    return std::unexpected(NoSuchCertificate(id));
  return it->second;
}

}  // namespace

Result<SigningCertificateView> UploadSigningCertificate(OpContext& ctx,
                                                        const std::optional<std::string>& user_name,
                                                        const std::string& body) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  CertificateInfo info;
  const bool parsed = ParseCertificatePem(body, info);
  SigningCertificateView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, *name);
    if (!user) return std::unexpected(user.error());
    if (!parsed)
      return std::unexpected(
          cred_errors::MalformedCertificate("Certificate " + body + " is malformed."));
    for (const auto& [id, other] : s.signing_certificates) {
      CertificateInfo other_info;
      if (ParseCertificatePem(other->body, other_info) && other_info.der == info.der)
        return std::unexpected(cred_errors::DuplicateCertificate(  // API Reference wording
            "The same certificate is associated with an IAM user in the account."));
    }
    if (CertificatesOf(s, **user).size() >= kMaxSigningCertificatesPerUser)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for CertificatesPerUser: " +
                                                   std::to_string(kMaxSigningCertificatesPerUser)));
    SigningCertificate cert;
    do {
      cert.id = ctx.ids.UniqueId("", kSigningCertificateIdLength);
    } while (s.signing_certificates.contains(cert.id));
    cert.user_id = (*user)->id;
    cert.body = body;
    cert.upload_date = ctx.clock.Now();
    out = {cert, (*user)->name};
    return Change().Upsert(cert.id, cert);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<Page<SigningCertificateView>> ListSigningCertificates(
    OpContext& ctx, const std::optional<std::string>& user_name, const PageRequest& page) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  Result<Page<SigningCertificateView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindUser(s, *name);
    if (!user) {
      out = std::unexpected(user.error());
      return;
    }
    std::vector<SigningCertificateView> views;
    for (const auto& c : CertificatesOf(s, **user)) views.push_back({*c, (*user)->name});
    out = PaginateVector(views, "ListSigningCertificates", page);
  });
  return out;
}

Result<void> UpdateSigningCertificate(OpContext& ctx, const std::optional<std::string>& user_name,
                                      const std::string& certificate_id,
                                      const std::string& status) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  auto active = ParseActiveStatus(status, "Signing certificate");
  if (!active) return std::unexpected(active.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, *name);
    if (!user) return std::unexpected(user.error());
    auto found = FindUserCertificate(s, **user, certificate_id);
    if (!found) return std::unexpected(found.error());
    if ((*found)->active == *active) return Change();
    SigningCertificate cert = **found;
    cert.active = *active;
    return Change().Upsert(cert.id, cert);
  });
}

Result<void> DeleteSigningCertificate(OpContext& ctx, const std::optional<std::string>& user_name,
                                      const std::string& certificate_id) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, *name);
    if (!user) return std::unexpected(user.error());
    auto found = FindUserCertificate(s, **user, certificate_id);
    if (!found) return std::unexpected(found.error());
    return Change().Remove<SigningCertificate>(certificate_id);
  });
}

}  // namespace iamlite::ops
