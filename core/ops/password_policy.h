// The account password policy: UpdateAccountPasswordPolicy, GetAccountPasswordPolicy,
// DeleteAccountPasswordPolicy, and the check every new IAM user password must pass.
// Ranges (MinimumPasswordLength 6-128, MaxPasswordAge 1-1095, PasswordReusePrevention 1-24)
// are checked by the model's decoder before these run.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite::ops {

// The rules AWS applies to IAM user passwords when the account has no password policy
// (AWS Security Blog, "AWS IAM introduces updated policy defaults for IAM user passwords",
// 2020): at least 8 characters and at least three of the four character types.
inline constexpr int kDefaultPolicyMinimumLength = 8;
inline constexpr int kDefaultPolicyCharacterTypes = 3;

// The non-alphanumeric characters that count as symbols, as the UpdateAccountPasswordPolicy
// documentation lists them for RequireSymbols.
inline constexpr std::string_view kPasswordSymbols = "!@#$%^&*()_+-=[]{}|'";

// Every member is optional on the wire; an omitted member takes AWS's documented default
// (it does not keep the previous policy's value).
struct UpdatePasswordPolicyInput {
  std::optional<int> minimum_password_length;  // default 6
  std::optional<bool> require_symbols;         // default false
  std::optional<bool> require_numbers;
  std::optional<bool> require_uppercase;
  std::optional<bool> require_lowercase;
  std::optional<bool> allow_users_to_change_password;
  std::optional<int> max_password_age;           // default: passwords never expire
  std::optional<int> password_reuse_prevention;  // default: reuse allowed
  std::optional<bool> hard_expiry;               // default false
};
Result<void> UpdateAccountPasswordPolicy(OpContext& ctx, const UpdatePasswordPolicyInput& in);

// The account's policy, or NoSuchEntity "The Password Policy with domain name <account>
// cannot be found." (recorded).
Result<PasswordPolicy> GetAccountPasswordPolicy(OpContext& ctx);

// NoSuchEntity "The account policy with name PasswordPolicy cannot be found." when there is
// none (recorded; AWS words it differently from Get).
Result<void> DeleteAccountPasswordPolicy(OpContext& ctx);

// Checks a new IAM user password against `policy`, or against AWS's default rules when the
// account has no policy: PasswordPolicyViolation naming the first rule the password breaks.
// Password reuse prevention is not enforced (iamlite keeps no password history).
Result<void> CheckPassword(const std::optional<PasswordPolicy>& policy, std::string_view password);

}  // namespace iamlite::ops
