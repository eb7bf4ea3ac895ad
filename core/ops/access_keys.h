// IAM user access keys: CreateAccessKey, ListAccessKeys, UpdateAccessKey, DeleteAccessKey,
// GetAccessKeyLastUsed, and the hooks the authentication layer uses (FindAccessKey,
// RecordAccessKeyUse).
//
// A key lives in AccountState::access_keys (by id, AccessKey::user = the user's key) and its
// id in User::access_keys; every operation changes both in one Change. Where UserName may be
// omitted, the operation acts on the calling IAM user (see target_user.h).
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/account_state.h"
#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxAccessKeysPerUser = 2;
inline constexpr int kAccessKeyIdSuffixLength = 16;  // AKIA + 16 = 20 characters

// A key with its user's name as created (AccessKey::user is the folded key).
struct AccessKeyView {
  AccessKey key;
  std::string user_name;
};

// A new Active key with a fresh secret. LimitExceeded "Cannot exceed quota for
// AccessKeysPerUser: 2" past two keys; NoSuchEntity for an unknown user.
Result<AccessKeyView> CreateAccessKey(OpContext& ctx, const std::optional<std::string>& user_name);

// The user's keys in creation order. Callers must not return AccessKey::secret from here.
Result<Page<AccessKeyView>> ListAccessKeys(OpContext& ctx,
                                           const std::optional<std::string>& user_name,
                                           const PageRequest& page);

// Sets the key's status, "Active" or "Inactive". NoSuchEntity "The Access Key with id X cannot
// be found." (recorded) when the user has no such key. The model's enum also allows "Expired",
// which only AWS can set: InvalidInput (message unconfirmed).
Result<void> UpdateAccessKey(OpContext& ctx, const std::optional<std::string>& user_name,
                             const std::string& key_id, const std::string& status);

Result<void> DeleteAccessKey(OpContext& ctx, const std::optional<std::string>& user_name,
                             const std::string& key_id);

struct AccessKeyLastUsedView {
  std::string user_name;
  std::optional<AccessKeyLastUsed> last_used;  // nullopt: never used
};
// Any key of the caller's account. An unknown id answers AccessDenied "User: <caller ARN> is
// not authorized to perform iam:GetAccessKeyLastUsed on resource: access key <id>", as AWS
// does (recorded), rather than NoSuchEntity.
Result<AccessKeyLastUsedView> GetAccessKeyLastUsed(OpContext& ctx, const std::string& key_id);

// The key with this id in the account, or nullptr. Call inside Store::Read/Mutate.
std::shared_ptr<const AccessKey> FindAccessKey(const AccountState& s, const std::string& key_id);

// A use of a key that recorded the same service and region less than this long ago is not
// written again: AWS itself updates last-used information with a delay of minutes to hours,
// and a store write per request would bump the account's generation on every call.
inline constexpr TimeMs kLastUsedGranularityMs = 60'000;

// Records that `key_id` signed a request to `service` in `region` at `when` (for the
// authentication layer). NoSuchEntity when the account has no such key.
Result<void> RecordAccessKeyUse(Store& store, const std::string& account, const std::string& key_id,
                                const std::string& service, const std::string& region, TimeMs when);

}  // namespace iamlite::ops
