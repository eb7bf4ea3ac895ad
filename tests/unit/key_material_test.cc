// SSH public key and X.509 parsing (core/ops/ssh_keys_format.h, certificates_pem.h) against
// material made once with ssh-keygen and openssl (tests/data/keys_certs/).
#include <gtest/gtest.h>

#include <ctime>
#include <iomanip>

#include "core/ops/certificates_pem.h"
#include "core/ops/ssh_keys_format.h"
#include "tests/unit/test_util.h"

namespace iamlite {
namespace {

std::string Data(const std::string& name) {
  return testing::ReadSourceFile("tests/data/keys_certs/" + name);
}

std::string Trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

TEST(KeyMaterialTest, FingerprintsMatchSshKeygenForEveryForm) {
  const struct {
    const char* file;
    const char* fingerprint_file;
    const char* type;
    int bits;
  } cases[] = {
      {"rsa2048.pub", "rsa2048.md5", "ssh-rsa", 2048},
      {"rsa2048.ssh2", "rsa2048.md5", "ssh-rsa", 2048},
      {"rsa2048.pem.pub", "rsa2048.md5", "ssh-rsa", 2048},
      {"rsa1024.pub", "rsa1024.md5", "ssh-rsa", 1024},
      {"ed25519.pub", "ed25519.md5", "ssh-ed25519", 256},
      {"ecdsa256.pub", "ecdsa256.md5", "ecdsa-sha2-nistp256", 256},
      {"ecdsa256.pem.pub", "ecdsa256.md5", "ecdsa-sha2-nistp256", 256},
  };
  for (const auto& c : cases) {
    auto key = ops::ParseSshPublicKey(Data(c.file));
    ASSERT_TRUE(key.has_value()) << c.file << ": " << key.error().message;
    EXPECT_EQ(key->type, c.type) << c.file;
    EXPECT_EQ(key->bits, c.bits) << c.file;
    EXPECT_EQ(ops::SshFingerprint(key->blob), Trimmed(Data(c.fingerprint_file))) << c.file;
  }
}

TEST(KeyMaterialTest, FormsConvertBackAndForth) {
  auto openssh = ops::ParseSshPublicKey(Data("rsa2048.pub"));
  ASSERT_TRUE(openssh.has_value());
  // The one-line form without the comment.
  std::string line = Trimmed(Data("rsa2048.pub"));
  EXPECT_EQ(ops::SshOpenSshForm(*openssh), line.substr(0, line.rfind(' ')));
  auto pem = ops::SshPemForm(*openssh);
  ASSERT_TRUE(pem.has_value());
  EXPECT_EQ(*pem, Data("rsa2048.pem.pub"));
}

TEST(KeyMaterialTest, BadMaterialIsUnrecognizedOrInvalid) {
  const struct {
    std::string text;
    const char* code;
  } cases[] = {
      {"hello world", "UnrecognizedPublicKeyEncoding"},
      {"ssh-dss AAAAB3NzaC1kc3M=", "UnrecognizedPublicKeyEncoding"},
      {"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
       "UnrecognizedPublicKeyEncoding"},
      {"ssh-rsa", "InvalidPublicKey"},
      {"ssh-rsa !!!notbase64", "InvalidPublicKey"},
      {"ssh-rsa AAAAC3NzaC1lZDI1NTE5AAAAIPPyhhXkhiYl/K4wnw54Tk/Jm1xSiWnZSk0slIG9XjgC",
       "InvalidPublicKey"},  // an ed25519 blob under the ssh-rsa label
      {"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPPy", "InvalidPublicKey"},  // truncated
      {"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n", "InvalidPublicKey"},
      {"---- BEGIN SSH2 PUBLIC KEY ----\nAAAA\n", "InvalidPublicKey"},
  };
  for (const auto& c : cases) {
    auto key = ops::ParseSshPublicKey(c.text);
    ASSERT_FALSE(key.has_value()) << c.text;
    EXPECT_EQ(key.error().code, c.code) << c.text;
    EXPECT_EQ(key.error().http_status, 400) << c.text;
  }
}

TEST(KeyMaterialTest, CertificatesParseWithTheirExpiry) {
  ops::CertificateInfo info;
  ASSERT_TRUE(ops::ParseCertificatePem(Data("leaf.pem"), info));
  EXPECT_FALSE(info.der.empty());
  EXPECT_GT(info.not_after, info.not_before);
  // leaf.enddate holds openssl's "notAfter=Nov 25 12:41:53 2036 GMT" for this file.
  std::tm tm{};
  std::istringstream when(Trimmed(Data("leaf.enddate")).substr(9));
  when >> std::get_time(&tm, "%b %d %H:%M:%S %Y");
  ASSERT_FALSE(when.fail());
  EXPECT_EQ(info.not_after, static_cast<TimeMs>(timegm(&tm)) * 1000);

  EXPECT_FALSE(ops::ParseCertificatePem("invalid-certificate-body", info));
  EXPECT_FALSE(ops::ParseCertificatePem(Data("leaf.key"), info));
  EXPECT_FALSE(ops::ParseCertificatePem("junk\n" + Data("leaf.pem"), info));
  EXPECT_TRUE(ops::ParseCertificateChainPem(Data("ca.pem")));
  EXPECT_TRUE(ops::ParseCertificateChainPem(Data("ca.pem") + Data("leaf.pem")));
  EXPECT_FALSE(ops::ParseCertificateChainPem(Data("ca.pem") + Data("leaf.key")));
  EXPECT_FALSE(ops::ParseCertificateChainPem("not a chain"));
}

TEST(KeyMaterialTest, PrivateKeyMustBelongToTheCertificate) {
  EXPECT_EQ(ops::PrivateKeyMatches(Data("leaf.pem"), Data("leaf.key")), ops::KeyMatch::kMatches);
  EXPECT_EQ(ops::PrivateKeyMatches(Data("leaf.pem"), Data("other.key")), ops::KeyMatch::kMismatch);
  EXPECT_EQ(ops::PrivateKeyMatches(Data("leaf.pem"), "not a key"), ops::KeyMatch::kMalformedKey);
  EXPECT_EQ(ops::PrivateKeyMatches(Data("leaf.pem"), Data("leaf.pem")),
            ops::KeyMatch::kMalformedKey);
}

}  // namespace
}  // namespace iamlite
