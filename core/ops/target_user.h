// Which user a credential operation acts on when UserName may be omitted (access keys, login
// profiles): the named user, else the calling IAM user.
#pragma once

#include <optional>
#include <string>

#include "core/caller.h"
#include "core/error.h"

namespace iamlite::ops {

// `user_name` when given; else the caller's own user name when the caller is an IAM user.
// Any other caller (root, assumed role, federated user) gets ValidationError "Must specify
// userName when calling with non-User credentials" (recorded from AWS for a non-user
// caller). For root, AWS would act on the root user's own access keys or password instead;
// iamlite has no root credentials yet, so root must name the user too.
Result<std::string> TargetUserName(const Caller& caller,
                                   const std::optional<std::string>& user_name);

}  // namespace iamlite::ops
