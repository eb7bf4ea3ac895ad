// DecodeAccount: a whole account from JSON, with the cross-entity checks that keep it as
// consistent as the operations keep it.
#include <algorithm>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/state/entity_json.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

const json& EmptyArray() {
  static const json empty = json::array();
  return empty;
}

JsonIn ListOf(const JsonIn& in, std::string_view key) {
  JsonIn list = in.Has(key) ? in.At(key) : in.Child(key, EmptyArray());
  list.Array();
  return list;
}

// Decodes every item of `list` into `table` under key(item); a second item with the same key
// fails. `order` receives each item's key, in list order.
template <class T, class Decode, class Key>
void DecodeTable(const JsonIn& list, Table<T>& table, std::vector<std::string>& order,
                 Decode&& decode, Key&& key, std::string_view what) {
  for (std::size_t i = 0; i < list.Size(); ++i) {
    JsonIn item = list.Item(i);
    T value = decode(item);
    std::string k = key(value);
    if (table.contains(k))
      item.Fail("a second " + std::string(what) + " \"" + k +
                "\" (names are unique without regard to case)");
    order.push_back(k);
    table.emplace(std::move(k), std::make_shared<const T>(std::move(value)));
  }
}

template <class T>
std::string NameKey(const T& e) {
  return FoldName(e.name);
}

bool Lists(const std::vector<std::string>& list, const std::string& key) {
  return std::find(list.begin(), list.end(), key) != list.end();
}

std::string NotFoundMessage(const std::string& arn) {
  return "no managed policy " + arn + " in this account or among the AWS managed policies";
}

// Attachment and boundary counts, as the operations keep them.
struct Counts {
  std::map<std::string, int> attachments;  // customer policy key -> count
  std::map<std::string, int> boundaries;
  std::map<std::string, int> aws_attachments;  // AWS policy ARN -> count
  std::map<std::string, int> aws_boundaries;
};

class AccountChecker {
 public:
  AccountChecker(const AccountState& s, Counts& counts) : s_(s), counts_(counts) {}

  void AttachedPolicies(const JsonIn& entity, const std::vector<std::string>& arns) {
    if (arns.empty()) return;
    JsonIn list = entity.At("attached_policies");
    for (std::size_t i = 0; i < arns.size(); ++i) {
      auto ref = Resolve(list.Item(i), arns[i]);
      if (ref.customer) {
        ++counts_.attachments[ref.key];
      } else {
        ++counts_.aws_attachments[arns[i]];
      }
    }
  }

  void Boundary(const JsonIn& entity, const std::string& arn) {
    if (arn.empty()) return;
    auto ref = Resolve(entity.At("permissions_boundary"), arn);
    if (ref.customer) {
      ++counts_.boundaries[ref.key];
    } else {
      ++counts_.aws_boundaries[arn];
    }
  }

 private:
  ops::PolicyRef Resolve(const JsonIn& at, const std::string& arn) {
    auto ref = ops::FindPolicyByArn(s_, arn, &NotFoundMessage);
    if (!ref) at.Fail(ref.error().message);
    return *ref;
  }

  const AccountState& s_;
  Counts& counts_;
};

// The count a document gives must match the one the entities imply; a missing one is filled
// in.
int CheckCount(const JsonIn& policy, const char* field, int given, int actual) {
  if (given >= 0 && given != actual)
    policy.At(field).Fail("is " + std::to_string(given) + " but the account's users, groups and " +
                          "roles imply " + std::to_string(actual));
  return actual;
}

void CheckCountMap(const JsonIn& settings, const char* field,
                   const std::map<std::string, int>& given,
                   const std::map<std::string, int>& actual, bool present) {
  if (!present || given == actual) return;
  JsonIn at = settings.At(field);
  for (const auto& [arn, n] : actual) {
    auto it = given.find(arn);
    if (it == given.end() || it->second != n)
      at.Fail("gives " + std::to_string(it == given.end() ? 0 : it->second) + " for " + arn +
              " but the account's users, groups and roles imply " + std::to_string(n));
  }
  for (const auto& [arn, n] : given)
    if (!actual.contains(arn))
      at.Fail("gives " + std::to_string(n) + " for " + arn + ", which nothing here uses that way");
}

}  // namespace

AccountState DecodeAccount(const JsonIn& in, const std::string& account_id, DecodeContext& ctx) {
  in.Object({"created", "users", "groups", "roles", "policies", "access_keys", "instance_profiles",
             "settings"});
  ctx.account = account_id;
  AccountState s;
  s.account_id = account_id;
  s.created = in.Has("created") ? in.At("created").Time() : ctx.now;

  JsonIn users = ListOf(in, "users"), groups = ListOf(in, "groups"), roles = ListOf(in, "roles"),
         policies = ListOf(in, "policies"), keys = ListOf(in, "access_keys"),
         profiles = ListOf(in, "instance_profiles");
  std::vector<std::string> user_keys, group_keys, role_keys, policy_keys, key_ids, profile_keys;
  DecodeTable(
      users, s.users, user_keys, [&](const JsonIn& i) { return DecodeUser(i, ctx); }, NameKey<User>,
      "user");
  DecodeTable(
      groups, s.groups, group_keys, [&](const JsonIn& i) { return DecodeGroup(i, ctx); },
      NameKey<Group>, "group");
  DecodeTable(
      roles, s.roles, role_keys, [&](const JsonIn& i) { return DecodeRole(i, ctx); }, NameKey<Role>,
      "role");
  DecodeTable(
      policies, s.policies, policy_keys,
      [&](const JsonIn& i) { return DecodeManagedPolicy(i, ctx); }, NameKey<ManagedPolicy>,
      "managed policy");
  DecodeTable(
      keys, s.access_keys, key_ids, [&](const JsonIn& i) { return DecodeAccessKey(i, ctx); },
      [](const AccessKey& k) { return k.id; }, "access key");
  DecodeTable(
      profiles, s.instance_profiles, profile_keys,
      [&](const JsonIn& i) { return DecodeInstanceProfile(i, ctx); }, NameKey<InstanceProfile>,
      "instance profile");
  AccountSettings settings;
  static const json kNoSettings = json::object();
  JsonIn settings_in = in.Has("settings") ? in.At("settings") : in.Child("settings", kNoSettings);
  settings = DecodeSettings(settings_in);

  Counts counts;
  AccountChecker check(s, counts);
  for (std::size_t i = 0; i < user_keys.size(); ++i) {
    JsonIn at = users.Item(i);
    const User& u = *s.users.at(user_keys[i]);
    for (std::size_t j = 0; j < u.groups.size(); ++j) {
      auto g = s.groups.find(u.groups[j]);
      if (g == s.groups.end()) at.At("groups").Item(j).Fail("no such group in this account");
      if (!Lists(g->second->members, user_keys[i]))
        at.At("groups").Item(j).Fail("group " + g->second->name + " does not list " + u.name +
                                     " among its members");
    }
    for (std::size_t j = 0; j < u.access_keys.size(); ++j) {
      auto k = s.access_keys.find(u.access_keys[j]);
      if (k == s.access_keys.end() || k->second->user != user_keys[i])
        at.At("access_keys").Item(j).Fail("no access key with this id belongs to " + u.name);
    }
    check.AttachedPolicies(at, u.attached_policies);
    check.Boundary(at, u.permissions_boundary);
  }
  for (std::size_t i = 0; i < group_keys.size(); ++i) {
    JsonIn at = groups.Item(i);
    const Group& g = *s.groups.at(group_keys[i]);
    for (std::size_t j = 0; j < g.members.size(); ++j) {
      auto u = s.users.find(g.members[j]);
      if (u == s.users.end()) at.At("members").Item(j).Fail("no such user in this account");
      if (!Lists(u->second->groups, group_keys[i]))
        at.At("members").Item(j).Fail("user " + u->second->name + " does not list group " + g.name +
                                      " among its groups");
    }
    check.AttachedPolicies(at, g.attached_policies);
  }
  for (std::size_t i = 0; i < role_keys.size(); ++i) {
    JsonIn at = roles.Item(i);
    const Role& r = *s.roles.at(role_keys[i]);
    for (std::size_t j = 0; j < r.instance_profiles.size(); ++j) {
      auto p = s.instance_profiles.find(r.instance_profiles[j]);
      if (p == s.instance_profiles.end())
        at.At("instance_profiles").Item(j).Fail("no such instance profile in this account");
      if (!Lists(p->second->roles, role_keys[i]))
        at.At("instance_profiles")
            .Item(j)
            .Fail("instance profile " + p->second->name + " does not carry role " + r.name);
    }
    check.AttachedPolicies(at, r.attached_policies);
    check.Boundary(at, r.permissions_boundary);
  }
  for (std::size_t i = 0; i < key_ids.size(); ++i) {
    JsonIn at = keys.Item(i);
    const AccessKey& k = *s.access_keys.at(key_ids[i]);
    auto u = s.users.find(k.user);
    if (u == s.users.end()) at.At("user").Fail("no such user in this account");
    if (!Lists(u->second->access_keys, k.id))
      at.At("user").Fail("user " + u->second->name + " does not list this key");
  }
  for (std::size_t i = 0; i < profile_keys.size(); ++i) {
    JsonIn at = profiles.Item(i);
    const InstanceProfile& p = *s.instance_profiles.at(profile_keys[i]);
    for (std::size_t j = 0; j < p.roles.size(); ++j) {
      auto r = s.roles.find(p.roles[j]);
      if (r == s.roles.end()) at.At("roles").Item(j).Fail("no such role in this account");
      if (!Lists(r->second->instance_profiles, profile_keys[i]))
        at.At("roles").Item(j).Fail("role " + r->second->name + " does not list instance profile " +
                                    p.name);
    }
  }
  for (std::size_t i = 0; i < policy_keys.size(); ++i) {
    JsonIn at = policies.Item(i);
    ManagedPolicy p = *s.policies.at(policy_keys[i]);
    p.attachment_count =
        CheckCount(at, "attachment_count", p.attachment_count, counts.attachments[policy_keys[i]]);
    p.boundary_usage_count = CheckCount(at, "boundary_usage_count", p.boundary_usage_count,
                                        counts.boundaries[policy_keys[i]]);
    s.policies[policy_keys[i]] = std::make_shared<const ManagedPolicy>(std::move(p));
  }
  CheckCountMap(settings_in, "aws_policy_attachments", settings.aws_policy_attachments,
                counts.aws_attachments, settings_in.Has("aws_policy_attachments"));
  CheckCountMap(settings_in, "aws_policy_boundary_usage", settings.aws_policy_boundary_usage,
                counts.aws_boundaries, settings_in.Has("aws_policy_boundary_usage"));
  settings.aws_policy_attachments = std::move(counts.aws_attachments);
  settings.aws_policy_boundary_usage = std::move(counts.aws_boundaries);
  s.settings = std::make_shared<const AccountSettings>(std::move(settings));
  return s;
}

}  // namespace iamlite::state
