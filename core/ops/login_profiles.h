// IAM user passwords (login profiles): CreateLoginProfile, GetLoginProfile,
// UpdateLoginProfile, DeleteLoginProfile and ChangePassword.
//
// A password is checked against the account password policy (password_policy.h) and stored
// only as a salted slow hash (core/password_hash.h) in User::login_profile. Hashing is done
// outside the store's lock. Where UserName may be omitted, the operation acts on the calling
// IAM user (see target_user.h).
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite::ops {

// What the API returns: the profile without its hash, with the user's name as created.
struct LoginProfileView {
  std::string user_name;
  TimeMs create_date = 0;
  bool password_reset_required = false;
};

struct CreateLoginProfileInput {
  std::optional<std::string> user_name;
  // The model makes Password optional (AWS omits it only in AssumeRoot sessions, which iamlite
  // does not have); a missing password is a ValidationError.
  std::optional<std::string> password;
  bool password_reset_required = false;
};
// NoSuchEntity for an unknown user; EntityAlreadyExists "Login Profile for user X already
// exists." (recorded); PasswordPolicyViolation.
Result<LoginProfileView> CreateLoginProfile(OpContext& ctx, const CreateLoginProfileInput& in);

// NoSuchEntity "Login Profile for User X cannot be found." (recorded) when the user has none.
Result<LoginProfileView> GetLoginProfile(OpContext& ctx,
                                         const std::optional<std::string>& user_name);

struct UpdateLoginProfileInput {
  std::string user_name;
  std::optional<std::string> password;  // unchanged when absent
  std::optional<bool> password_reset_required;
};
Result<void> UpdateLoginProfile(OpContext& ctx, const UpdateLoginProfileInput& in);

Result<void> DeleteLoginProfile(OpContext& ctx, const std::optional<std::string>& user_name);

// The calling IAM user changes their own password; clears PasswordResetRequired. Other
// callers get InvalidUserType (AWS's code for a root caller, per the CLI documentation).
// A wrong old password is AccessDenied. Whether a user may call this at all (the policy's
// AllowUsersToChangePassword, or an iam:ChangePassword grant) is for the authorization
// stage to decide, not this function.
Result<void> ChangePassword(OpContext& ctx, const std::string& old_password,
                            const std::string& new_password);

}  // namespace iamlite::ops
