// Service-linked roles: CreateServiceLinkedRole, DeleteServiceLinkedRole and
// GetServiceLinkedRoleDeletionStatus. A service-linked role lives under
// /aws-service-role/SERVICE/, is named as AWS names it for that service (AWSServiceRoleFor...),
// trusts the service, and has the service's AWS managed policy attached. Plain DeleteRole refuses
// such roles (roles.cc asks IsServiceLinkedRolePath).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite::ops {

// What AWS creates for one service principal.
struct ServiceLinkedRoleSpec {
  std::string_view service;     // "autoscaling.amazonaws.com"
  std::string_view role_name;   // "AWSServiceRoleForAutoScaling"
  std::string_view policy_arn;  // the AWS managed policy AWS attaches; may be empty
  bool custom_suffix = false;   // whether CustomSuffix is accepted
  bool recorded = false;        // true: name and policy recorded from AWS
};

// The spec for `service`, or nullopt for a service iamlite does not know.
std::optional<ServiceLinkedRoleSpec> FindServiceLinkedRoleSpec(std::string_view service);

// "/aws-service-role/SERVICE/".
std::string ServiceLinkedRolePath(std::string_view service);
// True for a path under /aws-service-role/.
bool IsServiceLinkedRolePath(std::string_view path);

// The role name CreateServiceLinkedRole would give: the service's name, with "_" + suffix
// when a custom suffix is given. Errors (InvalidInput, AWS's wording where recorded): an
// unknown service; "Custom suffix is not allowed for SERVICE" (recorded).
Result<std::string> ServiceLinkedRoleName(std::string_view service,
                                          const std::optional<std::string>& custom_suffix);

// UnmodifiableEntity (400) for a service-linked role changed by a plain role operation.
IamError ProtectedRole(std::string_view role_name);

struct CreateServiceLinkedRoleInput {
  std::string service;
  std::optional<std::string> description;
  std::optional<std::string> custom_suffix;
};
// Creates the role with the service's trust policy and attaches its AWS managed policy (when
// the catalogue has it), in one change. A taken name: InvalidInput "Service role name X has
// been taken in this account, please try a different suffix." (recorded).
Result<Role> CreateServiceLinkedRole(OpContext& ctx, const CreateServiceLinkedRoleInput& in);

// Deletes the role and its policy attachments at once and returns the deletion task id,
// "task/aws-service-role/SERVICE/NAME/UUID". NoSuchEntity for an unknown role; InvalidInput
// for a role that is not service-linked (wording unconfirmed).
Result<std::string> DeleteServiceLinkedRole(OpContext& ctx, const std::string& role_name);

// The deletion status of a task DeleteServiceLinkedRole returned: deletion is immediate, so
// "SUCCEEDED" once the role is gone ("IN_PROGRESS" while a role of that name exists). A task id
// not of that form: InvalidInput (wording unconfirmed).
Result<std::string> GetServiceLinkedRoleDeletionStatus(OpContext& ctx,
                                                       const std::string& deletion_task_id);

// The role ARN a deletion task id names ("task/aws-service-role/S/N/UUID" ->
// "arn:aws:iam::ACCOUNT:role/aws-service-role/S/N"); nullopt when malformed.
std::optional<std::string> DeletionTaskRoleArn(std::string_view task_id,
                                               const std::string& account);

}  // namespace iamlite::ops
