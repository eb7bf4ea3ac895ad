#include "core/ops/login_profiles.h"

#include <memory>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/ops/password_policy.h"
#include "core/ops/target_user.h"
#include "core/password_hash.h"

namespace iamlite::ops {
namespace {

IamError NoSuchProfile(const std::string& user_name) {
  return errors::NoSuchEntity("Login Profile for User " + user_name + " cannot be found.");
}

// Unconfirmed wordings (AWS's codes are documented, its messages for these cases are not).
constexpr const char* kNotAUserMessage = "Only IAM users can change their own password.";
constexpr const char* kWrongPasswordMessage = "The old password is incorrect.";

LoginProfileView View(const User& user) {
  return {user.name, user.login_profile->create_date, user.login_profile->password_reset_required};
}

// The user, who must have a login profile.
Result<std::shared_ptr<const User>> FindWithProfile(const AccountState& s,
                                                    const std::string& name) {
  auto user = FindUser(s, name);
  if (user && !(*user)->login_profile) return std::unexpected(NoSuchProfile((*user)->name));
  return user;
}

// CreateLoginProfile's checks, run once before hashing (to fail fast, without the cost of a
// hash) and again under the lock that applies the change.
Result<std::shared_ptr<const User>> CheckCreate(const AccountState& s, const std::string& name,
                                                const std::string& password) {
  auto user = FindUser(s, name);
  if (!user) return user;
  if ((*user)->login_profile)
    return std::unexpected(errors::EntityAlreadyExists("Login Profile for user " + (*user)->name +
                                                       " already exists."));
  if (auto ok = CheckPassword(s.settings->password_policy, password); !ok)
    return std::unexpected(ok.error());
  return user;
}

Result<std::shared_ptr<const User>> CheckUpdate(const AccountState& s,
                                                const UpdateLoginProfileInput& in) {
  auto user = FindWithProfile(s, in.user_name);
  if (!user || !in.password) return user;
  if (auto ok = CheckPassword(s.settings->password_policy, *in.password); !ok)
    return std::unexpected(ok.error());
  return user;
}

template <class Check>
Result<void> Precheck(OpContext& ctx, Check check) {
  Result<void> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    if (auto r = check(s); !r) out = std::unexpected(r.error());
  });
  return out;
}

}  // namespace

Result<LoginProfileView> CreateLoginProfile(OpContext& ctx, const CreateLoginProfileInput& in) {
  auto name = TargetUserName(ctx.caller, in.user_name);
  if (!name) return std::unexpected(name.error());
  // AWS's wording for a missing required member (unconfirmed for this member, which the model
  // no longer marks required).
  if (!in.password)
    return std::unexpected(
        errors::ValidationError("1 validation error detected: Value null at 'password' failed to "
                                "satisfy constraint: Member must not be null"));
  const std::string& password = *in.password;
  auto check = [&](const AccountState& s) { return CheckCreate(s, *name, password); };
  if (auto ok = Precheck(ctx, check); !ok) return std::unexpected(ok.error());
  std::string hash = HashPassword(password);
  LoginProfileView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = check(s);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    user.login_profile = LoginProfile{ctx.clock.Now(), hash, in.password_reset_required};
    out = View(user);
    return Change().Upsert(FoldName(user.name), user);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<LoginProfileView> GetLoginProfile(OpContext& ctx,
                                         const std::optional<std::string>& user_name) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  Result<LoginProfileView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindWithProfile(s, *name);
    if (user)
      out = View(**user);
    else
      out = std::unexpected(user.error());
  });
  return out;
}

Result<void> UpdateLoginProfile(OpContext& ctx, const UpdateLoginProfileInput& in) {
  auto check = [&](const AccountState& s) { return CheckUpdate(s, in); };
  if (auto ok = Precheck(ctx, check); !ok) return ok;
  std::optional<std::string> hash;
  if (in.password) hash = HashPassword(*in.password);
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = check(s);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    if (hash) user.login_profile->password_hash = *hash;
    if (in.password_reset_required)
      user.login_profile->password_reset_required = *in.password_reset_required;
    return Change().Upsert(FoldName(user.name), user);
  });
}

Result<void> DeleteLoginProfile(OpContext& ctx, const std::optional<std::string>& user_name) {
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindWithProfile(s, *name);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    user.login_profile.reset();
    return Change().Upsert(FoldName(user.name), user);
  });
}

Result<void> ChangePassword(OpContext& ctx, const std::string& old_password,
                            const std::string& new_password) {
  if (ctx.caller.type != Caller::Type::kUser || ctx.caller.user_name.empty())
    return std::unexpected(errors::InvalidUserType(kNotAUserMessage));
  const std::string& name = ctx.caller.user_name;
  std::string old_hash;
  std::optional<PasswordPolicy> policy;
  Result<void> found = Precheck(ctx, [&](const AccountState& s) {
    auto user = FindWithProfile(s, name);
    if (user) old_hash = (*user)->login_profile->password_hash;
    policy = s.settings->password_policy;
    return user;
  });
  if (!found) return found;
  if (!VerifyPassword(old_password, old_hash))
    return std::unexpected(errors::AccessDenied(kWrongPasswordMessage));
  if (auto ok = CheckPassword(policy, new_password); !ok) return ok;
  std::string new_hash = HashPassword(new_password);
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindWithProfile(s, name);
    if (!user) return std::unexpected(user.error());
    // Changed by someone else since the old password was verified: it no longer proves
    // anything about the current password.
    if ((*user)->login_profile->password_hash != old_hash)
      return std::unexpected(errors::AccessDenied(kWrongPasswordMessage));
    if (auto ok = CheckPassword(s.settings->password_policy, new_password); !ok)
      return std::unexpected(ok.error());
    User updated = **user;
    updated.login_profile->password_hash = new_hash;
    updated.login_profile->password_reset_required = false;
    return Change().Upsert(FoldName(updated.name), updated);
  });
}

}  // namespace iamlite::ops
