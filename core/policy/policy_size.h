// Policy size quotas: how IAM measures a document and what it answers when one is too big.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/error.h"

namespace iamlite::policy {

// The characters IAM counts against its quotas: every character (Unicode code point) but
// white space (space, tab, line feed, carriage return), inside strings too. "IAM does not
// count white space when calculating the size of a policy" (IAM User Guide, IAM and STS
// quotas). Invalid UTF-8 bytes count one each.
std::size_t PolicySize(std::string_view text);

enum class PolicySizeQuota {
  kManaged,      // each managed policy version: 6,144
  kUserInline,   // all of a user's inline policies together: 2,048
  kGroupInline,  // all of a group's inline policies together: 5,120
  kRoleInline,   // all of a role's inline policies together: 10,240
  kRoleTrust,    // a role's trust policy: 2,048 (the default of an adjustable quota)
};

std::size_t PolicySizeLimit(PolicySizeQuota quota);

// Ok when `size` (PolicySize of the document, or for inline quotas the sum over the entity's
// inline policies after the change) is within the quota; otherwise errors::LimitExceeded
// (409) with AWS's message, `entity_name` naming the user, group or role:
//   kManaged      Cannot exceed quota for PolicySize: 6144
//   kUserInline   Maximum policy size of 2048 bytes exceeded for user {name}
//   kGroupInline  Maximum policy size of 5120 bytes exceeded for group {name}
//   kRoleInline   Maximum policy size of 10240 bytes exceeded for role {name}
//   kRoleTrust    Cannot exceed quota for ACLSizePerRole: 2048
Result<void> CheckPolicySize(PolicySizeQuota quota, std::size_t size,
                             std::string_view entity_name = {});

}  // namespace iamlite::policy
