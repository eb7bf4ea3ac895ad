#include "core/ops/effective_policies.h"

#include <mutex>
#include <string_view>
#include <unordered_map>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/policy/parser.h"

namespace iamlite::ops {
namespace {

std::string PolicyNotFound(const std::string& arn) { return "Policy " + arn + " was not found."; }

// A managed policy's default version, parsed; nullopt when the policy is gone (an attachment
// never outlives its policy, but a simulation must not fail on a dangling reference).
std::optional<EffectivePolicy> Managed(const AccountState& s, const std::string& arn,
                                       const std::string& label_prefix) {
  auto ref = FindPolicyByArn(s, arn, PolicyNotFound);
  if (!ref) return std::nullopt;
  EffectivePolicy p;
  p.type = kIamPolicySourceType;
  if (ref->customer) {
    p.id = ref->customer->name;
    for (const auto& v : ref->customer->versions)
      if (v.id == ref->customer->default_version_id) p.parsed = v.document.Parsed();
    if (!p.parsed) return std::nullopt;
  } else {
    p.id = ref->aws->name;
    p.parsed = AwsManagedDocument(*ref->aws);
    if (!p.parsed) return std::nullopt;
  }
  p.label = label_prefix + "managed policy " + p.id;
  return p;
}

template <class T>
void AddPolicies(const AccountState& s, const T& entity, std::string_view word,
                 std::vector<EffectivePolicy>& out) {
  const std::string owner = std::string(word) + " " + entity.name + " ";
  for (const auto& [name, doc] : entity.inline_policies) {
    auto parsed = doc.Parsed();
    if (!parsed) continue;
    out.push_back({std::string(word) + "_" + entity.name + "_" + name, kIamPolicySourceType,
                   owner + "inline policy " + name, std::move(parsed)});
  }
  for (const auto& arn : entity.attached_policies)
    if (auto p = Managed(s, arn, owner)) out.push_back(std::move(*p));
}

void AddTags(const Tags& tags, policy::ContextKeys& context) {
  for (const auto& tag : tags) context.Set("aws:PrincipalTag/" + tag.key, tag.value);
}

}  // namespace

std::shared_ptr<const policy::Policy> AwsManagedDocument(const AwsManagedPolicy& p) {
  // The catalogue never changes and lives until exit: one parse per version, kept for good
  // (bounded by the catalogue's size), keyed by the version's address.
  static std::mutex mu;
  static auto* const parsed = new std::unordered_map<const AwsManagedPolicy::Version*,
                                                     std::shared_ptr<const policy::Policy>>();
  const AwsManagedPolicy::Version* v = p.DefaultVersion();
  if (!v) return nullptr;
  {
    std::lock_guard lock(mu);
    if (auto it = parsed->find(v); it != parsed->end()) return it->second;
  }
  auto doc = policy::ParsePolicy(v->document, policy::PolicyKind::kIdentity);
  std::shared_ptr<const policy::Policy> out = doc ? *doc : nullptr;
  std::lock_guard lock(mu);
  return parsed->try_emplace(v, out).first->second;
}

Result<EffectivePolicies> EffectivePoliciesOf(const AccountState& s, const std::string& account,
                                              const std::string& arn) {
  // arn:aws:iam::ACCOUNT:{user|group|role}/[path/]name
  const std::string prefix = "arn:aws:iam::" + account + ":";
  std::string_view rest(arn);
  std::string_view kind;
  if (rest.starts_with(prefix)) {
    rest.remove_prefix(prefix.size());
    kind = rest.substr(0, rest.find('/'));
  }
  const auto slash = rest.rfind('/');
  const std::string name(slash == std::string_view::npos ? std::string_view()
                                                         : rest.substr(slash + 1));
  EffectivePolicies out;
  auto boundary = [&](const std::string& boundary_arn) {
    if (boundary_arn.empty()) return;
    out.boundary = Managed(s, boundary_arn, "permissions boundary ");
  };
  out.context.Set("aws:PrincipalAccount", account);
  out.principal.account = account;
  out.principal.arn = arn;
  if (kind == "user") {
    auto user = FindUser(s, name);
    if (!user) return std::unexpected(user.error());
    const User& u = **user;
    AddPolicies(s, u, "user", out.identity);
    for (const auto& key : u.groups) {
      auto it = s.groups.find(key);
      if (it != s.groups.end()) AddPolicies(s, *it->second, "group", out.identity);
    }
    boundary(u.permissions_boundary);
    out.principal.type = policy::PrincipalType::kUser;
    out.principal.arn = u.Arn(account);
    out.context.Set("aws:username", u.name);
    out.context.Set("aws:userid", u.id);
    out.context.Set("aws:PrincipalType", "User");
    AddTags(u.tags, out.context);
  } else if (kind == "role") {
    auto role = FindRole(s, name);
    if (!role) return std::unexpected(role.error());
    const Role& r = **role;
    AddPolicies(s, r, "role", out.identity);
    boundary(r.permissions_boundary);
    // The simulator evaluates a role as a session of it; the role's ARN stands for the
    // session in aws:PrincipalArn, as in a session's request context.
    out.principal.type = policy::PrincipalType::kAssumedRole;
    out.principal.arn = r.Arn(account);
    out.principal.parent_arn = r.Arn(account);
    out.context.Set("aws:userid", r.id);
    out.context.Set("aws:PrincipalType", "AssumedRole");
    AddTags(r.tags, out.context);
  } else if (kind == "group") {
    auto group = FindGroup(s, name);
    if (!group) return std::unexpected(group.error());
    AddPolicies(s, **group, "group", out.identity);
  } else {
    // Unconfirmed wording: AWS's answer to a PolicySourceArn that names no user, group or
    // role of the account is not recorded.
    return std::unexpected(errors::InvalidInput("Invalid ARN: " + arn));
  }
  out.context.Set("aws:PrincipalArn", out.principal.arn);
  return out;
}

Result<EffectivePolicies> EffectivePoliciesOf(OpContext& ctx, const std::string& arn) {
  Result<EffectivePolicies> out = std::unexpected(errors::ServiceFailure("unreachable"));
  ctx.store.Read(ctx.account(),
                 [&](const AccountState& s) { out = EffectivePoliciesOf(s, ctx.account(), arn); });
  return out;
}

}  // namespace iamlite::ops
