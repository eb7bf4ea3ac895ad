#include "core/sigv4/signing.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <cstring>

#include "core/sigv4/signed_request_info.h"

namespace iamlite::sigv4 {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(n * 2, '0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kHex[bytes[i] >> 4];
    out[2 * i + 1] = kHex[bytes[i] & 0x0F];
  }
  return out;
}

constexpr std::size_t kBlock = 64;   // SHA-256's block size
constexpr std::size_t kDigest = 32;  // and digest size

// SHA-256, fetched once: the EVP_sha256() convenience and HMAC() fetch the algorithm (and
// HMAC() a MAC context) on every call, which was a third of a signed request's CPU.
const EVP_MD* Sha256() {
  static EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA2-256", nullptr);
  if (md == nullptr) std::abort();  // libcrypto without SHA-256: nothing can be verified
  return md;
}

// One digest context per thread, reused.
EVP_MD_CTX* ThreadContext() {
  struct Holder {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Holder() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Holder holder;
  if (holder.ctx == nullptr) std::abort();  // allocation failure only
  return holder.ctx;
}

// SHA-256 of the concatenation of `a` and `b` into `out`. The EVP calls fail only on
// allocation failure inside OpenSSL; there is no sane way on.
void Digest(std::string_view a, std::string_view b, unsigned char out[kDigest]) {
  EVP_MD_CTX* ctx = ThreadContext();
  unsigned int len = 0;
  if (EVP_DigestInit_ex2(ctx, Sha256(), nullptr) != 1 ||
      EVP_DigestUpdate(ctx, a.data(), a.size()) != 1 ||
      EVP_DigestUpdate(ctx, b.data(), b.size()) != 1 || EVP_DigestFinal_ex(ctx, out, &len) != 1 ||
      len != kDigest)
    std::abort();
}

std::string_view View(const unsigned char* bytes, std::size_t n) {
  return {reinterpret_cast<const char*>(bytes), n};
}

}  // namespace

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[kDigest];
  Digest(data, {}, digest);
  return Hex(digest, kDigest);
}

// HMAC as RFC 2104 defines it: H((K ^ opad) || H((K ^ ipad) || data)), K the key padded with
// zeros to a block (hashed first when longer than a block).
std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char k[kBlock] = {};
  if (key.size() > kBlock)
    Digest(key, {}, k);
  else
    std::memcpy(k, key.data(), key.size());
  unsigned char pad[kBlock];
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = k[i] ^ 0x36;
  unsigned char inner[kDigest];
  Digest(View(pad, kBlock), data, inner);
  for (std::size_t i = 0; i < kBlock; ++i) pad[i] = k[i] ^ 0x5c;
  unsigned char mac[kDigest];
  Digest(View(pad, kBlock), View(inner, kDigest), mac);
  OPENSSL_cleanse(k, sizeof k);
  OPENSSL_cleanse(pad, sizeof pad);
  return std::string(View(mac, kDigest));
}

std::string DeriveSigningKey(std::string_view secret, std::string_view date,
                             std::string_view region, std::string_view service) {
  std::string k_date = HmacSha256("AWS4" + std::string(secret), date);
  std::string k_region = HmacSha256(k_date, region);
  std::string k_service = HmacSha256(k_region, service);
  return HmacSha256(k_service, kScopeTerminator);
}

std::string StringToSign(std::string_view amz_date, std::string_view scope,
                         std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out += '\n';
  out += amz_date;
  out += '\n';
  out += scope;
  out += '\n';
  out += Sha256Hex(canonical_request);
  return out;
}

std::string SignatureHex(std::string_view signing_key, std::string_view string_to_sign) {
  std::string mac = HmacSha256(signing_key, string_to_sign);
  return Hex(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace iamlite::sigv4
