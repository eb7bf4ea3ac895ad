// Finding entities in an account's state, with AWS's NoSuchEntity messages. Shared by every
// operation; call only inside Store::Read/Mutate callbacks.
#pragma once

#include <memory>
#include <string>

#include "core/account_state.h"
#include "core/aws_managed_policies.h"
#include "core/error.h"

namespace iamlite::ops {

Result<std::shared_ptr<const User>> FindUser(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const Group>> FindGroup(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const Role>> FindRole(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const InstanceProfile>> FindInstanceProfile(const AccountState& s,
                                                                   const std::string& name);

// A managed policy named by ARN: a customer managed policy of this account or an AWS
// managed one. Exactly one of `customer` / `aws` is set.
struct PolicyRef {
  std::shared_ptr<const ManagedPolicy> customer;
  std::string key;  // customer: its key in AccountState::policies
  const AwsManagedPolicy* aws = nullptr;
};
// Fails with NoSuchEntity(not_found(arn)) when no such policy exists; the wording differs by
// operation ("Policy X was not found.", "Policy X does not exist or is not attachable.",
// "Scope ARN: X does not exist or is not attachable."). The ARN's form is the caller's check.
Result<PolicyRef> FindPolicyByArn(const AccountState& s, const std::string& arn,
                                  std::string (*not_found)(const std::string& arn));

// "The user with name X cannot be found." and its kin.
std::string NoSuchUserMessage(const std::string& name);
std::string NoSuchGroupMessage(const std::string& name);
std::string NoSuchRoleMessage(const std::string& name);

}  // namespace iamlite::ops
