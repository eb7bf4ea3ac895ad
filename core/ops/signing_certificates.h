// X.509 signing certificates of IAM users: UploadSigningCertificate, ListSigningCertificates,
// UpdateSigningCertificate, DeleteSigningCertificate.
//
// A certificate lives in AccountState::signing_certificates (by id) and names its user by
// unique id. Where UserName is omitted, the operation acts on the calling IAM user
// (target_user.h).
#pragma once

#include <optional>
#include <string>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxSigningCertificatesPerUser = 2;
inline constexpr int kSigningCertificateIdLength = 28;

struct SigningCertificateView {
  SigningCertificate certificate;
  std::string user_name;
};

// MalformedCertificate "Certificate BODY is malformed." (recorded) when the body is not a PEM
// X.509 certificate; DuplicateCertificate when any user of the account has it already;
// LimitExceeded "Cannot exceed quota for CertificatesPerUser: 2" (recorded).
Result<SigningCertificateView> UploadSigningCertificate(OpContext& ctx,
                                                        const std::optional<std::string>& user_name,
                                                        const std::string& body);

// The user's certificates in upload order.
Result<Page<SigningCertificateView>> ListSigningCertificates(
    OpContext& ctx, const std::optional<std::string>& user_name, const PageRequest& page);

// NoSuchEntity "The Certificate with id X cannot be found." (recorded).
Result<void> UpdateSigningCertificate(OpContext& ctx, const std::optional<std::string>& user_name,
                                      const std::string& certificate_id, const std::string& status);

Result<void> DeleteSigningCertificate(OpContext& ctx, const std::optional<std::string>& user_name,
                                      const std::string& certificate_id);

}  // namespace iamlite::ops
