// Server certificates: UploadServerCertificate, GetServerCertificate, ListServerCertificates,
// UpdateServerCertificate, DeleteServerCertificate and their tags.
//
// A certificate lives in AccountState::server_certificates (by folded name). Its private key is
// kept (a secret in state exports) but never returned, as in AWS.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxServerCertificatesPerAccount = 20;
inline constexpr std::string_view kServerCertificateIdPrefix = "ASCA";

struct UploadServerCertificateInput {
  std::string name;
  std::string path = "/";
  std::string body;
  std::string private_key;
  std::string chain;  // empty: none
  Tags tags;
};
// MalformedCertificate for a body, key or chain that does not parse; KeyPairMismatch when the
// key is not the certificate's; EntityAlreadyExists "The Server Certificate with name X already
// exists." (recorded). Expiration is the certificate's notAfter.
Result<ServerCertificate> UploadServerCertificate(OpContext& ctx,
                                                  const UploadServerCertificateInput& in);

// NoSuchEntity "The Server Certificate with name X cannot be found." (recorded).
Result<ServerCertificate> GetServerCertificate(OpContext& ctx, const std::string& name);

Result<Page<std::shared_ptr<const ServerCertificate>>> ListServerCertificates(
    OpContext& ctx, const std::string& path_prefix, const PageRequest& page);

struct UpdateServerCertificateInput {
  std::string name;
  std::optional<std::string> new_name;
  std::optional<std::string> new_path;
};
Result<void> UpdateServerCertificate(OpContext& ctx, const UpdateServerCertificateInput& in);

Result<void> DeleteServerCertificate(OpContext& ctx, const std::string& name);

Result<void> TagServerCertificate(OpContext& ctx, const std::string& name, const Tags& tags);
Result<void> UntagServerCertificate(OpContext& ctx, const std::string& name,
                                    const std::vector<std::string>& keys);
Result<Page<Tag>> ListServerCertificateTags(OpContext& ctx, const std::string& name,
                                            const PageRequest& page);

}  // namespace iamlite::ops
