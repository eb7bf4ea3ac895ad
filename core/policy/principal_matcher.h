// The Principal and NotPrincipal elements of resource-based policies and trust policies.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/policy/policy.h"
#include "core/policy/request_context.h"

namespace iamlite::policy {

// How a Principal element names the request's principal. The kind matters for the decision
// within one account (IAM User Guide, "Policy evaluation logic", resource-based policies):
enum class PrincipalGrant {
  kNone,     // not named
  kAccount,  // through its account ("123456789012" or "arn:aws:iam::123456789012:root"):
             // authority delegated to the account, whose identity-based policies decide
  kParent,   // through the role a session was assumed from, or the IAM user a federated
             // user session belongs to: limited by a permissions boundary or session policy
  kDirect,   // by its own ARN (user, role session, federated user session), as a service
             // or identity provider, or by "*": not limited by implicit denies elsewhere
};

class PrincipalMatcher {
 public:
  PrincipalMatcher() = default;
  explicit PrincipalMatcher(const PrincipalSet& set);

  // The strongest way any entry names `p` (Principal element). Entries are compared exactly:
  // "You cannot use a wildcard to match part of a principal name or ARN"; "*" and
  // {"AWS": "*"} name everyone, anonymous callers included.
  PrincipalGrant Match(const Principal& p) const;

  // For NotPrincipal: true when every identity AWS checks for `p` is named. The NotPrincipal
  // page: AWS "might validate the account first and then the user" (for a role session: the
  // account, then the role, then the session), so a principal escapes a NotPrincipal only
  // when its account, and its role for a session, are listed as well. Identities checked:
  // root: the account; user: account, user; role session: account, role, session; federated
  // user: account, session; service / identity provider: itself; anonymous: only "*".
  bool NamesEveryIdentity(const Principal& p) const;

 private:
  bool NamesAccount(const std::string& account) const;
  bool NamesAwsArn(const std::string& arn) const;

  bool any_ = false;
  std::vector<std::string> accounts_;  // "AWS" entries naming an account, as the 12-digit id
  std::vector<std::string> aws_arns_;  // other "AWS" entries
  std::vector<std::string> services_;
  std::vector<std::string> federated_;
  std::vector<std::string> canonical_;
};

}  // namespace iamlite::policy
