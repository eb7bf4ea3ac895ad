// Signing and server certificates (core/ops/signing_certificates.h, server_certificates.h), and
// the state export of every per-user credential kind (MFA devices, SSH keys, certificates).
#include <gtest/gtest.h>

#include "core/ops/mfa.h"
#include "core/ops/server_certificates.h"
#include "core/ops/signing_certificates.h"
#include "core/ops/ssh_keys.h"
#include "core/ops/users.h"
#include "core/state/change_json.h"
#include "core/state/document.h"
#include "core/totp.h"
#include "tests/unit/op_test_base.h"
#include "tests/unit/test_util.h"

namespace iamlite {
namespace {

std::string Data(const std::string& name) {
  return testing::ReadSourceFile("tests/data/keys_certs/" + name);
}

class CertificatesTest : public testing::OpTest {
 protected:
  void SetUp() override { ASSERT_TRUE(ops::CreateUser(ctx_, {"Alice", "/", "", {}})); }
  template <class T>
  static void ExpectError(const Result<T>& r, const char* code, int status,
                          const std::string& message) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().http_status, status);
    EXPECT_EQ(r.error().message, message);
  }
  ops::UploadServerCertificateInput Server(const std::string& name) {
    return {name, "/", Data("leaf.pem"), Data("leaf.key"), "", {}};
  }
};

TEST_F(CertificatesTest, SigningCertificateRules) {
  auto cert = ops::UploadSigningCertificate(ctx_, std::string("alice"), Data("leaf.pem"));
  ASSERT_TRUE(cert.has_value()) << cert.error().message;
  EXPECT_EQ(cert->certificate.id.size(), 28u);
  EXPECT_EQ(cert->user_name, "Alice");
  ExpectError(ops::UploadSigningCertificate(ctx_, std::string("Alice"), "invalid-certificate-body"),
              "MalformedCertificate", 400, "Certificate invalid-certificate-body is malformed.");
  ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  ExpectError(ops::UploadSigningCertificate(ctx_, std::string("bob"), Data("leaf.pem")),
              "DuplicateCertificate", 409,
              "The same certificate is associated with an IAM user in the account.");
  ASSERT_TRUE(ops::UploadSigningCertificate(ctx_, std::string("Alice"), Data("signing2.pem")));
  ExpectError(ops::UploadSigningCertificate(ctx_, std::string("Alice"), Data("signing3.pem")),
              "LimitExceeded", 409, "Cannot exceed quota for CertificatesPerUser: 2");
  ExpectError(ops::UploadSigningCertificate(ctx_, std::nullopt, Data("signing3.pem")),
              "ValidationError", 400,
              "Must specify userName when calling with non-User credentials");
  ExpectError(
      ops::UpdateSigningCertificate(ctx_, std::string("bob"), cert->certificate.id, "Inactive"),
      "NoSuchEntity", 404, "The Certificate with id " + cert->certificate.id + " cannot be found.");
  ASSERT_TRUE(
      ops::UpdateSigningCertificate(ctx_, std::string("Alice"), cert->certificate.id, "Inactive"));
  auto listed = ops::ListSigningCertificates(ctx_, std::string("Alice"), {});
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->items.size(), 2u);
  EXPECT_EQ(listed->items[0].certificate.id, cert->certificate.id);  // upload order
  EXPECT_FALSE(listed->items[0].certificate.active);
  ExpectError(ops::DeleteUser(ctx_, "Alice"), "DeleteConflict", 409,
              "Cannot delete entity, must delete signing certificates first.");
}

TEST_F(CertificatesTest, ServerCertificateRules) {
  auto in = Server("web");
  in.path = "/prod/";
  in.chain = Data("ca.pem");
  auto cert = ops::UploadServerCertificate(ctx_, in);
  ASSERT_TRUE(cert.has_value()) << cert.error().message;
  EXPECT_TRUE(cert->id.starts_with("ASCA"));
  EXPECT_EQ(cert->Arn("123456789012"), "arn:aws:iam::123456789012:server-certificate/prod/web");
  EXPECT_GT(cert->expiration, clock_.Now());
  ExpectError(ops::UploadServerCertificate(ctx_, Server("WEB")), "EntityAlreadyExists", 409,
              "The Server Certificate with name WEB already exists.");
  auto mismatch = Server("mismatch");
  mismatch.private_key = Data("other.key");
  ExpectError(ops::UploadServerCertificate(ctx_, mismatch), "KeyPairMismatch", 400,
              "The public key certificate and the private key do not match.");
  auto bad_chain = Server("bad-chain");
  bad_chain.chain = Data("leaf.key");
  ExpectError(ops::UploadServerCertificate(ctx_, bad_chain), "MalformedCertificate", 400,
              "Unable to parse certificate chain. Please ensure the certificate chain is in PEM "
              "format.");
  ASSERT_TRUE(ops::UploadServerCertificate(ctx_, Server("api")));
  auto prod = ops::ListServerCertificates(ctx_, "/prod/", {});
  ASSERT_TRUE(prod.has_value());
  ASSERT_EQ(prod->items.size(), 1u);
  EXPECT_EQ(prod->items[0]->name, "web");
  ExpectError(ops::UpdateServerCertificate(ctx_, {"web", std::string("API"), std::nullopt}),
              "EntityAlreadyExists", 409, "The Server Certificate with name API already exists.");
  ASSERT_TRUE(ops::UpdateServerCertificate(ctx_, {"web", std::string("web2"), std::string("/")}));
  ExpectError(ops::GetServerCertificate(ctx_, "web"), "NoSuchEntity", 404,
              "The Server Certificate with name web cannot be found.");
  auto moved = ops::GetServerCertificate(ctx_, "web2");
  ASSERT_TRUE(moved.has_value());
  EXPECT_EQ(moved->id, cert->id);
  EXPECT_EQ(moved->path, "/");
  EXPECT_EQ(moved->chain, Data("ca.pem"));
}

TEST_F(CertificatesTest, StateExportKeepsSecretsOnlyWhenAsked) {
  auto device = ops::CreateVirtualMfaDevice(ctx_, {"phone", "/", {{"k", "v"}}});
  ASSERT_TRUE(device.has_value());
  auto seed = totp::Base32Decode(device->base32_seed);
  auto step = static_cast<std::uint64_t>(totp::StepAt(clock_.Now()));
  ASSERT_TRUE(
      ops::EnableMfaDevice(ctx_, {"Alice", device->serial_number, totp::HotpCode(*seed, step),
                                  totp::HotpCode(*seed, step + 1)}));
  ASSERT_TRUE(ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa2048.pub")));
  ASSERT_TRUE(ops::UploadSigningCertificate(ctx_, std::string("Alice"), Data("leaf.pem")));
  ASSERT_TRUE(ops::UploadServerCertificate(ctx_, Server("web")));

  auto with = state::ExportDocument(store_.Snapshot(), {true});
  const auto& account = with["accounts"]["123456789012"];
  EXPECT_EQ(account["mfa_devices"][0]["seed"], device->base32_seed);
  EXPECT_EQ(account["server_certificates"][0]["private_key"], Data("leaf.key"));
  auto imported = state::ImportDocumentText(with.dump(), {});
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  EXPECT_EQ(state::ExportDocument(imported->accounts, {true}), with);

  auto without = state::ExportDocument(store_.Snapshot(), {false});
  const auto& bare = without["accounts"]["123456789012"];
  EXPECT_FALSE(bare["mfa_devices"][0].contains("seed"));
  EXPECT_FALSE(bare["server_certificates"][0].contains("private_key"));
  EXPECT_FALSE(state::ImportDocumentText(without.dump(), {}).has_value());
  auto fresh = state::ImportDocumentText(without.dump(), {&ids_, 0});
  ASSERT_TRUE(fresh.has_value()) << fresh.error().message;
  const auto& s = fresh->accounts.at("123456789012");
  EXPECT_EQ(s.mfa_devices.at("phone")->seed.size(), 20u);
  EXPECT_NE(s.mfa_devices.at("phone")->seed, *seed);
  EXPECT_EQ(s.ssh_public_keys.size(), 1u);

  // Every kind also travels as change records (the journal).
  Change change;
  for (const auto& [k, v] : s.mfa_devices) change.Upsert(k, *v);
  for (const auto& [k, v] : s.ssh_public_keys) change.Upsert(k, *v);
  for (const auto& [k, v] : s.signing_certificates) change.Upsert(k, *v);
  for (const auto& [k, v] : s.server_certificates) change.Upsert(k, *v);
  change.Remove<MfaDevice>("phone");
  auto back = state::ChangeFromJson(state::ToJson(change));
  ASSERT_TRUE(back.has_value()) << back.error().message;
  EXPECT_EQ(state::ToJson(*back), state::ToJson(change));

  // A reference to a user that is not there is refused.
  auto broken = with;
  broken["accounts"]["123456789012"]["ssh_public_keys"][0]["user_id"] = "AIDANOSUCHUSER0000000";
  EXPECT_FALSE(state::ImportDocumentText(broken.dump(), {}).has_value());
}

}  // namespace
}  // namespace iamlite
