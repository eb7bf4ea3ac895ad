// Console sign-in (the web console's enforce mode): an IAM user with a login profile signs in
// with its password, as in the AWS Management Console.
#pragma once

#include <string>

#include "core/error.h"
#include "core/store.h"

namespace iamlite::ops {

// The ARN of the user `user_name` of `account` when it has a login profile whose password is
// `password`. Any failure (no such user, no login profile, wrong password) answers the same
// AccessDenied, as the AWS console does not say which part was wrong. Verifies the password
// outside the store's lock (the hash is slow by design).
Result<std::string> ConsoleSignIn(Store& store, const std::string& account,
                                  const std::string& user_name, const std::string& password);

}  // namespace iamlite::ops
