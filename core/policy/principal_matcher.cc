#include "core/policy/principal_matcher.h"

#include <algorithm>

namespace iamlite::policy {
namespace {

bool IsAccountId(std::string_view v) {
  return v.size() == 12 &&
         std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "arn:PARTITION:iam::ACCOUNT:root" -> ACCOUNT.
std::optional<std::string_view> RootAccount(std::string_view arn) {
  if (!arn.starts_with("arn:") || !arn.ends_with(":root")) return std::nullopt;
  std::string_view rest = arn.substr(4, arn.size() - 4 - 5);  // PARTITION:iam::ACCOUNT
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  rest.remove_prefix(colon + 1);
  if (!rest.starts_with("iam::")) return std::nullopt;
  rest.remove_prefix(5);
  if (!IsAccountId(rest)) return std::nullopt;
  return rest;
}

bool Contains(const std::vector<std::string>& list, const std::string& v) {
  return !v.empty() && std::find(list.begin(), list.end(), v) != list.end();
}

}  // namespace

PrincipalMatcher::PrincipalMatcher(const PrincipalSet& set) : any_(set.any) {
  for (const auto& [type, values] : set.by_type) {
    for (const std::string& v : values) {
      if (type == "AWS") {
        if (v == "*") {
          any_ = true;
        } else if (IsAccountId(v)) {
          accounts_.push_back(v);
        } else if (auto account = RootAccount(v)) {
          accounts_.emplace_back(*account);
        } else {
          aws_arns_.push_back(v);
        }
      } else if (type == "Service") {
        services_.push_back(v);
      } else if (type == "Federated") {
        federated_.push_back(v);
      } else if (type == "CanonicalUser") {
        canonical_.push_back(v);
      }
    }
  }
}

bool PrincipalMatcher::NamesAccount(const std::string& account) const {
  return any_ || Contains(accounts_, account);
}

bool PrincipalMatcher::NamesAwsArn(const std::string& arn) const {
  return any_ || Contains(aws_arns_, arn);
}

PrincipalGrant PrincipalMatcher::Match(const Principal& p) const {
  if (any_) return PrincipalGrant::kDirect;
  switch (p.type) {
    case PrincipalType::kService:
      return Contains(services_, p.arn) ? PrincipalGrant::kDirect : PrincipalGrant::kNone;
    case PrincipalType::kFederated:
      return Contains(federated_, p.arn) ? PrincipalGrant::kDirect : PrincipalGrant::kNone;
    case PrincipalType::kAnonymous:
      return PrincipalGrant::kNone;
    default:
      break;
  }
  if (Contains(aws_arns_, p.arn) || Contains(canonical_, p.canonical_user)) {
    return PrincipalGrant::kDirect;
  }
  if (p.is_session() && Contains(aws_arns_, p.parent_arn)) return PrincipalGrant::kParent;
  if (Contains(accounts_, p.account)) return PrincipalGrant::kAccount;
  return PrincipalGrant::kNone;
}

bool PrincipalMatcher::NamesEveryIdentity(const Principal& p) const {
  if (any_) return true;
  switch (p.type) {
    case PrincipalType::kRoot:
      return NamesAccount(p.account);
    case PrincipalType::kUser:
    case PrincipalType::kFederatedUser:
      return NamesAccount(p.account) && NamesAwsArn(p.arn);
    case PrincipalType::kAssumedRole:
      return NamesAccount(p.account) && NamesAwsArn(p.parent_arn) && NamesAwsArn(p.arn);
    case PrincipalType::kService:
      return Contains(services_, p.arn);
    case PrincipalType::kFederated:
      return Contains(federated_, p.arn);
    case PrincipalType::kAnonymous:
      return false;
  }
  return false;
}

}  // namespace iamlite::policy
