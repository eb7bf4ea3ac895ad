#include "core/ops/ssh_keys_format.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <cctype>
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/base64.h"
#include "core/ops/user_credentials.h"

namespace iamlite::ops {
namespace {

// Wordings unconfirmed against AWS: the IAM API Reference's descriptions of the two errors.
IamError Unrecognized() {
  return cred_errors::UnrecognizedPublicKeyEncoding(
      "The public key encoding format is unsupported or unrecognized.");
}
IamError Invalid() {
  return cred_errors::InvalidPublicKey("The public key is malformed or otherwise invalid.");
}

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;
using BioPtr = std::unique_ptr<BIO, decltype(&BIO_free)>;
using BnPtr = std::unique_ptr<BIGNUM, decltype(&BN_free)>;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads the length-prefixed fields of an SSH wire blob.
class WireReader {
 public:
  explicit WireReader(std::string_view data) : data_(data) {}
  std::optional<std::string_view> Field() {
    if (data_.size() < 4) return std::nullopt;
    const auto* p = reinterpret_cast<const unsigned char*>(data_.data());
    const std::uint32_t n = (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) |
                            (std::uint32_t{p[2]} << 8) | std::uint32_t{p[3]};
    if (data_.size() - 4 < n) return std::nullopt;
    auto out = data_.substr(4, n);
    data_.remove_prefix(4 + n);
    return out;
  }
  bool done() const { return data_.empty(); }

 private:
  std::string_view data_;
};

void PutField(std::string& out, std::string_view field) {
  const auto n = static_cast<std::uint32_t>(field.size());
  out.push_back(static_cast<char>(n >> 24));
  out.push_back(static_cast<char>((n >> 16) & 0xFF));
  out.push_back(static_cast<char>((n >> 8) & 0xFF));
  out.push_back(static_cast<char>(n & 0xFF));
  out.append(field);
}

// An SSH mpint (two's complement, big-endian, minimal) of a non-negative BIGNUM.
std::string Mpint(const BIGNUM* bn) {
  std::string bytes(static_cast<size_t>(BN_num_bytes(bn)), '\0');
  BN_bn2bin(bn, reinterpret_cast<unsigned char*>(bytes.data()));
  if (!bytes.empty() && (static_cast<unsigned char>(bytes[0]) & 0x80)) bytes.insert(0, 1, '\0');
  return bytes;
}

struct Curve {
  const char* ssh_name;   // nistp256
  const char* ossl_name;  // prime256v1
  int bits;
};
constexpr Curve kCurves[] = {{"nistp256", "prime256v1", 256},
                             {"nistp384", "secp384r1", 384},
                             {"nistp521", "secp521r1", 521}};

// Checks a blob's fields against its type; fills type and bits.
Result<SshKeyMaterial> FromBlob(std::string blob) {
  WireReader r(blob);
  auto type = r.Field();
  if (!type) return std::unexpected(Invalid());
  SshKeyMaterial key;
  key.type = std::string(*type);
  if (key.type == "ssh-rsa") {
    auto e = r.Field();
    auto n = r.Field();
    if (!e || !n || !r.done() || n->empty()) return std::unexpected(Invalid());
    BnPtr modulus(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                            static_cast<int>(n->size()), nullptr),
                  &BN_free);
    if (!modulus) return std::unexpected(Invalid());
    key.bits = BN_num_bits(modulus.get());
  } else if (key.type.starts_with("ecdsa-sha2-")) {
    auto curve = r.Field();
    auto point = r.Field();
    if (!curve || !point || !r.done() || key.type != "ecdsa-sha2-" + std::string(*curve))
      return std::unexpected(Invalid());
    for (const auto& c : kCurves)
      if (*curve == c.ssh_name) key.bits = c.bits;
    if (key.bits == 0 || point->empty() || (*point)[0] != 0x04) return std::unexpected(Invalid());
  } else if (key.type == "ssh-ed25519") {
    auto pk = r.Field();
    if (!pk || pk->size() != 32 || !r.done()) return std::unexpected(Invalid());
    key.bits = 256;
  } else {
    return std::unexpected(Unrecognized());
  }
  key.blob = std::move(blob);
  return key;
}

bool IsKeyType(std::string_view word) {
  return word == "ssh-rsa" || word == "ssh-ed25519" || word.starts_with("ecdsa-sha2-");
}

Result<SshKeyMaterial> ParseOpenSsh(std::string_view text) {
  auto space = text.find_first_of(" \t");
  std::string_view type = text.substr(0, space);
  if (space == std::string_view::npos) return std::unexpected(Invalid());
  std::string_view rest = Trim(text.substr(space));
  std::string_view b64 = rest.substr(0, rest.find_first_of(" \t\r\n"));
  auto blob = Base64Decode(b64);
  if (!blob) return std::unexpected(Invalid());
  auto key = FromBlob(std::move(*blob));
  if (!key)
    return std::unexpected(key.error().code == "UnrecognizedPublicKeyEncoding" ? Invalid()
                                                                               : key.error());
  if (key->type != type) return std::unexpected(Invalid());
  return key;
}

// RFC 4716: header lines "Tag: value" (a trailing backslash continues one), then base64.
Result<SshKeyMaterial> ParseSsh2(std::string_view text) {
  constexpr std::string_view kBegin = "---- BEGIN SSH2 PUBLIC KEY ----";
  constexpr std::string_view kEnd = "---- END SSH2 PUBLIC KEY ----";
  auto end = text.find(kEnd);
  if (end == std::string_view::npos) return std::unexpected(Invalid());
  std::string_view body = text.substr(kBegin.size(), end - kBegin.size());
  std::string b64;
  bool continued = false;
  while (!body.empty()) {
    auto nl = body.find('\n');
    std::string_view line = Trim(body.substr(0, nl));
    body = nl == std::string_view::npos ? std::string_view() : body.substr(nl + 1);
    if (line.empty()) continue;
    if (continued || line.find(':') != std::string_view::npos) {
      continued = line.back() == '\\';
      continue;
    }
    b64.append(line);
  }
  auto blob = Base64Decode(b64);
  if (!blob) return std::unexpected(Invalid());
  return FromBlob(std::move(*blob));
}

std::string BlobFromPkey(EVP_PKEY* pkey, std::string& type) {
  std::string blob;
  const int id = EVP_PKEY_get_base_id(pkey);
  if (id == EVP_PKEY_RSA) {
    BIGNUM* n = nullptr;
    BIGNUM* e = nullptr;
    if (!EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_N, &n) ||
        !EVP_PKEY_get_bn_param(pkey, OSSL_PKEY_PARAM_RSA_E, &e)) {
      BN_free(n);
      BN_free(e);
      return {};
    }
    type = "ssh-rsa";
    PutField(blob, type);
    PutField(blob, Mpint(e));
    PutField(blob, Mpint(n));
    BN_free(n);
    BN_free(e);
  } else if (id == EVP_PKEY_ED25519) {
    unsigned char raw[32];
    size_t len = sizeof raw;
    if (!EVP_PKEY_get_raw_public_key(pkey, raw, &len) || len != 32) return {};
    type = "ssh-ed25519";
    PutField(blob, type);
    PutField(blob, std::string_view(reinterpret_cast<const char*>(raw), len));
  } else if (id == EVP_PKEY_EC) {
    char group[64] = {};
    size_t group_len = 0;
    if (!EVP_PKEY_get_utf8_string_param(pkey, OSSL_PKEY_PARAM_GROUP_NAME, group, sizeof group,
                                        &group_len))
      return {};
    const Curve* curve = nullptr;
    for (const auto& c : kCurves)
      if (std::string_view(group) == c.ossl_name) curve = &c;
    if (!curve) return {};
    unsigned char point[200];
    size_t point_len = 0;
    if (!EVP_PKEY_get_octet_string_param(pkey, OSSL_PKEY_PARAM_ENCODED_PUBLIC_KEY, point,
                                         sizeof point, &point_len))
      return {};
    type = std::string("ecdsa-sha2-") + curve->ssh_name;
    PutField(blob, type);
    PutField(blob, curve->ssh_name);
    PutField(blob, std::string_view(reinterpret_cast<const char*>(point), point_len));
  }
  return blob;
}

Result<SshKeyMaterial> ParsePem(std::string_view text) {
  BioPtr bio(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())), &BIO_free);
  PkeyPtr pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr), &EVP_PKEY_free);
  if (!pkey) return std::unexpected(Invalid());
  std::string type;
  std::string blob = BlobFromPkey(pkey.get(), type);
  if (blob.empty()) return std::unexpected(Unrecognized());
  return FromBlob(std::move(blob));
}

}  // namespace

Result<SshKeyMaterial> ParseSshPublicKey(std::string_view text) {
  text = Trim(text);
  if (text.starts_with("---- BEGIN SSH2 PUBLIC KEY ----")) return ParseSsh2(text);
  if (text.starts_with("-----BEGIN PUBLIC KEY-----")) return ParsePem(text);
  std::string_view first = text.substr(0, text.find_first_of(" \t"));
  if (IsKeyType(first)) return ParseOpenSsh(text);
  return std::unexpected(Unrecognized());
}

std::string SshFingerprint(std::string_view blob) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(blob.data(), blob.size(), md, &len, EVP_md5(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    if (i) out.push_back(':');
    out.push_back(kHex[md[i] >> 4]);
    out.push_back(kHex[md[i] & 15]);
  }
  return out;
}

std::string SshOpenSshForm(const SshKeyMaterial& key) {
  return key.type + " " + Base64Encode(key.blob);
}

Result<std::string> SshPemForm(const SshKeyMaterial& key) {
  // Only RSA keys are stored by IAM (ssh_keys.h); build the EVP_PKEY from n and e.
  WireReader r(key.blob);
  auto type = r.Field();
  auto e = r.Field();
  auto n = r.Field();
  if (!type || *type != "ssh-rsa" || !e || !n) return std::unexpected(Unrecognized());
  BnPtr bn_n(BN_bin2bn(reinterpret_cast<const unsigned char*>(n->data()),
                       static_cast<int>(n->size()), nullptr),
             &BN_free);
  BnPtr bn_e(BN_bin2bn(reinterpret_cast<const unsigned char*>(e->data()),
                       static_cast<int>(e->size()), nullptr),
             &BN_free);
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> bld(OSSL_PARAM_BLD_new(),
                                                                      &OSSL_PARAM_BLD_free);
  if (!bn_n || !bn_e || !bld ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_N, bn_n.get()) ||
      !OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_RSA_E, bn_e.get()))
    return std::unexpected(Invalid());
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(bld.get()),
                                                                 &OSSL_PARAM_free);
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> pctx(
      EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr), &EVP_PKEY_CTX_free);
  EVP_PKEY* raw = nullptr;
  if (!params || !pctx || EVP_PKEY_fromdata_init(pctx.get()) <= 0 ||
      EVP_PKEY_fromdata(pctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
    return std::unexpected(Invalid());
  PkeyPtr pkey(raw, &EVP_PKEY_free);
  BioPtr out(BIO_new(BIO_s_mem()), &BIO_free);
  if (!PEM_write_bio_PUBKEY(out.get(), pkey.get())) return std::unexpected(Invalid());
  char* data = nullptr;
  long len = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace iamlite::ops
