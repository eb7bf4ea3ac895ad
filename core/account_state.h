// Everything one AWS account holds. Entities are immutable and shared; a Change (change.h)
// replaces or removes them. Ordered maps keyed by folded name give AWS's listing order and
// stable pagination markers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/entities.h"
#include "core/session.h"

namespace iamlite {

template <class T>
using Table = std::map<std::string, std::shared_ptr<const T>>;

struct AccountState {
  std::string account_id;
  // Bumped by every applied change; lets caches (compiled policy sets) detect staleness.
  std::uint64_t generation = 0;
  TimeMs created = 0;             // when the account was first used (its root's CreateDate)
  Table<User> users;              // key: FoldName(name)
  Table<Group> groups;            // key: FoldName(name)
  Table<Role> roles;              // key: FoldName(name)
  Table<ManagedPolicy> policies;  // customer managed; key: FoldName(name)
  Table<AccessKey> access_keys;   // key: access key id
  Table<InstanceProfile> instance_profiles;  // key: FoldName(name)
  Table<OidcProvider> oidc_providers;        // key: the URL without scheme (OidcProvider::url)
  Table<SamlProvider> saml_providers;        // key: FoldName(name)
  // Temporary credentials issued by STS; key: the ASIA... access key id. Expired sessions
  // are dropped by the next issue in the account.
  Table<StsSession> sts_sessions;
  // Virtual MFA devices and server certificates by FoldName(name); SSH public keys and signing
  // certificates by id.
  Table<MfaDevice> mfa_devices;
  Table<SshPublicKey> ssh_public_keys;
  Table<SigningCertificate> signing_certificates;
  Table<ServerCertificate> server_certificates;
  std::shared_ptr<const AccountSettings> settings = std::make_shared<const AccountSettings>();

  template <class T>
  Table<T>& TableOf();
  template <class T>
  const Table<T>& TableOf() const {
    return const_cast<AccountState*>(this)->TableOf<T>();
  }
};

template <>
inline Table<User>& AccountState::TableOf<User>() {
  return users;
}
template <>
inline Table<Group>& AccountState::TableOf<Group>() {
  return groups;
}
template <>
inline Table<Role>& AccountState::TableOf<Role>() {
  return roles;
}
template <>
inline Table<ManagedPolicy>& AccountState::TableOf<ManagedPolicy>() {
  return policies;
}
template <>
inline Table<AccessKey>& AccountState::TableOf<AccessKey>() {
  return access_keys;
}
template <>
inline Table<InstanceProfile>& AccountState::TableOf<InstanceProfile>() {
  return instance_profiles;
}
template <>
inline Table<OidcProvider>& AccountState::TableOf<OidcProvider>() {
  return oidc_providers;
}
template <>
inline Table<SamlProvider>& AccountState::TableOf<SamlProvider>() {
  return saml_providers;
}
template <>
inline Table<StsSession>& AccountState::TableOf<StsSession>() {
  return sts_sessions;
}
template <>
inline Table<MfaDevice>& AccountState::TableOf<MfaDevice>() {
  return mfa_devices;
}
template <>
inline Table<SshPublicKey>& AccountState::TableOf<SshPublicKey>() {
  return ssh_public_keys;
}
template <>
inline Table<SigningCertificate>& AccountState::TableOf<SigningCertificate>() {
  return signing_certificates;
}
template <>
inline Table<ServerCertificate>& AccountState::TableOf<ServerCertificate>() {
  return server_certificates;
}

}  // namespace iamlite
