#include "core/ops/ssh_keys.h"

#include <gtest/gtest.h>

#include "core/ops/users.h"
#include "tests/unit/op_test_base.h"
#include "tests/unit/test_util.h"

namespace iamlite {
namespace {

std::string Data(const std::string& name) {
  return testing::ReadSourceFile("tests/data/keys_certs/" + name);
}

class SshKeysTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(ops::CreateUser(ctx_, {"Alice", "/", "", {}}));
    ASSERT_TRUE(ops::CreateUser(ctx_, {"bob", "/", "", {}}));
  }
  template <class T>
  static void ExpectError(const Result<T>& r, const char* code, int status,
                          const std::string& message) {
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, code);
    EXPECT_EQ(r.error().http_status, status);
    EXPECT_EQ(r.error().message, message);
  }
};

TEST_F(SshKeysTest, UploadGetListUpdateDelete) {
  auto key = ops::UploadSshPublicKey(ctx_, "alice", Data("rsa2048.pub"));
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->user_name, "Alice");
  EXPECT_TRUE(key->key.id.starts_with("APKA"));
  EXPECT_EQ(key->key.id.size(), 21u);
  EXPECT_EQ(key->key.fingerprint + "\n", Data("rsa2048.md5"));
  EXPECT_TRUE(key->key.active);

  auto ssh = ops::GetSshPublicKey(ctx_, "Alice", key->key.id, "SSH");
  ASSERT_TRUE(ssh.has_value());
  EXPECT_EQ(ssh->key.body, Data("rsa2048.pub"));  // as uploaded
  auto pem = ops::GetSshPublicKey(ctx_, "Alice", key->key.id, "PEM");
  ASSERT_TRUE(pem.has_value());
  EXPECT_EQ(pem->key.body, Data("rsa2048.pem.pub"));

  ASSERT_TRUE(ops::UpdateSshPublicKey(ctx_, "Alice", key->key.id, "Inactive"));
  auto listed = ops::ListSshPublicKeys(ctx_, std::string("Alice"), {});
  ASSERT_TRUE(listed.has_value());
  ASSERT_EQ(listed->items.size(), 1u);
  EXPECT_FALSE(listed->items[0].key.active);

  const std::string missing = "The Public Key with id " + key->key.id + " cannot be found.";
  ExpectError(ops::GetSshPublicKey(ctx_, "bob", key->key.id, "SSH"), "NoSuchEntity", 404, missing);
  ExpectError(ops::DeleteUser(ctx_, "Alice"), "DeleteConflict", 409,
              "Cannot delete entity, must remove referenced objects first.");
  ASSERT_TRUE(ops::DeleteSshPublicKey(ctx_, "Alice", key->key.id));
  ExpectError(ops::DeleteSshPublicKey(ctx_, "Alice", key->key.id), "NoSuchEntity", 404, missing);
  EXPECT_TRUE(ops::DeleteUser(ctx_, "Alice"));
}

TEST_F(SshKeysTest, OtherFormsAreStoredAsTheSameKey) {
  auto pem = ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa2048.pem.pub"));
  ASSERT_TRUE(pem.has_value()) << pem.error().message;
  auto ssh = ops::GetSshPublicKey(ctx_, "Alice", pem->key.id, "SSH");
  ASSERT_TRUE(ssh.has_value());
  EXPECT_TRUE(ssh->key.body.starts_with("ssh-rsa AAAA"));
  const std::string dup = "The SSH public key is already associated with the specified IAM user.";
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa2048.ssh2")), "DuplicateSSHPublicKey",
              400, dup);
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa2048.pub")), "DuplicateSSHPublicKey",
              400, dup);
  EXPECT_TRUE(ops::UploadSshPublicKey(ctx_, "bob", Data("rsa2048.pub")));  // per user
}

TEST_F(SshKeysTest, OnlyRsaKeysOfAtLeast2048BitsAreTaken) {
  const std::string unrecognized = "The public key encoding format is unsupported or unrecognized.";
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("ed25519.pub")),
              "UnrecognizedPublicKeyEncoding", 400, unrecognized);
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("ecdsa256.pub")),
              "UnrecognizedPublicKeyEncoding", 400, unrecognized);
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", "not a key"), "UnrecognizedPublicKeyEncoding",
              400, unrecognized);
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa1024.pub")), "InvalidPublicKey", 400,
              "The public key must be at least 2048 bits long.");
  ExpectError(ops::UploadSshPublicKey(ctx_, "nobody", Data("rsa2048.pub")), "NoSuchEntity", 404,
              "The user with name nobody cannot be found.");
}

TEST_F(SshKeysTest, FiveKeysPerUser) {
  // Five distinct keys are not committed: the limit is checked with the state's count, so fill
  // the table directly with keys of Alice and then upload one more.
  std::string alice_id;
  store_.Read(caller_.account, [&](const AccountState& s) { alice_id = s.users.at("alice")->id; });
  ASSERT_TRUE(store_.Mutate(caller_.account, [&](const AccountState&) -> Result<Change> {
    Change change;
    for (int i = 0; i < 5; ++i) {
      SshPublicKey k;
      k.id = "APKAFILLER00000000000" + std::to_string(i);
      k.user_id = alice_id;
      k.blob = "filler" + std::to_string(i);
      change.Upsert(k.id, k);
    }
    return change;
  }));
  ExpectError(ops::UploadSshPublicKey(ctx_, "Alice", Data("rsa2048.pub")), "LimitExceeded", 409,
              "Cannot exceed quota for PublicKeysPerUser: 5");
}

}  // namespace
}  // namespace iamlite
