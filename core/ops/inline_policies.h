// Inline policies embedded in users, groups and roles: Put/Get/Delete/List{User,Group,Role}Policy.
// Documents are parsed with the inline-identity rules (policy::PolicyKind::kInlineIdentity)
// and kept as written; names are case-sensitive and listed in name order.
#pragma once

#include <string>

#include "core/error.h"
#include "core/ops/context.h"
#include "core/ops/policy_common.h"
#include "core/pagination.h"

namespace iamlite::ops {

// Creates or replaces the named policy. NoSuchEntity for an unknown entity (lookup.h
// messages, checked first); MalformedPolicyDocument; LimitExceeded when all the entity's
// inline policies together pass the quota (2,048 user / 5,120 group / 10,240 role characters,
// white space not counted), e.g. "Maximum policy size of 2048 bytes exceeded for user X".
Result<void> PutInlinePolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                             const std::string& policy_name, const std::string& document);

struct InlinePolicyView {
  std::string entity_name;  // as created
  std::string policy_name;
  std::string document;  // as written (the server URL-encodes it)
};
// NoSuchEntity "The {user|group|role} policy with name X cannot be found." for an unknown
// policy name.
Result<InlinePolicyView> GetInlinePolicy(OpContext& ctx, EntityKind kind,
                                         const std::string& entity_name,
                                         const std::string& policy_name);

Result<void> DeleteInlinePolicy(OpContext& ctx, EntityKind kind, const std::string& entity_name,
                                const std::string& policy_name);

// Policy names in name order (byte order).
Result<Page<std::string>> ListInlinePolicies(OpContext& ctx, EntityKind kind,
                                             const std::string& entity_name,
                                             const PageRequest& page);

}  // namespace iamlite::ops
