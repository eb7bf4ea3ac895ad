// Mutations as values: an operation computes a Change from the current state; the store
// applies it atomically. The same records feed persistence, export and observers.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "core/account_state.h"

namespace iamlite {

template <class T>
struct Put {
  std::string key;
  std::shared_ptr<const T> value;
};

template <class T>
struct Erase {
  std::string key;
};

// The account-wide settings are replaced whole (the key is unused).
using ChangeOp =
    std::variant<Put<User>, Erase<User>, Put<Group>, Erase<Group>, Put<Role>, Erase<Role>,
                 Put<ManagedPolicy>, Erase<ManagedPolicy>, Put<AccessKey>, Erase<AccessKey>,
                 Put<InstanceProfile>, Erase<InstanceProfile>, Put<AccountSettings>,
                 Put<OidcProvider>, Erase<OidcProvider>, Put<SamlProvider>, Erase<SamlProvider>,
                 Put<StsSession>, Erase<StsSession>, Put<MfaDevice>, Erase<MfaDevice>,
                 Put<SshPublicKey>, Erase<SshPublicKey>, Put<SigningCertificate>,
                 Erase<SigningCertificate>, Put<ServerCertificate>, Erase<ServerCertificate>>;

struct Change {
  std::vector<ChangeOp> ops;

  // Takes the value by const reference: with a by-value parameter, a call such as
  // Upsert(Key(user), std::move(user)) could move before the key is computed.
  template <class T>
  Change& Upsert(std::string key, const T& value) {
    ops.emplace_back(Put<T>{std::move(key), std::make_shared<const T>(value)});
    return *this;
  }
  template <class T>
  Change& Remove(std::string key) {
    ops.emplace_back(Erase<T>{std::move(key)});
    return *this;
  }
  Change& SetSettings(const AccountSettings& settings) {
    ops.emplace_back(Put<AccountSettings>{"", std::make_shared<const AccountSettings>(settings)});
    return *this;
  }
  bool empty() const { return ops.empty(); }
};

// Applies every op of `change` to `state` and bumps its generation.
void ApplyChange(AccountState& state, const Change& change);

}  // namespace iamlite
