// Managed policies: customer managed policies (CreatePolicy ... DeletePolicy, their versions
// and tags) and read access to AWS managed ones (GetPolicy, ListPolicies, versions), plus
// ListEntitiesForPolicy. Inputs arrive validated against the service model (lengths,
// patterns, enums); these functions enforce AWS's semantic rules with its messages.
//
// Every function locks the account's state only inside one Store::Read/Mutate, so each is
// atomic. Policy ARNs are checked for form first (ValidationError "ARN X is not valid.").
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/ops/lookup.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMaxCustomerPoliciesPerAccount = 1500;
inline constexpr size_t kMaxPolicyVersions = 5;

// A managed policy as the Policy output shape shows it: a customer policy of this account or
// an AWS managed one, with this account's attachment counts.
struct PolicyView {
  std::string name;
  std::string id;
  std::string arn;
  std::string path;
  std::string default_version_id;
  std::string description;  // empty when none
  int attachment_count = 0;
  int boundary_usage_count = 0;
  bool attachable = true;
  TimeMs create_date = 0;
  TimeMs update_date = 0;
  Tags tags;
};

struct PolicyVersionView {
  std::string version_id;
  std::string document;  // the text as written (not URL-encoded)
  bool is_default = false;
  TimeMs create_date = 0;
};

// For reads in other areas (inside a Store::Read/Mutate callback): the view of the policy `ref`
// names, with this account's attachment counts, and all its versions, newest first (as
// ListPolicyVersions lists them).
PolicyView ViewOfPolicy(const AccountState& s, const PolicyRef& ref);
std::vector<PolicyVersionView> VersionsOfPolicy(const PolicyRef& ref);

struct CreatePolicyInput {
  std::string policy_name;
  std::string path = "/";
  std::string document;
  std::string description;
  Tags tags;
};
// EntityAlreadyExists "A policy called X already exists. Duplicate names are not allowed."
// (names compared without case); InvalidInput "Duplicate tag keys found." (tag keys compared
// with case for policies); MalformedPolicyDocument (kIdentity rules); LimitExceeded for the
// policy size (6,144) and for more than 1,500 customer managed policies.
Result<PolicyView> CreatePolicy(OpContext& ctx, const CreatePolicyInput& in);

// NoSuchEntity "Policy X was not found." when neither a policy of this account nor an AWS
// managed policy has this ARN.
Result<PolicyView> GetPolicy(OpContext& ctx, const std::string& arn);

enum class PolicyScope { kAll, kAws, kLocal };
enum class PolicyUsage { kAny, kPermissionsPolicy, kPermissionsBoundary };
struct ListPoliciesInput {
  PolicyScope scope = PolicyScope::kAll;
  bool only_attached = false;
  std::string path_prefix = "/";
  PolicyUsage usage = PolicyUsage::kAny;
};
// AWS and customer policies in one listing ordered by name (byte order; an AWS policy
// before a customer one of the same name), one opaque marker across both.
Result<Page<PolicyView>> ListPolicies(OpContext& ctx, const ListPoliciesInput& in,
                                      const PageRequest& page);

// AccessDenied (403) "Cannot delete policies outside your own account." for AWS managed
// (or another account's) policies; DeleteConflict while attached or used as a boundary
// ("Cannot delete a policy attached to entities.") or while versions other than the default
// remain.
Result<void> DeletePolicy(OpContext& ctx, const std::string& arn);

// A new version "v{n}" (numbers never reused); LimitExceeded past 5 versions.
Result<PolicyVersionView> CreatePolicyVersion(OpContext& ctx, const std::string& arn,
                                              const std::string& document, bool set_as_default);
// NoSuchEntity "Policy X version V does not exist or is not attachable." when either the
// policy or the version is unknown.
Result<PolicyVersionView> GetPolicyVersion(OpContext& ctx, const std::string& arn,
                                           const std::string& version_id);
// Newest version first.
Result<Page<PolicyVersionView>> ListPolicyVersions(OpContext& ctx, const std::string& arn,
                                                   const PageRequest& page);
Result<void> DeletePolicyVersion(OpContext& ctx, const std::string& arn,
                                 const std::string& version_id);
Result<void> SetDefaultPolicyVersion(OpContext& ctx, const std::string& arn,
                                     const std::string& version_id);

Result<void> TagPolicy(OpContext& ctx, const std::string& arn, const Tags& tags);
Result<void> UntagPolicy(OpContext& ctx, const std::string& arn,
                         const std::vector<std::string>& keys);
// Ordered as AWS lists policy tags: shorter keys first, then by key (byte order).
Result<Page<Tag>> ListPolicyTags(OpContext& ctx, const std::string& arn, const PageRequest& page);

enum class EntityFilter { kAll, kUser, kRole, kGroup, kLocalManagedPolicy, kAwsManagedPolicy };
struct ListEntitiesInput {
  std::string policy_arn;
  EntityFilter filter = EntityFilter::kAll;
  std::string path_prefix = "/";
  PolicyUsage usage = PolicyUsage::kAny;
};
struct PolicyEntity {
  enum class Kind { kGroup, kUser, kRole } kind;
  std::string name;
  std::string id;
};
// The users, groups and roles the policy is attached to (PermissionsPolicy) or that use it
// as their permissions boundary (PermissionsBoundary); both when no usage filter is given.
// Groups, then users, then roles, each by name; one marker across them.
Result<Page<PolicyEntity>> ListEntitiesForPolicy(OpContext& ctx, const ListEntitiesInput& in,
                                                 const PageRequest& page);

}  // namespace iamlite::ops
