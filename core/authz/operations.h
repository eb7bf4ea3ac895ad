// What each IAM and STS operation asks the evaluator in enforce mode: the IAM action, the
// kind of resource it acts on (per the Service Authorization Reference, "Actions, resources,
// and condition keys for AWS Identity and Access Management" and "... for AWS Security Token
// Service"), the input member naming that resource, and the condition keys the request fills.
//
// One entry per operation of model/iam.json and model/sts.json (a unit test checks it).
// Pure data; thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace iamlite::authz {

enum class ResourceKind {
  kAll,                // "*": the action has no resource-level permissions (List*, account-wide)
  kUser,               // arn:aws:iam::ACCOUNT:user{path}{name}; the caller's user when absent
  kGroup,              // arn:aws:iam::ACCOUNT:group{path}{name}
  kRole,               // arn:aws:iam::ACCOUNT:role{path}{name}
  kPolicy,             // a managed policy ARN (the member holds it); CreatePolicy: built
  kInstanceProfile,    // arn:aws:iam::ACCOUNT:instance-profile{path}{name}
  kOidcProvider,       // the member holds the ARN; CreateOpenIDConnectProvider: from Url
  kSamlProvider,       // the member holds the ARN; CreateSAMLProvider: from Name
  kMfa,                // a serial number ARN, or arn:aws:iam::ACCOUNT:mfa{path}{name}
  kServerCertificate,  // arn:aws:iam::ACCOUNT:server-certificate{path}{name}
  kServiceLinkedRole,  // CreateServiceLinkedRole: the role it would create
  kDeletionTask,       // GetServiceLinkedRoleDeletionStatus: the role the task names
  kAccessKeyOwner,     // GetAccessKeyLastUsed: the user owning the key
  kEntityArn,          // the member holds a user, group or role ARN (simulator, access reports)
  kAssumeRole,         // sts:AssumeRole: the role ARN, with its trust policy as resource policy
  kFederatedUser,      // sts:GetFederationToken: arn:aws:sts::ACCOUNT:federated-user/NAME
  kNotAuthorized,      // no IAM authorization: GetCallerIdentity needs no permission; the
                       // AssumeRoleWith{SAML,WebIdentity} calls are unsigned (the trust policy
                       // decides, in the operation)
};

// Condition keys an operation fills from its input (bit flags).
enum Keys : std::uint32_t {
  kNoKeys = 0,
  kRequestTags = 1u << 0,        // aws:RequestTag/K and aws:TagKeys from Tags
  kTagKeys = 1u << 1,            // aws:TagKeys from TagKeys (Untag*)
  kResourceTags = 1u << 2,       // aws:ResourceTag/K and iam:ResourceTag/K of the target
  kPolicyArn = 1u << 3,          // iam:PolicyARN from PolicyArn
  kBoundary = 1u << 4,           // iam:PermissionsBoundary: given, or the target's current
  kAwsServiceName = 1u << 5,     // iam:AWSServiceName from AWSServiceName
  kRoleSessionName = 1u << 6,    // sts:RoleSessionName
  kExternalId = 1u << 7,         // sts:ExternalId
  kSourceIdentity = 1u << 8,     // sts:SourceIdentity
  kTransitiveTagKeys = 1u << 9,  // sts:TransitiveTagKeys
};

struct OperationAuth {
  std::string_view operation;  // "CreateUser"
  std::string_view action;     // "iam:CreateUser"
  ResourceKind resource = ResourceKind::kAll;
  std::string_view member;       // input member naming the resource ("UserName"); may be empty
  std::string_view path_member;  // Create*/Upload*: the input member with the new path
  std::uint32_t keys = kNoKeys;
};

std::span<const OperationAuth> IamOperationAuth();
std::span<const OperationAuth> StsOperationAuth();

// The entry for `operation` of service "iam" or "sts", or null.
const OperationAuth* FindOperationAuth(std::string_view service, std::string_view operation);

}  // namespace iamlite::authz
