#include "core/ops/user_credentials.h"

namespace iamlite::ops {

std::optional<std::string> UserCredentialBlocker(const AccountState& s,
                                                 const std::string& user_id) {
  // Wordings unconfirmed against AWS (no recording); AWS's DeleteUser documentation lists these
  // objects among those to remove first. The SSH key case reuses the recorded wording for
  // service-specific credentials, the other CodeCommit credential.
  for (const auto& [key, signing] : s.signing_certificates)
    if (signing->user_id == user_id)
      return "Cannot delete entity, must delete signing certificates first.";
  for (const auto& [key, ssh] : s.ssh_public_keys)
    if (ssh->user_id == user_id)
      return "Cannot delete entity, must remove referenced objects first.";
  for (const auto& [key, device] : s.mfa_devices)
    if (device->user_id == user_id) return "Cannot delete entity, must delete MFA device first.";
  return std::nullopt;
}

std::shared_ptr<const User> FindUserById(const AccountState& s, const std::string& user_id) {
  for (const auto& [key, user] : s.users)
    if (user->id == user_id) return user;
  return nullptr;
}

Result<bool> ParseActiveStatus(const std::string& status, const char* what) {
  if (status == "Active") return true;
  if (status == "Inactive") return false;
  // Unconfirmed wording.
  return std::unexpected(errors::InvalidInput(std::string(what) + " status " + status +
                                              " cannot be set; use Active or Inactive."));
}

namespace cred_errors {
namespace {
IamError Make(const char* code, int status, std::string message) {
  return IamError{code, status, std::move(message), true};
}
}  // namespace

IamError InvalidAuthenticationCode(std::string m) {
  return Make("InvalidAuthenticationCode", 403, std::move(m));
}
IamError MalformedCertificate(std::string m) {
  return Make("MalformedCertificate", 400, std::move(m));
}
IamError DuplicateCertificate(std::string m) {
  return Make("DuplicateCertificate", 409, std::move(m));
}
IamError KeyPairMismatch(std::string m) { return Make("KeyPairMismatch", 400, std::move(m)); }
IamError InvalidPublicKey(std::string m) { return Make("InvalidPublicKey", 400, std::move(m)); }
IamError DuplicateSSHPublicKey(std::string m) {
  return Make("DuplicateSSHPublicKey", 400, std::move(m));
}
IamError UnrecognizedPublicKeyEncoding(std::string m) {
  return Make("UnrecognizedPublicKeyEncoding", 400, std::move(m));
}
}  // namespace cred_errors

}  // namespace iamlite::ops
