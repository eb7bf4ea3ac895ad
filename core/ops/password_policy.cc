#include "core/ops/password_policy.h"

#include <algorithm>
#include <vector>

namespace iamlite::ops {
namespace {

// PasswordPolicyViolation wording: "Password should have a minimum length of 12", "...at
// least one uppercase letter", "...at least one number", "...at least one symbol" and the
// default policy's "Password should meet 1 more of the following requirements: Password
// should have at least one uppercase letter, Password should have at least one symbol" are
// AWS messages seen in public error reports; the lowercase wording follows their pattern
// (unconfirmed), as does the order in which rules are checked.
std::string MinimumLengthMessage(int n) {
  return "Password should have a minimum length of " + std::to_string(n);
}

struct CharacterType {
  const char* requirement;
  bool (*matches)(char);
};

constexpr CharacterType kCharacterTypes[] = {
    {"Password should have at least one uppercase letter",
     [](char c) { return c >= 'A' && c <= 'Z'; }},
    {"Password should have at least one lowercase letter",
     [](char c) { return c >= 'a' && c <= 'z'; }},
    {"Password should have at least one number", [](char c) { return c >= '0' && c <= '9'; }},
    {"Password should have at least one symbol",
     [](char c) { return kPasswordSymbols.find(c) != std::string_view::npos; }},
};

bool Has(std::string_view password, const CharacterType& type) {
  return std::any_of(password.begin(), password.end(), type.matches);
}

// Passwords are Latin-1 at most (the model's pattern); count characters, not UTF-8 bytes.
int Length(std::string_view password) {
  int n = 0;
  for (char c : password)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

Result<void> Violation(std::string message) {
  return std::unexpected(errors::PasswordPolicyViolation(std::move(message)));
}

Result<void> CheckDefaultRules(std::string_view password) {
  if (Length(password) < kDefaultPolicyMinimumLength)
    return Violation(MinimumLengthMessage(kDefaultPolicyMinimumLength));
  std::vector<std::string> unmet;
  for (const auto& type : kCharacterTypes)
    if (!Has(password, type)) unmet.push_back(type.requirement);
  int met = static_cast<int>(std::size(kCharacterTypes) - unmet.size());
  if (met >= kDefaultPolicyCharacterTypes) return Ok();
  std::string message = "Password should meet " +
                        std::to_string(kDefaultPolicyCharacterTypes - met) +
                        " more of the following requirements: ";
  for (size_t i = 0; i < unmet.size(); ++i) message += (i ? ", " : "") + unmet[i];
  return Violation(std::move(message));
}

}  // namespace

Result<void> CheckPassword(const std::optional<PasswordPolicy>& policy, std::string_view password) {
  if (!policy) return CheckDefaultRules(password);
  if (Length(password) < policy->minimum_password_length)
    return Violation(MinimumLengthMessage(policy->minimum_password_length));
  const bool required[] = {policy->require_uppercase, policy->require_lowercase,
                           policy->require_numbers, policy->require_symbols};
  for (size_t i = 0; i < std::size(kCharacterTypes); ++i)
    if (required[i] && !Has(password, kCharacterTypes[i]))
      return Violation(kCharacterTypes[i].requirement);
  return Ok();
}

Result<void> UpdateAccountPasswordPolicy(OpContext& ctx, const UpdatePasswordPolicyInput& in) {
  const PasswordPolicy d;  // entities.h holds AWS's documented defaults
  PasswordPolicy policy;
  policy.minimum_password_length = in.minimum_password_length.value_or(d.minimum_password_length);
  policy.require_symbols = in.require_symbols.value_or(d.require_symbols);
  policy.require_numbers = in.require_numbers.value_or(d.require_numbers);
  policy.require_uppercase = in.require_uppercase.value_or(d.require_uppercase);
  policy.require_lowercase = in.require_lowercase.value_or(d.require_lowercase);
  policy.allow_users_to_change_password =
      in.allow_users_to_change_password.value_or(d.allow_users_to_change_password);
  policy.max_password_age = in.max_password_age;
  policy.password_reuse_prevention = in.password_reuse_prevention;
  policy.hard_expiry = in.hard_expiry.value_or(d.hard_expiry);
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    AccountSettings settings = *s.settings;
    settings.password_policy = policy;
    return Change().SetSettings(settings);
  });
}

Result<PasswordPolicy> GetAccountPasswordPolicy(OpContext& ctx) {
  std::optional<PasswordPolicy> policy;
  ctx.store.Read(ctx.account(),
                 [&](const AccountState& s) { policy = s.settings->password_policy; });
  if (!policy)
    return std::unexpected(errors::NoSuchEntity("The Password Policy with domain name " +
                                                ctx.account() + " cannot be found."));
  return *policy;
}

Result<void> DeleteAccountPasswordPolicy(OpContext& ctx) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (!s.settings->password_policy)
      return std::unexpected(
          errors::NoSuchEntity("The account policy with name PasswordPolicy cannot be found."));
    AccountSettings settings = *s.settings;
    settings.password_policy.reset();
    return Change().SetSettings(settings);
  });
}

}  // namespace iamlite::ops
