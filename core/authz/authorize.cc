#include "core/authz/authorize.h"

#include <memory>
#include <string_view>

#include "core/names.h"
#include "core/ops/effective_policies.h"
#include "core/ops/effective_policies_cache.h"
#include "core/ops/lookup.h"
#include "core/ops/service_linked_roles.h"
#include "core/policy/compiled_policy.h"
#include "core/policy/explain.h"
#include "core/policy/parser.h"
#include "core/session.h"

namespace iamlite::authz {
namespace {

using nlohmann::json;
using policy::ContextValue;
using policy::ValueType;

ContextValue Typed(ValueType type, std::string value) {
  ContextValue v;
  v.type = type;
  v.values.push_back(std::move(value));
  return v;
}

ContextValue List(std::vector<std::string> values) {
  ContextValue v;
  v.multivalued = true;
  v.values = std::move(values);
  return v;
}

std::string Str(const json& in, std::string_view member) {
  if (member.empty() || !in.is_object()) return "";
  auto it = in.find(std::string(member));
  return it != in.end() && it->is_string() ? it->get<std::string>() : "";
}

policy::PolicySource Source(const ops::EffectivePolicy& p) {
  return {p.id, p.type, p.label, policy::CompileCached(p.parsed)};
}

void AddTags(const Tags& tags, std::string_view prefix, policy::ContextKeys& context) {
  for (const auto& t : tags) context.Set(std::string(prefix) + t.key, t.value);
}

// A managed policy's default version, parsed; nullopt when it does not exist.
std::shared_ptr<const policy::Policy> ManagedDocument(const AccountState& s,
                                                      const std::string& arn) {
  auto ref = ops::FindPolicyByArn(s, arn, [](const std::string& a) { return a; });
  if (!ref) return nullptr;
  if (ref->customer) {
    for (const auto& v : ref->customer->versions)
      if (v.id == ref->customer->default_version_id) return v.document.Parsed();
    return nullptr;
  }
  return ops::AwsManagedDocument(*ref->aws);
}

void AddSessionPolicies(const AccountState& s, const StsSession& session, Evaluation& out) {
  for (std::size_t i = 0; i < session.inline_policies.size(); ++i) {
    const PolicyDocument& doc = session.inline_policies[i];
    std::shared_ptr<const policy::Policy> parsed = doc.Parsed();
    if (!parsed) continue;
    out.input.session.push_back(
        {"session policy", "session", "the session policy", policy::CompileShared(*parsed)});
  }
  for (const auto& arn : session.policy_arns)
    if (auto parsed = ManagedDocument(s, arn))
      out.input.session.push_back(
          {arn, "session", "session managed policy " + arn, policy::CompileShared(*parsed)});
}

void AddEffective(const ops::EffectivePolicies& found, Evaluation& out) {
  for (const auto& p : found.identity) out.input.identity.push_back(Source(p));
  if (found.boundary) out.input.boundary = Source(*found.boundary);
  out.request.principal = found.principal;
  for (const auto& e : found.context.entries()) out.request.context.Set(e);
}

// The effective policies of `arn`, through `cache` if given, else computed afresh.
Result<std::shared_ptr<const ops::EffectivePolicies>> PoliciesOf(
    const AccountState& s, const std::string& account, const std::string& arn,
    ops::EffectivePoliciesCache* cache) {
  if (cache) return cache->Get(s, account, arn);
  auto found = ops::EffectivePoliciesOf(s, account, arn);
  if (!found) return std::unexpected(found.error());
  return std::make_shared<const ops::EffectivePolicies>(std::move(*found));
}

// Adds the effective policies of `arn` (none when it is not found).
void AddEffectiveOf(const AccountState& s, const std::string& account, const std::string& arn,
                    ops::EffectivePoliciesCache* cache, Evaluation& out) {
  if (auto found = PoliciesOf(s, account, arn, cache)) AddEffective(**found, out);
}

void AddSessionKeys(const StsSession& session, Evaluation& out) {
  auto& ctx = out.request.context;
  ctx.Set("aws:MultiFactorAuthPresent", Typed(ValueType::kBool, session.mfa ? "true" : "false"));
  ctx.Set("aws:TokenIssueTime", Typed(ValueType::kDate, FormatIso8601(session.issued)));
  if (!session.source_identity.empty()) ctx.Set("aws:SourceIdentity", session.source_identity);
  // Session tags override the principal's own tags of the same key.
  AddTags(session.tags, "aws:PrincipalTag/", ctx);
}

}  // namespace

void AddPrincipal(const AccountState& s, const Caller& caller, TimeMs now, Evaluation& out,
                  ops::EffectivePoliciesCache* cache) {
  (void)now;
  const std::string& account = caller.account;
  auto& ctx = out.request.context;
  out.request.principal.account = account;
  out.request.principal.arn = caller.arn;
  switch (caller.type) {
    case Caller::Type::kRoot:
      out.request.principal.type = policy::PrincipalType::kRoot;
      ctx.Set("aws:PrincipalArn", caller.arn);
      ctx.Set("aws:PrincipalAccount", account);
      ctx.Set("aws:PrincipalType", "Account");
      ctx.Set("aws:userid", account);
      break;
    case Caller::Type::kUser: {
      AddEffectiveOf(s, account, caller.arn, cache, out);
      out.request.principal.type = policy::PrincipalType::kUser;
      break;
    }
    case Caller::Type::kAssumedRole: {
      std::string role_name = caller.role_name;
      if (role_name.empty() && caller.session) role_name = caller.session->role_name;
      std::string role_arn = caller.session ? caller.session->role_arn : "";
      if (auto role = ops::FindRole(s, role_name)) role_arn = (*role)->Arn(account);
      AddEffectiveOf(s, account, role_arn, cache, out);
      out.request.principal.type = policy::PrincipalType::kAssumedRole;
      out.request.principal.arn = caller.arn;
      out.request.principal.parent_arn = role_arn;
      // aws:PrincipalArn of a role session is the role's ARN (IAM User Guide, global keys).
      ctx.Set("aws:PrincipalArn", role_arn);
      ctx.Set("aws:PrincipalType", "AssumedRole");
      std::string userid = caller.principal_id;
      if (caller.session && !caller.session->principal_id.empty())
        userid = caller.session->principal_id;
      if (!userid.empty()) ctx.Set("aws:userid", userid);
      ctx.Erase("aws:username");
      break;
    }
    case Caller::Type::kFederatedUser: {
      std::string user = caller.session ? caller.session->user_name : caller.user_name;
      std::string user_arn;
      if (auto u = ops::FindUser(s, user)) user_arn = (*u)->Arn(account);
      AddEffectiveOf(s, account, user_arn, cache, out);
      out.request.principal.type = policy::PrincipalType::kFederatedUser;
      out.request.principal.arn = caller.arn;
      out.request.principal.parent_arn = user_arn;
      ctx.Set("aws:PrincipalArn", caller.arn);
      ctx.Set("aws:PrincipalType", "FederatedUser");
      ctx.Erase("aws:username");
      if (caller.session) ctx.Set("aws:userid", caller.session->principal_id);
      break;
    }
  }
  out.request.principal.account = account;
  ctx.Set("aws:PrincipalAccount", account);
  ctx.Set("aws:PrincipalIsAWSService", Typed(ValueType::kBool, "false"));
  ctx.Set("aws:ViaAWSService", Typed(ValueType::kBool, "false"));
  if (caller.session) {
    AddSessionKeys(*caller.session, out);
    // A GetSessionToken session has no session policies; the others may.
    if (caller.type != Caller::Type::kUser) AddSessionPolicies(s, *caller.session, out);
  }
}

Result<void> AddPrincipalArn(const AccountState& s, const std::string& arn, TimeMs now,
                             Evaluation& out, ops::EffectivePoliciesCache* cache) {
  const std::string& account = s.account_id;
  if (arn == "arn:aws:iam::" + account + ":root") {
    AddPrincipal(s, Caller::Root(account), now, out, cache);
    return {};
  }
  auto found = PoliciesOf(s, account, arn, cache);
  if (!found) return std::unexpected(found.error());
  AddEffective(**found, out);
  out.request.context.Set("aws:PrincipalIsAWSService", Typed(ValueType::kBool, "false"));
  return {};
}

void AddRequestKeys(const RequestFacts& facts, const std::string& source_ip, Evaluation& out) {
  auto& ctx = out.request.context;
  ctx.Set("aws:CurrentTime", Typed(ValueType::kDate, FormatIso8601(facts.now)));
  ctx.Set("aws:EpochTime", Typed(ValueType::kNumber, std::to_string(facts.now / 1000)));
  ctx.Set("aws:SecureTransport",
          Typed(ValueType::kBool, facts.secure_transport ? "true" : "false"));
  if (!facts.region.empty()) ctx.Set("aws:RequestedRegion", facts.region);
  if (!source_ip.empty()) ctx.Set("aws:SourceIp", Typed(ValueType::kIp, source_ip));
}

namespace {

// The resource side of an operation: its ARN, the target's tags and boundary.
struct Target {
  std::string arn = "*";
  const Tags* tags = nullptr;
  std::string boundary;
  std::optional<policy::ResourcePolicy> resource_policy;
};

std::string PathOf(const json& in, const OperationAuth& op) {
  std::string path = Str(in, op.path_member);
  return path.empty() ? "/" : path;
}

std::string IamArn(const std::string& account, std::string_view type, std::string_view rest) {
  return "arn:aws:iam::" + account + ":" + std::string(type) + std::string(rest);
}

// The part of an ARN after its fifth colon ("role/path/name"), and its account.
std::string_view ArnAccount(std::string_view arn) {
  for (int i = 0; i < 4; ++i) {
    auto colon = arn.find(':');
    if (colon == std::string_view::npos) return {};
    arn.remove_prefix(colon + 1);
  }
  return arn.substr(0, arn.find(':'));
}

std::string LastSegment(std::string_view arn) {
  return std::string(arn.substr(arn.rfind('/') + 1));
}

template <class T>
void Entity(const std::shared_ptr<const T>& e, const std::string& account, Target& t) {
  t.arn = e->Arn(account);
  if constexpr (requires { e->tags; }) t.tags = &e->tags;
  if constexpr (requires { e->permissions_boundary; }) t.boundary = e->permissions_boundary;
}

Target ResolveTarget(const AccountState& s, const Caller& caller, const OperationAuth& op,
                     const json& in) {
  const std::string& account = caller.account;
  Target t;
  const std::string name = Str(in, op.member);
  switch (op.resource) {
    case ResourceKind::kAll:
    case ResourceKind::kNotAuthorized:
      break;
    case ResourceKind::kUser: {
      // UserName omitted (or ChangePassword, which has none): the caller's own user.
      std::string user = name.empty() ? caller.user_name : name;
      if (user.empty()) break;
      if (auto u = ops::FindUser(s, user))
        Entity(*u, account, t);
      else
        t.arn = IamArn(account, "user", PathOf(in, op) + user);
      break;
    }
    case ResourceKind::kGroup:
      if (auto g = ops::FindGroup(s, name))
        Entity(*g, account, t);
      else
        t.arn = IamArn(account, "group", PathOf(in, op) + name);
      break;
    case ResourceKind::kRole:
      if (auto r = ops::FindRole(s, name))
        Entity(*r, account, t);
      else
        t.arn = IamArn(account, "role", PathOf(in, op) + name);
      break;
    case ResourceKind::kInstanceProfile:
      if (auto p = ops::FindInstanceProfile(s, name))
        Entity(*p, account, t);
      else
        t.arn = IamArn(account, "instance-profile", PathOf(in, op) + name);
      break;
    case ResourceKind::kPolicy:
      if (op.member == "PolicyName") {
        t.arn = IamArn(account, "policy", PathOf(in, op) + name);
      } else {
        t.arn = name;
        auto ref = ops::FindPolicyByArn(s, name, [](const std::string& a) { return a; });
        if (ref && ref->customer) t.tags = &ref->customer->tags;
      }
      break;
    case ResourceKind::kOidcProvider:
      if (op.member == "Url") {
        std::string_view url = name;
        if (auto scheme = url.find("://"); scheme != std::string_view::npos)
          url.remove_prefix(scheme + 3);
        t.arn = IamArn(account, "oidc-provider/", url);
      } else {
        t.arn = name;
      }
      break;
    case ResourceKind::kSamlProvider:
      t.arn = op.member == "Name" ? IamArn(account, "saml-provider/", name) : name;
      break;
    case ResourceKind::kMfa:
      t.arn = name.starts_with("arn:") ? name : IamArn(account, "mfa", PathOf(in, op) + name);
      break;
    case ResourceKind::kServerCertificate:
      t.arn = IamArn(account, "server-certificate", PathOf(in, op) + name);
      break;
    case ResourceKind::kServiceLinkedRole: {
      auto custom = Str(in, "CustomSuffix");
      auto role = ops::ServiceLinkedRoleName(
          name, custom.empty() ? std::nullopt : std::optional<std::string>(custom));
      t.arn = IamArn(account, "role",
                     ops::ServiceLinkedRolePath(name) + (role ? *role : std::string("*")));
      break;
    }
    case ResourceKind::kDeletionTask:
      if (auto arn = ops::DeletionTaskRoleArn(name, account)) t.arn = *arn;
      break;
    case ResourceKind::kAccessKeyOwner:
      if (auto key = s.access_keys.find(name); key != s.access_keys.end())
        if (auto u = s.users.find(key->second->user); u != s.users.end())
          Entity(u->second, account, t);
      break;
    case ResourceKind::kEntityArn:
      t.arn = name.empty() ? "*" : name;
      break;
    case ResourceKind::kAssumeRole:
      t.arn = name;  // the trust policy is read from the role's account (AuthorizeOperation)
      break;
    case ResourceKind::kFederatedUser:
      t.arn = "arn:aws:sts::" + account + ":federated-user/" + name;
      break;
  }
  return t;
}

void AddOperationKeys(const OperationAuth& op, const json& in, const Target& t,
                      policy::ContextKeys& ctx) {
  if (op.keys & kRequestTags) {
    std::vector<std::string> keys;
    if (auto it = in.find("Tags"); it != in.end() && it->is_array()) {
      for (const auto& tag : *it) {
        std::string key = tag.value("Key", "");
        ctx.Set("aws:RequestTag/" + key, tag.value("Value", ""));
        keys.push_back(key);
      }
    }
    if (!keys.empty()) ctx.Set("aws:TagKeys", List(std::move(keys)));
  }
  if (op.keys & kTagKeys) {
    std::vector<std::string> keys;
    if (auto it = in.find("TagKeys"); it != in.end() && it->is_array())
      for (const auto& k : *it)
        if (k.is_string()) keys.push_back(k.get<std::string>());
    ctx.Set("aws:TagKeys", List(std::move(keys)));
  }
  if ((op.keys & kResourceTags) && t.tags) {
    AddTags(*t.tags, "aws:ResourceTag/", ctx);
    AddTags(*t.tags, "iam:ResourceTag/", ctx);
  }
  if (op.keys & kPolicyArn) {
    if (auto arn = Str(in, "PolicyArn"); !arn.empty())
      ctx.Set("iam:PolicyARN", Typed(ValueType::kArn, arn));
  }
  if (op.keys & kBoundary) {
    std::string boundary = Str(in, "PermissionsBoundary");
    if (boundary.empty()) boundary = t.boundary;
    if (!boundary.empty()) ctx.Set("iam:PermissionsBoundary", Typed(ValueType::kArn, boundary));
  }
  if (op.keys & kAwsServiceName) ctx.Set("iam:AWSServiceName", Str(in, "AWSServiceName"));
  auto sts_key = [&](std::uint32_t flag, const char* key, const char* member) {
    if (!(op.keys & flag)) return;
    if (auto v = Str(in, member); !v.empty()) ctx.Set(key, v);
  };
  sts_key(kRoleSessionName, "sts:RoleSessionName", "RoleSessionName");
  sts_key(kExternalId, "sts:ExternalId", "ExternalId");
  sts_key(kSourceIdentity, "sts:SourceIdentity", "SourceIdentity");
  if (op.keys & kTransitiveTagKeys) {
    std::vector<std::string> keys;
    if (auto it = in.find("TransitiveTagKeys"); it != in.end() && it->is_array())
      for (const auto& k : *it)
        if (k.is_string()) keys.push_back(k.get<std::string>());
    if (!keys.empty()) ctx.Set("sts:TransitiveTagKeys", List(std::move(keys)));
  }
}

// The role's trust policy as the resource-based policy of sts:AssumeRole.
void AddTrustPolicy(Store& store, const std::string& role_arn, Evaluation& ev,
                    const OperationAuth& op) {
  std::string account(ArnAccount(role_arn));
  if (account.size() != 12) return;
  store.Read(account, [&](const AccountState& s) {
    auto role = ops::FindRole(s, LastSegment(role_arn));
    if (!role) return;
    auto trust = (*role)->assume_role_policy.Parsed();
    if (!trust) return;
    policy::ResourcePolicy rp;
    rp.source = {"trust policy", "resource", "the trust policy of role " + (*role)->name,
                 policy::CompileShared(*trust)};
    rp.owner_account = account;
    rp.kind = policy::ResourcePolicyKind::kRoleTrust;
    ev.input.resource = std::move(rp);
    if (op.keys & kResourceTags) {
      AddTags((*role)->tags, "aws:ResourceTag/", ev.request.context);
      AddTags((*role)->tags, "iam:ResourceTag/", ev.request.context);
    }
  });
  ev.input.same_account = account == ev.request.principal.account;
}

std::string_view DeniedIn(policy::PolicyType type) {
  switch (type) {
    case policy::PolicyType::kScp:
      return "a service control policy";
    case policy::PolicyType::kRcp:
      return "a resource control policy";
    case policy::PolicyType::kResource:
      return "a resource-based policy";
    case policy::PolicyType::kIdentity:
      return "an identity-based policy";
    case policy::PolicyType::kBoundary:
      return "a permissions boundary";
    case policy::PolicyType::kSession:
      return "a session policy";
  }
  return "a policy";
}

}  // namespace

std::string AccessDeniedMessage(const std::string& principal_arn, const policy::Decision& d) {
  const std::string& action = d.request->action;
  std::string msg = "User: " + principal_arn + " is not authorized to perform: " + action +
                    " on resource: " + d.request->resource + " ";
  auto no_allow = [&](std::string_view what) {
    return msg + "because no " + std::string(what) + " allows the " + action + " action";
  };
  switch (d.reason) {
    case policy::Reason::kExplicitDeny:
      return msg + "with an explicit deny in " +
             std::string(DeniedIn(d.denied_by ? d.denied_by->type : policy::PolicyType::kIdentity));
    case policy::Reason::kScpNoAllow:
      return no_allow("service control policy");
    case policy::Reason::kRcpNoAllow:
      return no_allow("resource control policy");
    case policy::Reason::kResourceNoAllow:
      return no_allow("resource-based policy");
    case policy::Reason::kBoundaryNoAllow:
      return no_allow("permissions boundary");
    case policy::Reason::kSessionNoAllow:
    case policy::Reason::kFederatedNoSessionPolicy:
      return no_allow("session policy");
    default:
      return no_allow("identity-based policy");
  }
}

Outcome AuthorizeOperation(Store& store, const Caller& caller, const OperationAuth& op,
                           const json& input, const RequestFacts& facts,
                           ops::EffectivePoliciesCache* cache) {
  Outcome out;
  out.action = std::string(op.action);
  if (op.resource == ResourceKind::kNotAuthorized) {
    out.explanation = "no authorization needed for " + out.action;
    return out;
  }
  if (caller.type == Caller::Type::kRoot) {
    out.explanation = "the account's root user may do anything in its account";
    return out;
  }
  Evaluation ev;
  Target target;
  store.Read(caller.account, [&](const AccountState& s) {
    AddPrincipal(s, caller, facts.now, ev, cache);
    target = ResolveTarget(s, caller, op, input);
    // Tags and boundary are read here, while the state is alive.
    AddOperationKeys(op, input, target, ev.request.context);
    target.tags = nullptr;
  });
  AddRequestKeys(facts, caller.source_ip, ev);
  if (op.resource == ResourceKind::kAssumeRole) AddTrustPolicy(store, target.arn, ev, op);
  ev.request.action = out.action;
  ev.request.resource = target.arn;
  out.resource = target.arn;
  policy::Decision d = policy::Evaluate(ev.input, ev.request);
  out.evaluated = true;
  out.allowed = d.allowed();
  out.explanation = policy::Explain(d);
  if (!out.allowed) out.error = errors::AccessDenied(AccessDeniedMessage(caller.arn, d));
  return out;
}

}  // namespace iamlite::authz
