#include "core/ops/certificates_pem.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <memory>

namespace iamlite::ops {
namespace {

using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using X509Ptr = std::unique_ptr<X509, decltype(&X509_free)>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

BioPtr MemBio(std::string_view text) {
  return BioPtr(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
}

X509Ptr ReadCert(BIO* bio) {
  return X509Ptr(PEM_read_bio_X509(bio, nullptr, nullptr, nullptr), &X509_free);
}

bool ToTimeMs(const ASN1_TIME* t, TimeMs& out) {
  struct tm tm {};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return false;
  out = static_cast<TimeMs>(timegm(&tm)) * 1000;
  return true;
}

// A PEM text must hold only PEM blocks: OpenSSL skips text around them, IAM does not.
bool LooksLikePem(std::string_view pem) {
  auto first = pem.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && pem.substr(first).starts_with("-----BEGIN ");
}

}  // namespace

bool ParseCertificatePem(std::string_view pem, CertificateInfo& out) {
  if (!LooksLikePem(pem)) return false;
  auto bio = MemBio(pem);
  auto cert = ReadCert(bio.get());
  ERR_clear_error();
  if (!cert) return false;
  unsigned char* der = nullptr;
  int len = i2d_X509(cert.get(), &der);
  if (len <= 0) return false;
  out.der.assign(reinterpret_cast<const char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  return ToTimeMs(X509_get0_notAfter(cert.get()), out.not_after) &&
         ToTimeMs(X509_get0_notBefore(cert.get()), out.not_before);
}

bool ParseCertificateChainPem(std::string_view pem) {
  if (!LooksLikePem(pem)) return false;
  // OpenSSL skips PEM blocks of other kinds (a private key pasted into the chain): every block
  // must be a certificate.
  int blocks = 0;
  for (auto at = pem.find("-----BEGIN "); at != std::string_view::npos;
       at = pem.find("-----BEGIN ", at + 1)) {
    if (!pem.substr(at).starts_with("-----BEGIN CERTIFICATE-----")) return false;
    ++blocks;
  }
  auto bio = MemBio(pem);
  int count = 0;
  while (auto cert = ReadCert(bio.get())) ++count;
  // The loop ends on the first block that is not a certificate, or at the end of the text.
  unsigned long err = ERR_peek_last_error();
  bool at_end = ERR_GET_REASON(err) == PEM_R_NO_START_LINE;
  ERR_clear_error();
  return count > 0 && count == blocks && at_end;
}

KeyMatch PrivateKeyMatches(std::string_view cert_pem, std::string_view key_pem) {
  if (!LooksLikePem(key_pem)) return KeyMatch::kMalformedKey;
  auto key_bio = MemBio(key_pem);
  // An empty passphrase callback result: an encrypted key fails instead of prompting.
  PkeyPtr key(PEM_read_bio_PrivateKey(
                  key_bio.get(), nullptr, [](char*, int, int, void*) { return 0; }, nullptr),
              &EVP_PKEY_free);
  ERR_clear_error();
  if (!key) return KeyMatch::kMalformedKey;
  auto cert_bio = MemBio(cert_pem);
  auto cert = ReadCert(cert_bio.get());
  ERR_clear_error();
  if (!cert) return KeyMatch::kMismatch;
  int ok = X509_check_private_key(cert.get(), key.get());
  ERR_clear_error();
  return ok == 1 ? KeyMatch::kMatches : KeyMatch::kMismatch;
}

}  // namespace iamlite::ops
