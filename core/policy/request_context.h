// The request an authorization decision is about: who asks, to do what, on what, and the
// condition context keys that travel with it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/date_value.h"
#include "core/policy/ip_address.h"

namespace iamlite::policy {

// The type a context key's values have (the IAM condition key reference's "Type" column).
// Values are always kept as text as well: an operator of another family reads the text
// (StringEquals on aws:CurrentTime compares its text, NumericLessThan on a string reads it
// as a number).
enum class ValueType { kString, kNumber, kDate, kBool, kIp, kBinary, kArn };

// "string", "number", "date", "bool", "ip", "binary", "arn" (what the corpus files use).
std::optional<ValueType> ValueTypeFromName(std::string_view name);
std::string_view ValueTypeName(ValueType type);

// Reads a decimal number as the Numeric* operators do ("10", "-3", "2.5", "1e3"); nullopt
// for anything else, infinities and NaN included.
std::optional<double> ParseNumber(std::string_view text);

// One key's values. A single-valued key holds one value; a multivalued key (aws:TagKeys,
// aws:CalledVia, ...) holds any number, none included, and is marked `multivalued` so that
// policy variables refuse it (a variable needs one value).
struct ContextValue {
  ValueType type = ValueType::kString;
  bool multivalued = false;
  std::vector<std::string> values;  // kBinary: the raw bytes, not base64
};

// A stored key with its values already read as the operators need them, once per request.
struct ContextEntry {
  std::string key;     // as given
  std::string folded;  // ASCII lower case: keys compare without regard to case
  ContextValue value;
  std::vector<std::optional<double>> numbers;  // per value; nullopt when not a number
  std::vector<std::optional<Instant>> dates;   // per value (ISO 8601 or epoch seconds)
  std::vector<std::optional<IpRange>> ips;     // per value

  // A key is present for the operators when it has at least one value ("Null": false);
  // a multivalued key with no values counts as absent, the "empty data set" of the docs.
  bool present() const { return !value.values.empty(); }
  // The value a policy variable takes: the only value of a single-valued key.
  std::optional<std::string_view> SingleValue() const;
};

// Context keys by name, without regard to case ("aws:CurrentTime" is "AWS:currenttime").
// Not thread-safe to modify; const lookups are.
class ContextKeys {
 public:
  // Sets (or replaces) `key`.
  void Set(std::string_view key, ContextValue value);
  void Set(std::string_view key, std::string value);  // one string value
  // Sets (or replaces) the key of an entry already read, e.g. from another ContextKeys.
  void Set(const ContextEntry& entry);
  void Erase(std::string_view key);

  // The entry for `key` in any case, or null.
  const ContextEntry* Find(std::string_view key) const;
  // The same for a key already in lower case (compiled policies fold theirs once).
  const ContextEntry* FindFolded(std::string_view folded_key) const;

  std::span<const ContextEntry> entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }

 private:
  void Put(ContextEntry entry);
  std::vector<ContextEntry> entries_;  // sorted by `folded`
};

// Who makes the request.
enum class PrincipalType {
  kRoot,           // the account's root user: arn:aws:iam::ACCOUNT:root
  kUser,           // an IAM user
  kAssumedRole,    // a role session: arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION
  kFederatedUser,  // a GetFederationToken session: arn:aws:sts::ACCOUNT:federated-user/NAME
  kFederated,      // an identity provider asking to assume a role (AssumeRoleWithSAML/WebIdentity)
  kService,        // an AWS service principal, e.g. ec2.amazonaws.com
  kAnonymous,      // an unauthenticated caller
};

// "root", "user", "assumed-role", "federated-user", "federated", "service", "anonymous".
std::optional<PrincipalType> PrincipalTypeFromName(std::string_view name);
std::string_view PrincipalTypeName(PrincipalType type);

struct Principal {
  PrincipalType type = PrincipalType::kUser;
  // The principal's ARN; for kService the service name ("ecs.amazonaws.com"), for
  // kFederated the provider ("cognito-identity.amazonaws.com" or a saml-provider ARN).
  std::string arn;
  std::string account;         // the principal's account id; empty for services and anonymous
  std::string parent_arn;      // kAssumedRole: the role's ARN; kFederatedUser: the IAM user's ARN
  std::string canonical_user;  // matched by "CanonicalUser" principals, when known

  bool is_session() const {
    return type == PrincipalType::kAssumedRole || type == PrincipalType::kFederatedUser;
  }
};

struct RequestContext {
  std::string action;    // "s3:GetObject"; compared without regard to case
  std::string resource;  // the resource ARN ("*" for actions without resource-level permissions)
  Principal principal;
  ContextKeys context;
};

}  // namespace iamlite::policy
