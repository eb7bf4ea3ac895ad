// Checks on the strings of Action and NotAction.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamlite::policy {

// The MalformedPolicyDocument message AWS gives for a malformed action, or nullopt:
//   Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.
//   Actions/Condition can contain only one colon.
//   Vendor {vendor} is not valid
// "*" alone is an action; anything after the colon is free text ("iam: a b " is accepted).
std::optional<std::string> ActionFormatError(std::string_view action);

// True when `action`, a pattern with '*' and '?' compared without regard to case, matches at
// least one action a role trust policy may grant: sts:AssumeRole, sts:AssumeRoleWithSAML,
// sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity, sts:SetContext.
bool IsTrustPolicyAction(std::string_view action);

}  // namespace iamlite::policy
