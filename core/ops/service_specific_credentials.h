// Service-specific credentials: CreateServiceSpecificCredential, ListServiceSpecificCredentials,
// ResetServiceSpecificCredential, UpdateServiceSpecificCredential and
// DeleteServiceSpecificCredential. A user holds at most two per service; a user holding any
// cannot be deleted (DeleteConflict, users.cc).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxServiceCredentialsPerService = 2;

// The services AWS issues these credentials for (IAM API Reference,
// CreateServiceSpecificCredential: Bedrock, CloudWatch Logs, CodeCommit, Keyspaces).
bool IsServiceCredentialService(const std::string& service_name);
// Bedrock and CloudWatch Logs credentials are API keys (alias + secret, optional expiry);
// CodeCommit and Keyspaces ones a user name and password.
bool IsApiKeyService(const std::string& service_name);

struct CreateServiceCredentialInput {
  std::string user_name;
  std::string service_name;
  std::optional<int> credential_age_days;  // API keys only; ignored for the others
};

// The credential with its password or secret (shown only here and by Reset).
struct ServiceCredentialView {
  ServiceSpecificCredential credential;
  std::string user_name;
  std::string status;  // StatusOf(credential) when read
};

Result<ServiceCredentialView> CreateServiceSpecificCredential(
    OpContext& ctx, const CreateServiceCredentialInput& in);

struct ListServiceCredentialsInput {
  std::optional<std::string> user_name;  // none: the calling user
  std::optional<std::string> service_name;
  bool all_users = false;
  PageRequest page;
};
// Credentials without their password or secret. Expired API keys report Status "Expired".
Result<Page<ServiceCredentialView>> ListServiceSpecificCredentials(
    OpContext& ctx, const ListServiceCredentialsInput& in);

// A new password (user name and password credentials) or a new secret (API keys).
Result<ServiceCredentialView> ResetServiceSpecificCredential(
    OpContext& ctx, const std::optional<std::string>& user_name, const std::string& id);

// `status`: "Active" or "Inactive" ("Expired" is read-only: InvalidInput).
Result<void> UpdateServiceSpecificCredential(OpContext& ctx,
                                             const std::optional<std::string>& user_name,
                                             const std::string& id, const std::string& status);

Result<void> DeleteServiceSpecificCredential(OpContext& ctx,
                                             const std::optional<std::string>& user_name,
                                             const std::string& id);

// "Active", "Inactive" or "Expired" (an API key past its expiration) at time `now`.
std::string StatusOf(const ServiceSpecificCredential& c, TimeMs now);

}  // namespace iamlite::ops
