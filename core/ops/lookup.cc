#include "core/ops/lookup.h"

#include "core/names.h"

namespace iamlite::ops {
namespace {

template <class T>
Result<std::shared_ptr<const T>> Find(const Table<T>& table, const std::string& name,
                                      std::string (*message)(const std::string&)) {
  auto it = table.find(FoldName(name));
  if (it == table.end()) return std::unexpected(errors::NoSuchEntity(message(name)));
  return it->second;
}

std::string NoSuchInstanceProfileMessage(const std::string& name) {
  return "Instance Profile " + name + " cannot be found.";
}

}  // namespace

std::string NoSuchUserMessage(const std::string& name) {
  return "The user with name " + name + " cannot be found.";
}
std::string NoSuchGroupMessage(const std::string& name) {
  return "The group with name " + name + " cannot be found.";
}
std::string NoSuchRoleMessage(const std::string& name) {
  return "The role with name " + name + " cannot be found.";
}

Result<PolicyRef> FindPolicyByArn(const AccountState& s, const std::string& arn,
                                  std::string (*not_found)(const std::string& arn)) {
  PolicyRef ref;
  if (arn.starts_with(kAwsManagedPolicyArnPrefix)) {
    ref.aws = FindAwsManagedPolicy(arn);
    if (ref.aws) return ref;
    return std::unexpected(errors::NoSuchEntity(not_found(arn)));
  }
  // arn:aws:iam::ACCOUNT:policy/PATH/NAME
  const std::string prefix = "arn:aws:iam::" + s.account_id + ":policy/";
  if (arn.starts_with(prefix)) {
    std::string name = arn.substr(arn.rfind('/') + 1);
    auto it = s.policies.find(FoldName(name));
    if (it != s.policies.end() && it->second->Arn(s.account_id) == arn) {
      ref.customer = it->second;
      ref.key = it->first;
      return ref;
    }
  }
  return std::unexpected(errors::NoSuchEntity(not_found(arn)));
}

Result<std::shared_ptr<const User>> FindUser(const AccountState& s, const std::string& name) {
  return Find(s.users, name, NoSuchUserMessage);
}
Result<std::shared_ptr<const Group>> FindGroup(const AccountState& s, const std::string& name) {
  return Find(s.groups, name, NoSuchGroupMessage);
}
Result<std::shared_ptr<const Role>> FindRole(const AccountState& s, const std::string& name) {
  return Find(s.roles, name, NoSuchRoleMessage);
}
Result<std::shared_ptr<const InstanceProfile>> FindInstanceProfile(const AccountState& s,
                                                                   const std::string& name) {
  return Find(s.instance_profiles, name, NoSuchInstanceProfileMessage);
}

}  // namespace iamlite::ops
