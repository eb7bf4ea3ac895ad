// SSH public keys of IAM users (for CodeCommit): UploadSSHPublicKey, GetSSHPublicKey,
// ListSSHPublicKeys, UpdateSSHPublicKey, DeleteSSHPublicKey.
//
// A key lives in AccountState::ssh_public_keys (by id) and names its user by unique id. As the
// IAM API Reference says, IAM takes RSA keys of at least 2048 bits, in OpenSSH (ssh-rsa) or PEM
// form (and the SSH2 form of RFC 4716); other key types are refused as an unrecognized encoding.
#pragma once

#include <optional>
#include <string>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxSshPublicKeysPerUser = 5;
inline constexpr int kMinSshRsaBits = 2048;
inline constexpr int kSshPublicKeyIdSuffixLength = 17;  // APKA + 17 = 21 characters

struct SshPublicKeyView {
  SshPublicKey key;
  std::string user_name;
};

// LimitExceeded past five keys; DuplicateSSHPublicKey when the user has this key already;
// UnrecognizedPublicKeyEncoding / InvalidPublicKey for bad material.
Result<SshPublicKeyView> UploadSshPublicKey(OpContext& ctx, const std::string& user_name,
                                            const std::string& body);

// `encoding` "SSH" gives SSHPublicKeyBody in OpenSSH's one-line form, "PEM" as a PEM public key.
Result<SshPublicKeyView> GetSshPublicKey(OpContext& ctx, const std::string& user_name,
                                         const std::string& key_id, const std::string& encoding);

// The user's keys (the calling user's when no name is given; none for other callers, as AWS
// documents), in upload order.
Result<Page<SshPublicKeyView>> ListSshPublicKeys(OpContext& ctx,
                                                 const std::optional<std::string>& user_name,
                                                 const PageRequest& page);

Result<void> UpdateSshPublicKey(OpContext& ctx, const std::string& user_name,
                                const std::string& key_id, const std::string& status);

Result<void> DeleteSshPublicKey(OpContext& ctx, const std::string& user_name,
                                const std::string& key_id);

}  // namespace iamlite::ops
