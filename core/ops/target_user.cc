#include "core/ops/target_user.h"

namespace iamlite::ops {

Result<std::string> TargetUserName(const Caller& caller,
                                   const std::optional<std::string>& user_name) {
  if (user_name) return *user_name;
  if (caller.type == Caller::Type::kUser && !caller.user_name.empty()) return caller.user_name;
  return std::unexpected(
      errors::ValidationError("Must specify userName when calling with non-User credentials"));
}

}  // namespace iamlite::ops
