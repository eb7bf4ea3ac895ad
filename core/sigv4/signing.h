// The cryptographic steps of SigV4 (libcrypto): hashing, the signing key chain, the string to
// sign and the signature. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace iamlite::sigv4 {

// Lower-case hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);

// Raw 32-byte HMAC-SHA256 of `data` under `key`.
std::string HmacSha256(std::string_view key, std::string_view data);

// kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
std::string DeriveSigningKey(std::string_view secret, std::string_view date,
                             std::string_view region, std::string_view service);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical_request>".
std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request);

// Lower-case hex HMAC-SHA256 of the string to sign under the signing key.
std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign);

// Equality in time independent of where the inputs differ (CRYPTO_memcmp); the lengths are
// not secret.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace iamlite::sigv4
