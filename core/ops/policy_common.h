// Pieces shared by the managed-policy, attachment and inline-policy operations.
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/change.h"
#include "core/error.h"
#include "core/ops/lookup.h"
#include "core/pagination.h"

namespace iamlite::ops {

// The three kinds of identity that carry policies.
enum class EntityKind { kUser, kGroup, kRole };

// Calls f.template operator()<T>() with T the entity type of `kind` (User, Group, Role).
template <class F>
auto DispatchEntity(EntityKind kind, F&& f) {
  switch (kind) {
    case EntityKind::kGroup:
      return f.template operator()<Group>();
    case EntityKind::kRole:
      return f.template operator()<Role>();
    case EntityKind::kUser:
      break;
  }
  return f.template operator()<User>();
}

// "user", "group", "role": the word AWS uses in messages.
std::string_view EntityWord(EntityKind kind);

// Checks that `arn` has the form of a managed policy ARN
// (arn:aws:iam::<12 digits|aws>:policy/[path/]name). Otherwise ValidationError (400)
// "ARN {arn} is not valid." (recorded from AWS for Attach{User,Role}Policy with a policy
// name or other non-ARN text).
Result<void> CheckManagedPolicyArn(const std::string& arn);

// The path ("/", "/a/b/") and name of a policy ARN already checked by CheckManagedPolicyArn.
std::string PolicyPathOfArn(std::string_view arn);
std::string PolicyNameOfArn(std::string_view arn);

// True when a policy ARN names this account (not "aws" and not another account).
bool IsOwnPolicyArn(const std::string& account, std::string_view arn);

// Adds `delta` to the attachment count of the policy `ref` names: the customer policy's
// attachment_count, or this account's AccountSettings::aws_policy_attachments entry (erased
// at zero). Appends the updated entity to `change`.
void AddAttachments(const AccountState& s, const PolicyRef& ref, int delta, Change& change);

// One page of `items`, which are sorted by their string key (unique, ascending), resuming
// after the key a marker of `listing` carries. Keys need not survive between calls: a
// marker resumes at the first key after it, so deletions never break a listing.
template <class T>
Result<Page<T>> PaginateSorted(const std::vector<std::pair<std::string, T>>& items,
                               std::string_view listing, const PageRequest& req) {
  Page<T> page;
  auto it = items.begin();
  if (req.marker) {
    auto last = DecodeMarker(listing, *req.marker);
    if (!last) return std::unexpected(last.error());
    it =
        std::upper_bound(items.begin(), items.end(), *last,
                         [](const std::string& key, const auto& item) { return key < item.first; });
  }
  for (; it != items.end(); ++it) {
    if (static_cast<int>(page.items.size()) == req.max_items) {
      page.truncated = true;
      page.next_marker = EncodeMarker(listing, std::prev(it)->first);
      break;
    }
    page.items.push_back(it->second);
  }
  return page;
}

}  // namespace iamlite::ops
