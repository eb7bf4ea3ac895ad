// SSH public key material as UploadSSHPublicKey accepts it, parsed with OpenSSL's libcrypto:
//   - OpenSSH's one-line form: "ssh-rsa AAAA... comment";
//   - the SSH2 form of RFC 4716 ("---- BEGIN SSH2 PUBLIC KEY ----", headers, base64 lines);
//   - PEM: an X.509 SubjectPublicKeyInfo ("-----BEGIN PUBLIC KEY-----").
// Key types ssh-rsa, ecdsa-sha2-nistp256/384/521 and ssh-ed25519 are understood; which of them
// IAM takes is the operation's rule (ssh_keys.h).
#pragma once

#include <string>
#include <string_view>

#include "core/error.h"

namespace iamlite::ops {

struct SshKeyMaterial {
  std::string type;  // "ssh-rsa", "ecdsa-sha2-nistp256", "ssh-ed25519", ...
  std::string blob;  // the key in SSH wire format (RFC 4253 section 6.6)
  int bits = 0;      // modulus size for RSA, curve size otherwise
};

// UnrecognizedPublicKeyEncoding when the text is in none of the forms above;
// InvalidPublicKey when it is, but the key inside is malformed.
Result<SshKeyMaterial> ParseSshPublicKey(std::string_view text);

// The MD5 fingerprint of a key blob as IAM shows it: lower-case hex pairs joined by ':'.
std::string SshFingerprint(std::string_view blob);

// The key in OpenSSH's one-line form ("TYPE BASE64") and as PEM (SubjectPublicKeyInfo).
std::string SshOpenSshForm(const SshKeyMaterial& key);
Result<std::string> SshPemForm(const SshKeyMaterial& key);

}  // namespace iamlite::ops
