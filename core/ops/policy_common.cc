#include "core/ops/policy_common.h"

#include "core/ops/users.h"

namespace iamlite::ops {

std::string_view EntityWord(EntityKind kind) {
  switch (kind) {
    case EntityKind::kUser:
      return "user";
    case EntityKind::kGroup:
      return "group";
    case EntityKind::kRole:
      return "role";
  }
  return "user";
}

Result<void> CheckManagedPolicyArn(const std::string& arn) {
  // Same form rule as a permissions boundary ARN; AWS answers ValidationError here where
  // CreateUser's boundary answers InvalidInput.
  if (auto ok = CheckPolicyArn(arn); !ok)
    return std::unexpected(errors::ValidationError("ARN " + arn + " is not valid."));
  return Ok();
}

std::string PolicyPathOfArn(std::string_view arn) {
  auto start = arn.find(":policy/");
  auto last = arn.rfind('/');
  if (start == std::string_view::npos || last == std::string_view::npos) return "/";
  start += 7;  // at the '/' after "policy"
  return std::string(arn.substr(start, last - start + 1));
}

std::string PolicyNameOfArn(std::string_view arn) {
  auto last = arn.rfind('/');
  return std::string(last == std::string_view::npos ? arn : arn.substr(last + 1));
}

bool IsOwnPolicyArn(const std::string& account, std::string_view arn) {
  return arn.starts_with("arn:aws:iam::" + account + ":policy/");
}

void AddAttachments(const AccountState& s, const PolicyRef& ref, int delta, Change& change) {
  if (ref.customer) {
    ManagedPolicy p = *ref.customer;
    p.attachment_count += delta;
    change.Upsert(ref.key, p);
    return;
  }
  AccountSettings settings = *s.settings;
  int& count = settings.aws_policy_attachments[ref.aws->arn];
  count += delta;
  if (count <= 0) settings.aws_policy_attachments.erase(ref.aws->arn);
  change.SetSettings(settings);
}

}  // namespace iamlite::ops
