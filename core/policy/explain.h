// Plain-English explanations of authorization decisions, for people learning IAM.
#pragma once

#include <string>

#include "core/policy/evaluator.h"

namespace iamlite::policy {

// Says what was decided and why, naming the policies and statements involved, e.g.
//   Denied: no identity-based policy allows s3:PutObject on arn:aws:s3:::billing/x.
//   Checked: group Accountants policy BillingBucketReadOnly (statement ReadBillingObjects
//   allows s3:GetObject, not s3:PutObject).
// followed, where they apply, by the failed conditions with the request's values and the
// context keys the request lacked. Reads the decision's input and request, which must still
// be alive. Not on the hot path: it re-checks statements to say why they did not apply.
std::string Explain(const Decision& decision);

}  // namespace iamlite::policy
