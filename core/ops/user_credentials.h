// What the per-user credential areas share (MFA devices, SSH public keys, signing
// certificates): their error codes, and the rule that DeleteUser waits until they are gone.
// Those entities name their user by its unique id (User::id), which UpdateUser's rename leaves
// unchanged, so a rename needs no rewriting of them.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/account_state.h"
#include "core/error.h"

namespace iamlite::ops {

// Why DeleteUser must refuse while the user with id `user_id` still has MFA devices, SSH public
// keys or signing certificates; nullopt when it has none.
std::optional<std::string> UserCredentialBlocker(const AccountState& s, const std::string& user_id);

// The user with this unique id, or nullptr. Call inside Store::Read/Mutate.
std::shared_ptr<const User> FindUserById(const AccountState& s, const std::string& user_id);

// "Active" -> true, "Inactive" -> false; InvalidInput for "Expired" (the model's statusType
// also allows it, but only AWS can set it).
Result<bool> ParseActiveStatus(const std::string& status, const char* what);

// The error codes of these areas (status per the IAM API Reference).
namespace cred_errors {
IamError InvalidAuthenticationCode(std::string message);      // 403
IamError MalformedCertificate(std::string message);           // 400
IamError DuplicateCertificate(std::string message);           // 409
IamError KeyPairMismatch(std::string message);                // 400
IamError InvalidPublicKey(std::string message);               // 400
IamError DuplicateSSHPublicKey(std::string message);          // 400
IamError UnrecognizedPublicKeyEncoding(std::string message);  // 400
}  // namespace cred_errors

}  // namespace iamlite::ops
