#include "core/ops/console_auth.h"

#include "core/ops/lookup.h"
#include "core/password_hash.h"

namespace iamlite::ops {

Result<std::string> ConsoleSignIn(Store& store, const std::string& account,
                                  const std::string& user_name, const std::string& password) {
  // The AWS console's sign-in page answer (unconfirmed word for word: not recorded).
  const IamError denied =
      errors::AccessDenied("Your authentication information is incorrect. Please try again.");
  std::string hash, arn;
  store.Read(account, [&](const AccountState& s) {
    auto user = FindUser(s, user_name);
    if (!user || !(*user)->login_profile) return;
    hash = (*user)->login_profile->password_hash;
    arn = (*user)->Arn(account);
  });
  if (hash.empty() || !VerifyPassword(password, hash)) return std::unexpected(denied);
  return arn;
}

}  // namespace iamlite::ops
