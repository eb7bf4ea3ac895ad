// Finding entities in an account's state, with AWS's NoSuchEntity messages. Shared by every
// operation; call only inside Store::Read/Mutate callbacks.
#pragma once

#include <memory>
#include <string>

#include "core/account_state.h"
#include "core/error.h"

namespace iamlite::ops {

Result<std::shared_ptr<const User>> FindUser(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const Group>> FindGroup(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const Role>> FindRole(const AccountState& s, const std::string& name);
Result<std::shared_ptr<const InstanceProfile>> FindInstanceProfile(const AccountState& s,
                                                                   const std::string& name);

// "The user with name X cannot be found." and its kin.
std::string NoSuchUserMessage(const std::string& name);
std::string NoSuchGroupMessage(const std::string& name);
std::string NoSuchRoleMessage(const std::string& name);

}  // namespace iamlite::ops
