// IAM policy documents: text in, compiled immutable Policy out, or AWS's own
// MalformedPolicyDocument answer.
#pragma once

#include <memory>
#include <string_view>

#include "core/error.h"
#include "core/policy/policy.h"

namespace iamlite::policy {

// What the document is for; the rules differ.
enum class PolicyKind {
  kIdentity,        // managed policy (CreatePolicy, CreatePolicyVersion): Version 2012-10-17
  kInlineIdentity,  // Put{User,Group,Role}Policy: Version may be absent or 2008-10-17
  kTrust,           // a role's AssumeRolePolicyDocument (CreateRole, UpdateAssumeRolePolicy)
  kResource,        // a resource-based policy (principal and resources required)
};

// Parses and validates `text` as a policy of `kind`.
//
// Errors are errors::MalformedPolicyDocument with AWS's message, checked in AWS's order
// (as far as real-AWS recordings show it; see parser.cc). The first failing check wins:
//  1. not JSON, or nested deeper than kMaxJsonDepth: "Syntax errors in policy."
//     ("This policy contains invalid Json" for kTrust);
//  2. shape (policy_shape.h): "Syntax errors in policy.";
//  3. kIdentity: Version absent or 2008-10-17:
//     "Policy document must be version 2012-10-17 or greater.";
//  4. kIdentity/kInlineIdentity: Principal or NotPrincipal:
//     "Policy document should not specify a principal.";
//     kTrust: Resource or NotResource: "Has prohibited field Resource" (NotResource alike);
//  5. Effect not capitalised, a Date* value that is not a date, a resource the legacy parser
//     refuses (resource_check.h): "The policy failed legacy parsing";
//  6. two statements with the same non-empty Sid:
//     "Statement IDs (SID) in a single policy must be unique.";
//  7. no Action/NotAction or an empty list: "Policy statement must contain actions.";
//  8. kTrust: no principal: "Invalid principal in policy: com.amazon.balsa.error.
//     InvalidPolicyException: The passed in policy has a statement with no principals!";
//     kResource: no principal: "Missing required field Principal";
//     others: no Resource/NotResource or an empty list:
//     "Policy statement must contain resources.";
//  9. the first malformed resource (resource_check.h), then the first malformed action
//     (action_check.h), across all statements;
// 10. kTrust: an action other than the STS AssumeRole family:
//     "AssumeRole policy may only specify STS AssumeRole actions."; an AWS principal that is
//     neither "*", an account id nor an ARN: "Invalid principal in policy: "AWS":"{value}"".
//
// Recorded from real AWS: every kIdentity message and its order in steps 1-3 and 5-9, and
// for kTrust "This policy contains invalid Json", "Has prohibited field Resource" and the
// AssumeRole message. Quoted from AWS in public reports: the kTrust principal messages.
// Ours: where steps 4, 8 and 10 sit, "Has prohibited field NotResource", and everything
// about kInlineIdentity and kResource beyond what they share with kIdentity.
//
// Total: any input yields a value or an error, without throwing; work and memory are
// linear in the text. Thread-safe; the result is immutable and may be shared freely.
Result<std::shared_ptr<const Policy>> ParsePolicy(std::string_view text, PolicyKind kind);

}  // namespace iamlite::policy
