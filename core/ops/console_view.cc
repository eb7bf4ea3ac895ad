#include "core/ops/console_view.h"

#include <map>
#include <set>

#include "core/aws_managed_policies.h"
#include "core/clock.h"
#include "core/ops/lookup.h"
#include "core/policy/compiled_policy.h"

namespace iamlite::ops {
namespace {

using nlohmann::json;

json TagsJson(const Tags& tags) {
  json out = json::object();
  for (const auto& t : tags) out[t.key] = t.value;
  return out;
}

std::string Time(TimeMs t) { return FormatIso8601(t); }

std::string PolicyNotFound(const std::string& arn) { return "Policy " + arn + " was not found."; }

// Where a managed policy is attached, or used as a boundary: policy ARN -> entries.
struct Usage {
  std::map<std::string, json> attached, boundary;
  void Add(std::map<std::string, json>& to, const std::string& arn, std::string_view kind,
           const std::string& name, const std::string& entity_arn) {
    auto& list = to[arn];
    if (list.is_null()) list = json::array();
    list.push_back({{"type", kind}, {"name", name}, {"arn", entity_arn}});
  }
};

template <class T>
json InlineJson(const T& entity, bool may_read) {
  json out = json::array();
  for (const auto& [name, doc] : entity.inline_policies) {
    json p = {{"name", name}};
    if (may_read) p["document"] = doc.text();
    out.push_back(std::move(p));
  }
  return out;
}

json UserJson(const AccountState& s, const std::string& account, const User& u,
              const ConsoleViewer& viewer) {
  const std::string arn = u.Arn(account);
  json groups = json::array();
  for (const auto& key : u.groups)
    if (auto it = s.groups.find(key); it != s.groups.end()) groups.push_back(it->second->name);
  json out = {{"name", u.name},
              {"arn", arn},
              {"id", u.id},
              {"path", u.path},
              {"created", Time(u.create_date)},
              {"tags", TagsJson(u.tags)},
              {"groups", groups},
              {"attached_policies", u.attached_policies},
              {"inline_policies", InlineJson(u, viewer.May("iam:GetUserPolicy", arn))},
              {"permissions_boundary", u.permissions_boundary}};
  if (viewer.May("iam:ListAccessKeys", arn)) {
    json keys = json::array();
    for (const auto& id : u.access_keys) {
      auto it = s.access_keys.find(id);
      if (it == s.access_keys.end()) continue;
      const AccessKey& k = *it->second;
      json key = {{"id", k.id},
                  {"status", k.active ? "Active" : "Inactive"},
                  {"created", Time(k.create_date)}};
      if (k.last_used)
        key["last_used"] = {{"date", Time(k.last_used->date)},
                            {"service", k.last_used->service},
                            {"region", k.last_used->region}};
      keys.push_back(std::move(key));
    }
    out["access_keys"] = std::move(keys);
  }
  if (viewer.May("iam:GetLoginProfile", arn)) {
    if (u.login_profile)
      out["login_profile"] = {
          {"created", Time(u.login_profile->create_date)},
          {"password_reset_required", u.login_profile->password_reset_required}};
    else
      out["login_profile"] = nullptr;
  }
  if (u.password_last_used) out["password_last_used"] = Time(*u.password_last_used);
  return out;
}

json GroupJson(const AccountState& s, const std::string& account, const Group& g,
               const ConsoleViewer& viewer) {
  const std::string arn = g.Arn(account);
  json members = json::array();
  for (const auto& key : g.members)
    if (auto it = s.users.find(key); it != s.users.end()) members.push_back(it->second->name);
  return {{"name", g.name},
          {"arn", arn},
          {"id", g.id},
          {"path", g.path},
          {"created", Time(g.create_date)},
          {"members", members},
          {"attached_policies", g.attached_policies},
          {"inline_policies", InlineJson(g, viewer.May("iam:GetGroupPolicy", arn))}};
}

json RoleJson(const AccountState& s, const std::string& account, const Role& r,
              const ConsoleViewer& viewer) {
  const std::string arn = r.Arn(account);
  json profiles = json::array();
  for (const auto& key : r.instance_profiles)
    if (auto it = s.instance_profiles.find(key); it != s.instance_profiles.end())
      profiles.push_back(it->second->name);
  return {{"name", r.name},
          {"arn", arn},
          {"id", r.id},
          {"path", r.path},
          {"created", Time(r.create_date)},
          {"description", r.description},
          {"max_session_duration", r.max_session_duration},
          {"tags", TagsJson(r.tags)},
          {"trust_policy", r.assume_role_policy.text()},
          {"attached_policies", r.attached_policies},
          {"inline_policies", InlineJson(r, viewer.May("iam:GetRolePolicy", arn))},
          {"permissions_boundary", r.permissions_boundary},
          {"instance_profiles", profiles}};
}

template <class T>
void NoteUsage(Usage& usage, const T& entity, std::string_view kind, const std::string& arn) {
  for (const auto& p : entity.attached_policies)
    usage.Add(usage.attached, p, kind, entity.name, arn);
}

json PolicyJson(const ManagedPolicy& p, const std::string& account, bool documents) {
  json versions = json::array();
  for (const auto& v : p.versions) {
    json j = {
        {"id", v.id}, {"default", v.id == p.default_version_id}, {"created", Time(v.create_date)}};
    if (documents) j["document"] = v.document.text();
    versions.push_back(std::move(j));
  }
  return {{"name", p.name},
          {"arn", p.Arn(account)},
          {"id", p.id},
          {"path", p.path},
          {"kind", "customer"},
          {"description", p.description},
          {"created", Time(p.create_date)},
          {"updated", Time(p.update_date)},
          {"default_version", p.default_version_id},
          {"tags", TagsJson(p.tags)},
          {"versions", versions}};
}

json PolicyJson(const AwsManagedPolicy& p, bool documents) {
  json versions = json::array();
  for (const auto& v : p.versions) {
    json j = {{"id", v.id}, {"default", v.is_default}, {"created", Time(v.create_date)}};
    // The catalogue keeps every version; the page needs only the default one's text.
    if (documents && v.is_default) j["document"] = v.document;
    versions.push_back(std::move(j));
  }
  return {{"name", p.name},
          {"arn", p.arn},
          {"id", p.id},
          {"path", p.path},
          {"kind", "aws"},
          {"description", p.description},
          {"created", Time(p.create_date)},
          {"updated", Time(p.update_date)},
          {"default_version", p.default_version_id},
          {"tags", json::object()},
          {"versions", versions}};
}

policy::PolicySource SourceOf(const EffectivePolicy& p) {
  return {p.id, p.type, p.label, policy::CompileShared(*p.parsed)};
}

// The text of the default version of a managed policy, or nullopt.
std::optional<std::string> ManagedText(const AccountState& s, const std::string& arn) {
  auto ref = FindPolicyByArn(s, arn, PolicyNotFound);
  if (!ref) return std::nullopt;
  if (ref->aws) return ref->aws->DefaultVersion()->document;
  for (const auto& v : ref->customer->versions)
    if (v.id == ref->customer->default_version_id) return v.document.text();
  return std::nullopt;
}

std::string ManagedName(const AccountState& s, const std::string& arn) {
  auto ref = FindPolicyByArn(s, arn, PolicyNotFound);
  if (!ref) return arn.substr(arn.rfind('/') + 1);
  return ref->aws ? ref->aws->name : ref->customer->name;
}

// Mirrors effective_policies.cc's ids: "<kind>_<entity>_<policy>" for inline policies, the
// policy's name for managed ones.
template <class T>
void AddTexts(const AccountState& s, const T& entity, std::string_view kind, json& out) {
  const std::string owner = std::string(kind) + " " + entity.name + " ";
  for (const auto& [name, doc] : entity.inline_policies)
    out.push_back({{"id", std::string(kind) + "_" + entity.name + "_" + name},
                   {"label", owner + "inline policy " + name},
                   {"text", doc.text()}});
  for (const auto& arn : entity.attached_policies)
    if (auto text = ManagedText(s, arn))
      out.push_back({{"id", ManagedName(s, arn)},
                     {"label", owner + "managed policy " + ManagedName(s, arn)},
                     {"arn", arn},
                     {"text", *text}});
}

void AddBoundaryText(const AccountState& s, const std::string& arn, json& out) {
  if (arn.empty()) return;
  if (auto text = ManagedText(s, arn))
    out.push_back({{"id", ManagedName(s, arn)},
                   {"label", "permissions boundary managed policy " + ManagedName(s, arn)},
                   {"arn", arn},
                   {"boundary", true},
                   {"text", *text}});
}

std::string KindOf(std::string_view arn) {
  auto colon = arn.rfind(':');
  if (colon == std::string_view::npos) return "";
  auto rest = arn.substr(colon + 1);
  return std::string(rest.substr(0, rest.find('/')));
}

}  // namespace

ConsoleViewer::ConsoleViewer(const AccountState& s, const std::string& account,
                             const std::string& user_arn)
    : signed_in_(true), arn_(user_arn) {
  auto found = EffectivePoliciesOf(s, account, user_arn);
  if (!found) return;
  exists_ = true;
  for (const auto& p : found->identity) input_.identity.push_back(SourceOf(p));
  if (found->boundary) input_.boundary = SourceOf(*found->boundary);
  policies_ = std::move(*found);
}

bool ConsoleViewer::May(const std::string& action, const std::string& resource) const {
  if (!signed_in_) return true;
  if (!exists_) return false;
  policy::RequestContext req{action, resource, policies_->principal, policies_->context};
  return policy::Evaluate(input_, req).allowed();
}

json ConsoleAccountSummary(const AccountState& s, const ConsoleViewer& viewer) {
  const std::string& account = s.account_id;
  auto count = [&](const auto& table, const char* action) {
    int n = 0;
    for (const auto& [key, e] : table) n += viewer.May(action, e->Arn(account)) ? 1 : 0;
    return n;
  };
  return {{"id", account},
          {"users", count(s.users, "iam:GetUser")},
          {"groups", count(s.groups, "iam:GetGroup")},
          {"roles", count(s.roles, "iam:GetRole")},
          {"policies", count(s.policies, "iam:GetPolicy")}};
}

json ConsoleAccountView(const AccountState& s, const std::string& account,
                        const ConsoleViewer& viewer) {
  json users = json::array(), groups = json::array(), roles = json::array(),
       policies = json::array(), profiles = json::array();
  json hidden = {{"users", 0}, {"groups", 0}, {"roles", 0}, {"policies", 0}};
  Usage usage;
  for (const auto& [key, u] : s.users) {
    const std::string arn = u->Arn(account);
    NoteUsage(usage, *u, "user", arn);
    if (!u->permissions_boundary.empty())
      usage.Add(usage.boundary, u->permissions_boundary, "user", u->name, arn);
    if (!viewer.May("iam:GetUser", arn)) {
      hidden["users"] = hidden["users"].get<int>() + 1;
      continue;
    }
    users.push_back(UserJson(s, account, *u, viewer));
  }
  for (const auto& [key, g] : s.groups) {
    const std::string arn = g->Arn(account);
    NoteUsage(usage, *g, "group", arn);
    if (!viewer.May("iam:GetGroup", arn)) {
      hidden["groups"] = hidden["groups"].get<int>() + 1;
      continue;
    }
    groups.push_back(GroupJson(s, account, *g, viewer));
  }
  for (const auto& [key, r] : s.roles) {
    const std::string arn = r->Arn(account);
    NoteUsage(usage, *r, "role", arn);
    if (!r->permissions_boundary.empty())
      usage.Add(usage.boundary, r->permissions_boundary, "role", r->name, arn);
    if (!viewer.May("iam:GetRole", arn)) {
      hidden["roles"] = hidden["roles"].get<int>() + 1;
      continue;
    }
    roles.push_back(RoleJson(s, account, *r, viewer));
  }
  auto add_usage = [&](json& p) {
    const std::string arn = p["arn"];
    auto a = usage.attached.find(arn);
    p["attached_to"] = a == usage.attached.end() ? json::array() : a->second;
    auto b = usage.boundary.find(arn);
    p["boundary_of"] = b == usage.boundary.end() ? json::array() : b->second;
  };
  for (const auto& [key, p] : s.policies) {
    const std::string arn = p->Arn(account);
    if (!viewer.May("iam:GetPolicy", arn)) {
      hidden["policies"] = hidden["policies"].get<int>() + 1;
      continue;
    }
    json j = PolicyJson(*p, account, viewer.May("iam:GetPolicyVersion", arn));
    add_usage(j);
    policies.push_back(std::move(j));
  }
  std::set<std::string> aws_used;
  for (const auto* m : {&usage.attached, &usage.boundary})
    for (const auto& [arn, list] : *m)
      if (arn.starts_with(kAwsManagedPolicyArnPrefix)) aws_used.insert(arn);
  for (const auto& arn : aws_used) {
    const AwsManagedPolicy* p = FindAwsManagedPolicy(arn);
    if (!p) continue;
    if (!viewer.May("iam:GetPolicy", arn)) {
      hidden["policies"] = hidden["policies"].get<int>() + 1;
      continue;
    }
    json j = PolicyJson(*p, viewer.May("iam:GetPolicyVersion", arn));
    add_usage(j);
    policies.push_back(std::move(j));
  }
  for (const auto& [key, ip] : s.instance_profiles) {
    const std::string arn = ip->Arn(account);
    if (!viewer.May("iam:GetInstanceProfile", arn)) continue;
    json role_names = json::array();
    for (const auto& rk : ip->roles)
      if (auto it = s.roles.find(rk); it != s.roles.end()) role_names.push_back(it->second->name);
    profiles.push_back({{"name", ip->name}, {"arn", arn}, {"roles", role_names}});
  }
  return {{"account", account},
          {"generation", s.generation},
          {"viewer", viewer.everything() ? json(nullptr) : json(viewer.arn())},
          {"users", users},
          {"groups", groups},
          {"roles", roles},
          {"policies", policies},
          {"instance_profiles", profiles},
          {"hidden", hidden}};
}

Result<json> ConsolePolicyTexts(const AccountState& s, const std::string& account,
                                const std::string& arn) {
  // Validates the ARN and finds the principal as the simulator does.
  auto found = EffectivePoliciesOf(s, account, arn);
  if (!found) return std::unexpected(found.error());
  json out = json::array();
  const std::string kind = KindOf(arn);
  const std::string name = arn.substr(arn.rfind('/') + 1);
  if (kind == "user") {
    auto u = FindUser(s, name);
    if (!u) return std::unexpected(u.error());
    AddTexts(s, **u, "user", out);
    for (const auto& key : (*u)->groups)
      if (auto it = s.groups.find(key); it != s.groups.end())
        AddTexts(s, *it->second, "group", out);
    AddBoundaryText(s, (*u)->permissions_boundary, out);
  } else if (kind == "role") {
    auto r = FindRole(s, name);
    if (!r) return std::unexpected(r.error());
    AddTexts(s, **r, "role", out);
    AddBoundaryText(s, (*r)->permissions_boundary, out);
  } else if (kind == "group") {
    auto g = FindGroup(s, name);
    if (!g) return std::unexpected(g.error());
    AddTexts(s, **g, "group", out);
  }
  return out;
}

json ConsoleEvaluationJson(const SimEvaluation& e) {
  json matched = json::array();
  for (const auto& m : e.matched)
    matched.push_back({{"source_policy_id", m.source_policy_id},
                       {"source_policy_type", m.source_policy_type},
                       {"start", {{"line", m.start.line}, {"column", m.start.column}}},
                       {"end", {{"line", m.end.line}, {"column", m.end.column}}}});
  json out = {{"action", e.action},
              {"resource", e.resource},
              {"decision", e.decision},
              {"matched", matched},
              {"missing_context", e.missing_context},
              {"explanation", e.explanation}};
  if (e.allowed_by_boundary) out["allowed_by_boundary"] = *e.allowed_by_boundary;
  return out;
}

namespace {

Result<std::vector<SimEvaluation>> Evaluations(OpContext& ctx, const ConsoleSimulation& in) {
  SimulationInput sim;
  sim.policy_source_arn = in.principal;
  sim.actions = in.actions;
  sim.resources = in.resources;
  sim.context = in.context;
  sim.page.max_items = 1'000'000;  // the console asks for what it shows: no pages
  auto page = Simulate(ctx, sim);
  if (!page) return std::unexpected(page.error());
  return std::move(page->items);
}

IamError NotAuthorizedToSimulate(const std::string& viewer, const std::string& arn) {
  // AWS's AccessDenied wording for an identity-based denial.
  return errors::AccessDenied("User: " + viewer +
                              " is not authorized to perform: iam:SimulatePrincipalPolicy on "
                              "resource: " +
                              arn +
                              " because no identity-based policy allows the "
                              "iam:SimulatePrincipalPolicy action");
}

}  // namespace

Result<json> ConsoleSimulate(OpContext& ctx, const ConsoleViewer& viewer,
                             const ConsoleSimulation& in) {
  if (in.actions.empty()) return std::unexpected(errors::InvalidInput("Choose an action."));
  if (!viewer.May("iam:SimulatePrincipalPolicy", in.principal))
    return std::unexpected(NotAuthorizedToSimulate(viewer.arn(), in.principal));
  auto evals = Evaluations(ctx, in);
  if (!evals) return std::unexpected(evals.error());
  Result<json> texts = json::array();
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    texts = ConsolePolicyTexts(s, ctx.account(), in.principal);
  });
  if (!texts) return std::unexpected(texts.error());
  json results = json::array();
  for (const auto& e : *evals) results.push_back(ConsoleEvaluationJson(e));
  return json{{"principal", in.principal}, {"results", results}, {"policies", *texts}};
}

Result<json> ConsoleMatrix(OpContext& ctx, const ConsoleViewer& viewer,
                           const std::vector<std::string>& principals,
                           const std::vector<std::string>& actions,
                           const std::vector<std::string>& resources) {
  if (actions.empty()) return std::unexpected(errors::InvalidInput("Choose an action."));
  std::vector<std::pair<std::string, std::string>> rows;  // arn, type
  if (principals.empty()) {
    ctx.store.Read(ctx.account(), [&](const AccountState& s) {
      for (const auto& [k, u] : s.users) rows.emplace_back(u->Arn(ctx.account()), "user");
      for (const auto& [k, r] : s.roles) rows.emplace_back(r->Arn(ctx.account()), "role");
    });
  } else {
    for (const auto& p : principals) rows.emplace_back(p, KindOf(p));
  }
  json out_rows = json::array();
  for (const auto& [arn, type] : rows) {
    if (!viewer.May("iam:SimulatePrincipalPolicy", arn)) {
      if (!principals.empty()) return std::unexpected(NotAuthorizedToSimulate(viewer.arn(), arn));
      continue;
    }
    auto evals = Evaluations(ctx, {arn, actions, resources, {}});
    if (!evals) return std::unexpected(evals.error());
    json cells = json::array();
    for (const auto& e : *evals)
      cells.push_back({{"action", e.action}, {"resource", e.resource}, {"decision", e.decision}});
    out_rows.push_back({{"principal", arn},
                        {"name", arn.substr(arn.rfind('/') + 1)},
                        {"type", type},
                        {"cells", cells}});
  }
  json res = resources.empty() ? json::array({"*"}) : json(resources);
  return json{{"actions", actions}, {"resources", res}, {"rows", out_rows}};
}

std::optional<SimContextEntry> ParseConsoleContext(const std::string& text) {
  auto eq = text.find('=');
  if (eq == std::string::npos || eq == 0) return std::nullopt;
  SimContextEntry e;
  e.name = text.substr(0, eq);
  std::string rest = text.substr(eq + 1);
  static const char* kTypes[] = {"string", "numeric", "boolean", "ip", "binary", "date"};
  e.type = "string";
  if (auto colon = rest.find(':'); colon != std::string::npos) {
    std::string type = rest.substr(0, colon);
    std::string base = type.ends_with("List") ? type.substr(0, type.size() - 4) : type;
    for (const char* t : kTypes)
      if (base == t) {
        e.type = type;
        rest = rest.substr(colon + 1);
        break;
      }
  }
  if (e.type.ends_with("List")) {
    std::size_t start = 0;
    while (true) {
      auto comma = rest.find(',', start);
      e.values.push_back(rest.substr(start, comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  } else {
    e.values.push_back(rest);
  }
  return e;
}

}  // namespace iamlite::ops
