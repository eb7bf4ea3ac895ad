// X.509 material for signing and server certificates, parsed with OpenSSL's libcrypto.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"

namespace iamlite::ops {

struct CertificateInfo {
  std::string der;       // the certificate's DER encoding (identity for duplicates)
  TimeMs not_after = 0;  // expiry
  TimeMs not_before = 0;
};

// The first certificate of a PEM text; false when there is none or it does not parse.
bool ParseCertificatePem(std::string_view pem, CertificateInfo& out);

// Every certificate of a PEM chain parses and there is at least one.
bool ParseCertificateChainPem(std::string_view pem);

enum class KeyMatch { kMatches, kMismatch, kMalformedKey };
// Whether the PEM private key `key_pem` (PKCS#1, PKCS#8 or SEC1, unencrypted) belongs to the
// public key of the PEM certificate `cert_pem` (which must parse).
KeyMatch PrivateKeyMatches(std::string_view cert_pem, std::string_view key_pem);

}  // namespace iamlite::ops
