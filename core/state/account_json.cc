// DecodeAccount: a whole account from JSON, with the cross-entity checks that keep it as
// consistent as the operations keep it.
#include <algorithm>
#include <set>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/state/entity_json.h"
#include "core/state/sts_json.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

// An empty array and object of each JSON type the decoders read.
template <class J>
const J& EmptyArray() {
  if constexpr (std::is_same_v<J, JsonNode>) {
    return JsonNode::EmptyArray();
  } else {
    static const J empty = J::array();
    return empty;
  }
}
template <class J>
const J& EmptyObject() {
  if constexpr (std::is_same_v<J, JsonNode>) {
    return JsonNode::EmptyObject();
  } else {
    static const J empty = J::object();
    return empty;
  }
}

template <class In>
In ListOf(const In& in, std::string_view key) {
  In list = in.Has(key) ? in.At(key) : in.Child(key, EmptyArray<typename In::json_type>());
  list.Array();
  return list;
}

// Decodes every item of `list` into `table` under key(item); a second item with the same key
// fails. `order` receives each item's key, in list order.
template <class T, class Decode, class Key, class In>
void DecodeTable(const In& list, Table<T>& table, std::vector<std::string>& order, Decode&& decode,
                 Key&& key, std::string_view what) {
  order.reserve(order.size() + list.Size());
  for (std::size_t i = 0; i < list.Size(); ++i) {
    In item = list.Item(i);
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

  template <class In>
  void AttachedPolicies(const In& entity, const std::vector<std::string>& arns) {
    if (arns.empty()) return;
    In list = entity.At("attached_policies");
    for (std::size_t i = 0; i < arns.size(); ++i) {
      auto ref = Resolve(list.Item(i), arns[i]);
      if (ref.customer) {
        ++counts_.attachments[ref.key];
      } else {
        ++counts_.aws_attachments[arns[i]];
      }
    }
  }

  template <class In>
  void Boundary(const In& entity, const std::string& arn) {
    if (arn.empty()) return;
    auto ref = Resolve(entity.At("permissions_boundary"), arn);
    if (ref.customer) {
      ++counts_.boundaries[ref.key];
    } else {
      ++counts_.aws_boundaries[arn];
    }
  }

 private:
  template <class In>
  ops::PolicyRef Resolve(const In& at, const std::string& arn) {
    auto ref = ops::FindPolicyByArn(s_, arn, &NotFoundMessage);
    if (!ref) at.Fail(ref.error().message);
    return *ref;
  }

  const AccountState& s_;
  Counts& counts_;
};

// The count a document gives must match the one the entities imply; a missing one is filled
// in.
template <class In>
int CheckCount(const In& policy, const char* field, int given, int actual) {
  if (given >= 0 && given != actual)
    policy.At(field).Fail("is " + std::to_string(given) + " but the account's users, groups and " +
                          "roles imply " + std::to_string(actual));
  return actual;
}

template <class In>
void CheckCountMap(const In& settings, const char* field, const std::map<std::string, int>& given,
                   const std::map<std::string, int>& actual, bool present) {
  if (!present || given == actual) return;
  In at = settings.At(field);
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

// Each key refs[j] (listed at `field` of the entity `at`) must name an entity of `other` whose
// `back` list holds `self`: both sides of a relationship.
template <class T, class Back, class OneSided, class In>
void CheckLinks(const In& at, const char* field, const std::vector<std::string>& refs,
                const Table<T>& other, const std::string& self, Back back, std::string_view missing,
                OneSided one_sided) {
  for (std::size_t j = 0; j < refs.size(); ++j) {
    auto it = other.find(refs[j]);
    if (it == other.end()) at.At(field).Item(j).Fail(std::string(missing));
    if (!Lists(back(*it->second), self)) at.At(field).Item(j).Fail(one_sided(*it->second));
  }
}

// One account: its tables decoded first, then every cross-entity rule checked, each failure
// at the path of the entity that breaks it.
template <class In>
class AccountDecoder {
 public:
  AccountDecoder(const In& in, DecodeContext& ctx)
      : users_(ListOf(in, "users")),
        groups_(ListOf(in, "groups")),
        roles_(ListOf(in, "roles")),
        policies_(ListOf(in, "policies")),
        keys_(ListOf(in, "access_keys")),
        profiles_(ListOf(in, "instance_profiles")),
        mfa_(ListOf(in, "mfa_devices")),
        ssh_(ListOf(in, "ssh_public_keys")),
        signing_(ListOf(in, "signing_certificates")),
        server_certs_(ListOf(in, "server_certificates")),
        settings_(in.Has("settings") ? in.At("settings")
                                     : in.Child("settings", EmptyObject<typename In::json_type>())),
        ctx_(ctx),
        check_(s_, counts_) {}

  AccountState Decode(std::string account_id, TimeMs created) {
    s_.account_id = std::move(account_id);
    s_.created = created;
    DecodeTables();
    CheckUsers();
    CheckGroups();
    CheckRoles();
    CheckKeys();
    CheckProfiles();
    CheckUserCredentials();
    SettleCounts();
    return std::move(s_);
  }

 private:
  void DecodeTables() {
    auto& ctx = ctx_;
    DecodeTable(
        users_, s_.users, user_keys_, [&](const In& i) { return DecodeUser(i, ctx); },
        NameKey<User>, "user");
    DecodeTable(
        groups_, s_.groups, group_keys_, [&](const In& i) { return DecodeGroup(i, ctx); },
        NameKey<Group>, "group");
    DecodeTable(
        roles_, s_.roles, role_keys_, [&](const In& i) { return DecodeRole(i, ctx); },
        NameKey<Role>, "role");
    DecodeTable(
        policies_, s_.policies, policy_keys_,
        [&](const In& i) { return DecodeManagedPolicy(i, ctx); }, NameKey<ManagedPolicy>,
        "managed policy");
    DecodeTable(
        keys_, s_.access_keys, key_ids_, [&](const In& i) { return DecodeAccessKey(i, ctx); },
        [](const AccessKey& k) { return k.id; }, "access key");
    DecodeTable(
        profiles_, s_.instance_profiles, profile_keys_,
        [&](const In& i) { return DecodeInstanceProfile(i, ctx); }, NameKey<InstanceProfile>,
        "instance profile");
    DecodeTable(
        mfa_, s_.mfa_devices, mfa_keys_, [&](const In& i) { return DecodeMfaDevice(i, ctx); },
        NameKey<MfaDevice>, "MFA device");
    DecodeTable(
        ssh_, s_.ssh_public_keys, ssh_ids_, [&](const In& i) { return DecodeSshPublicKey(i, ctx); },
        [](const SshPublicKey& k) { return k.id; }, "SSH public key");
    DecodeTable(
        signing_, s_.signing_certificates, signing_ids_,
        [&](const In& i) { return DecodeSigningCertificate(i, ctx); },
        [](const SigningCertificate& c) { return c.id; }, "signing certificate");
    DecodeTable(
        server_certs_, s_.server_certificates, server_cert_keys_,
        [&](const In& i) { return DecodeServerCertificate(i, ctx); }, NameKey<ServerCertificate>,
        "server certificate");
    settings_value_ = DecodeSettings(settings_);
  }

  // MFA devices, SSH keys and signing certificates name their user by unique id.
  void CheckUserCredentials() {
    std::vector<std::string_view> user_ids;  // sorted
    user_ids.reserve(s_.users.size());
    for (const auto& [key, u] : s_.users) user_ids.push_back(u->id);
    std::sort(user_ids.begin(), user_ids.end());
    auto check = [&](const In& list, const std::vector<std::string>& keys, auto& table,
                     bool optional) {
      for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string& id = table.at(keys[i])->user_id;
        if (optional && id.empty()) continue;
        if (!std::binary_search(user_ids.begin(), user_ids.end(), std::string_view(id)))
          list.Item(i).At("user_id").Fail("no user with this id in this account");
      }
    };
    check(mfa_, mfa_keys_, s_.mfa_devices, true);
    check(ssh_, ssh_ids_, s_.ssh_public_keys, false);
    check(signing_, signing_ids_, s_.signing_certificates, false);
  }

  void CheckUsers() {
    for (std::size_t i = 0; i < user_keys_.size(); ++i) {
      In at = users_.Item(i);
      const std::string& key = user_keys_[i];
      const User& u = *s_.users.at(key);
      CheckLinks(
          at, "groups", u.groups, s_.groups, key,
          [](const Group& g) -> const auto& { return g.members; }, "no such group in this account",
          [&](const Group& g) {
            return "group " + g.name + " does not list " + u.name + " among its members";
          });
      for (std::size_t j = 0; j < u.access_keys.size(); ++j) {
        auto k = s_.access_keys.find(u.access_keys[j]);
        if (k == s_.access_keys.end() || k->second->user != key)
          at.At("access_keys").Item(j).Fail("no access key with this id belongs to " + u.name);
      }
      check_.AttachedPolicies(at, u.attached_policies);
      check_.Boundary(at, u.permissions_boundary);
    }
  }

  void CheckGroups() {
    for (std::size_t i = 0; i < group_keys_.size(); ++i) {
      In at = groups_.Item(i);
      const Group& g = *s_.groups.at(group_keys_[i]);
      CheckLinks(
          at, "members", g.members, s_.users, group_keys_[i],
          [](const User& u) -> const auto& { return u.groups; }, "no such user in this account",
          [&](const User& u) {
            return "user " + u.name + " does not list group " + g.name + " among its groups";
          });
      check_.AttachedPolicies(at, g.attached_policies);
    }
  }

  void CheckRoles() {
    for (std::size_t i = 0; i < role_keys_.size(); ++i) {
      In at = roles_.Item(i);
      const Role& r = *s_.roles.at(role_keys_[i]);
      CheckLinks(
          at, "instance_profiles", r.instance_profiles, s_.instance_profiles, role_keys_[i],
          [](const InstanceProfile& p) -> const auto& { return p.roles; },
          "no such instance profile in this account",
          [&](const InstanceProfile& p) {
            return "instance profile " + p.name + " does not carry role " + r.name;
          });
      check_.AttachedPolicies(at, r.attached_policies);
      check_.Boundary(at, r.permissions_boundary);
    }
  }

  void CheckKeys() {
    for (std::size_t i = 0; i < key_ids_.size(); ++i) {
      In at = keys_.Item(i);
      const AccessKey& k = *s_.access_keys.at(key_ids_[i]);
      auto u = s_.users.find(k.user);
      if (u == s_.users.end()) at.At("user").Fail("no such user in this account");
      if (!Lists(u->second->access_keys, k.id))
        at.At("user").Fail("user " + u->second->name + " does not list this key");
    }
  }

  void CheckProfiles() {
    for (std::size_t i = 0; i < profile_keys_.size(); ++i) {
      const InstanceProfile& p = *s_.instance_profiles.at(profile_keys_[i]);
      CheckLinks(
          profiles_.Item(i), "roles", p.roles, s_.roles, profile_keys_[i],
          [](const Role& r) -> const auto& { return r.instance_profiles; },
          "no such role in this account",
          [&](const Role& r) {
            return "role " + r.name + " does not list instance profile " + p.name;
          });
    }
  }

  // Attachment and boundary counts: checked when given, filled in when not.
  void SettleCounts() {
    for (std::size_t i = 0; i < policy_keys_.size(); ++i) {
      In at = policies_.Item(i);
      const std::string& key = policy_keys_[i];
      ManagedPolicy p = *s_.policies.at(key);
      p.attachment_count =
          CheckCount(at, "attachment_count", p.attachment_count, counts_.attachments[key]);
      p.boundary_usage_count =
          CheckCount(at, "boundary_usage_count", p.boundary_usage_count, counts_.boundaries[key]);
      s_.policies[key] = std::make_shared<const ManagedPolicy>(std::move(p));
    }
    AccountSettings& set = settings_value_;
    CheckCountMap(settings_, "aws_policy_attachments", set.aws_policy_attachments,
                  counts_.aws_attachments, settings_.Has("aws_policy_attachments"));
    CheckCountMap(settings_, "aws_policy_boundary_usage", set.aws_policy_boundary_usage,
                  counts_.aws_boundaries, settings_.Has("aws_policy_boundary_usage"));
    set.aws_policy_attachments = std::move(counts_.aws_attachments);
    set.aws_policy_boundary_usage = std::move(counts_.aws_boundaries);
    s_.settings = std::make_shared<const AccountSettings>(std::move(set));
  }

  In users_, groups_, roles_, policies_, keys_, profiles_, mfa_, ssh_, signing_, server_certs_,
      settings_;
  DecodeContext& ctx_;
  AccountState s_;
  AccountSettings settings_value_;
  Counts counts_;
  AccountChecker check_;
  std::vector<std::string> user_keys_, group_keys_, role_keys_, policy_keys_, key_ids_,
      profile_keys_, mfa_keys_, ssh_ids_, signing_ids_, server_cert_keys_;
};

}  // namespace

template <class In>
AccountState DecodeAccount(const In& in, const std::string& account_id, DecodeContext& ctx) {
  in.Object({"created", "users", "groups", "roles", "policies", "access_keys", "instance_profiles",
             "mfa_devices", "ssh_public_keys", "signing_certificates", "server_certificates",
             "settings", "oidc_providers", "saml_providers", "sts_sessions"});
  ctx.account = account_id;
  TimeMs created = in.Has("created") ? in.At("created").Time() : ctx.now;
  AccountState s = AccountDecoder<In>(in, ctx).Decode(account_id, created);
  DecodeStsTables(in, ctx, s);
  return s;
}

template AccountState DecodeAccount(const JsonIn&, const std::string&, DecodeContext&);
template AccountState DecodeAccount(const TreeIn&, const std::string&, DecodeContext&);

}  // namespace iamlite::state
