#include "core/ops/ssh_keys.h"

#include <algorithm>

#include "core/ops/lookup.h"
#include "core/ops/ssh_keys_format.h"
#include "core/ops/user_credentials.h"

namespace iamlite::ops {
namespace {

IamError NoSuchKey(const std::string& key_id) {
  return errors::NoSuchEntity("The Public Key with id " + key_id + " cannot be found.");
}

// The user's keys, oldest first.
std::vector<std::shared_ptr<const SshPublicKey>> KeysOf(const AccountState& s, const User& user) {
  std::vector<std::shared_ptr<const SshPublicKey>> out;
  for (const auto& [id, key] : s.ssh_public_keys)
    if (key->user_id == user.id) out.push_back(key);
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a->upload_date < b->upload_date; });
  return out;
}

Result<std::shared_ptr<const SshPublicKey>> FindUserKey(const AccountState& s, const User& user,
                                                        const std::string& key_id) {
  auto it = s.ssh_public_keys.find(key_id);
  if (it == s.ssh_public_keys.end() || it->second->user_id != user.id)
    return std::unexpected(NoSuchKey(key_id));
  return it->second;
}

Result<SshKeyMaterial> CheckMaterial(const std::string& body) {
  auto key = ParseSshPublicKey(body);
  if (!key) return key;
  if (key->type != "ssh-rsa")
    return std::unexpected(cred_errors::UnrecognizedPublicKeyEncoding(
        "The public key encoding format is unsupported or unrecognized."));
  if (key->bits < kMinSshRsaBits)  // unconfirmed wording
    return std::unexpected(cred_errors::InvalidPublicKey(
        "The public key must be at least " + std::to_string(kMinSshRsaBits) + " bits long."));
  return key;
}

}  // namespace

Result<SshPublicKeyView> UploadSshPublicKey(OpContext& ctx, const std::string& user_name,
                                            const std::string& body) {
  auto material = CheckMaterial(body);
  SshPublicKeyView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, user_name);
    if (!user) return std::unexpected(user.error());
    if (!material) return std::unexpected(material.error());
    auto keys = KeysOf(s, **user);
    for (const auto& k : keys)
      if (k->blob == material->blob)  // wording: the API Reference's description
        return std::unexpected(cred_errors::DuplicateSSHPublicKey(
            "The SSH public key is already associated with the specified IAM user."));
    if (keys.size() >= kMaxSshPublicKeysPerUser)  // unconfirmed wording
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for PublicKeysPerUser: " +
                                                   std::to_string(kMaxSshPublicKeysPerUser)));
    SshPublicKey key;
    do {
      key.id = ctx.ids.UniqueId("APKA", kSshPublicKeyIdSuffixLength);
    } while (s.ssh_public_keys.contains(key.id));
    key.user_id = (*user)->id;
    key.body = body;
    key.blob = material->blob;
    key.fingerprint = SshFingerprint(material->blob);
    key.upload_date = ctx.clock.Now();
    out = {key, (*user)->name};
    return Change().Upsert(key.id, key);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<SshPublicKeyView> GetSshPublicKey(OpContext& ctx, const std::string& user_name,
                                         const std::string& key_id, const std::string& encoding) {
  Result<SshPublicKeyView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindUser(s, user_name);
    if (!user) {
      out = std::unexpected(user.error());
      return;
    }
    auto key = FindUserKey(s, **user, key_id);
    if (!key) {
      out = std::unexpected(key.error());
      return;
    }
    out = SshPublicKeyView{**key, (*user)->name};
  });
  if (!out) return out;
  SshKeyMaterial material{"ssh-rsa", out->key.blob, 0};
  if (encoding == "PEM") {
    auto pem = SshPemForm(material);
    if (!pem) return std::unexpected(pem.error());
    out->key.body = *pem;
  } else if (!out->key.body.starts_with("ssh-rsa ")) {  // uploaded as PEM or SSH2
    out->key.body = SshOpenSshForm(material);
  }
  return out;
}

Result<Page<SshPublicKeyView>> ListSshPublicKeys(OpContext& ctx,
                                                 const std::optional<std::string>& user_name,
                                                 const PageRequest& page) {
  // "If none is specified, the UserName field is determined implicitly based on the Amazon Web
  // Services access key used to sign the request": callers that are not IAM users have none.
  if (!user_name && ctx.caller.type != Caller::Type::kUser)
    return PaginateVector(std::vector<SshPublicKeyView>{}, "ListSSHPublicKeys", page);
  std::string name = user_name.value_or(ctx.caller.user_name);
  Result<Page<SshPublicKeyView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindUser(s, name);
    if (!user) {
      out = std::unexpected(user.error());
      return;
    }
    std::vector<SshPublicKeyView> views;
    for (const auto& k : KeysOf(s, **user)) views.push_back({*k, (*user)->name});
    out = PaginateVector(views, "ListSSHPublicKeys", page);
  });
  return out;
}

Result<void> UpdateSshPublicKey(OpContext& ctx, const std::string& user_name,
                                const std::string& key_id, const std::string& status) {
  auto active = ParseActiveStatus(status, "SSH public key");
  if (!active) return std::unexpected(active.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, user_name);
    if (!user) return std::unexpected(user.error());
    auto found = FindUserKey(s, **user, key_id);
    if (!found) return std::unexpected(found.error());
    if ((*found)->active == *active) return Change();
    SshPublicKey key = **found;
    key.active = *active;
    return Change().Upsert(key.id, key);
  });
}

Result<void> DeleteSshPublicKey(OpContext& ctx, const std::string& user_name,
                                const std::string& key_id) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, user_name);
    if (!user) return std::unexpected(user.error());
    auto found = FindUserKey(s, **user, key_id);
    if (!found) return std::unexpected(found.error());
    return Change().Remove<SshPublicKey>(key_id);
  });
}

}  // namespace iamlite::ops
