// A temporary-credential session issued by STS (AssumeRole*, GetSessionToken,
// GetFederationToken): what a request signed with its ASIA... key carries besides the
// principal. Immutable once issued; Caller::session points at it for such requests.
#pragma once

#include <string>
#include <vector>

#include "core/clock.h"
#include "core/entities.h"

namespace iamlite {

struct StsSession {
  std::string access_key_id;  // ASIA...
  std::string secret_access_key;
  std::string session_token;
  std::string account;
  // The principal the session acts as: "arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION",
  // "arn:aws:sts::ACCOUNT:federated-user/NAME", or the IAM user's ARN (GetSessionToken).
  std::string arn;
  std::string principal_id;  // AROA...:SESSION, ACCOUNT:NAME, or the user's AIDA... id
  std::string role_name;     // assumed-role sessions
  std::string role_arn;
  std::string user_name;     // GetSessionToken / GetFederationToken: the issuing IAM user
  std::string session_name;  // RoleSessionName or the federated user's Name
  std::string source_identity;
  Tags tags;                                     // session tags (aws:PrincipalTag/*)
  std::vector<std::string> transitive_tag_keys;  // carried into chained sessions
  // Session policies passed with Policy / PolicyArns; empty: no session policy.
  std::vector<PolicyDocument> inline_policies;
  std::vector<std::string> policy_arns;
  bool mfa = false;  // aws:MultiFactorAuthPresent
  TimeMs issued = 0;
  TimeMs expiration = 0;
};

}  // namespace iamlite
