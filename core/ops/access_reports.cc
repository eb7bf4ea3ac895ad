#include "core/ops/access_reports.h"

#include <algorithm>

#include "core/activity.h"
#include "core/aws_managed_policies.h"
#include "core/model.h"
#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/policy/action_pattern.h"
#include "core/policy/parser.h"
#include "core/policy/wildcard.h"
#include "core/runtime.h"

namespace iamlite::ops {
namespace {

// A policy document and where it comes from.
struct SourcePolicy {
  PolicyGrant grant;
  std::shared_ptr<const policy::Policy> doc;
};

// What an ARN names: the policies that speak for it and the principals whose activity counts.
struct Target {
  std::vector<SourcePolicy> policies;
  std::vector<EntityRef> entities;
};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Unconfirmed wording (the ARN form message AWS gives elsewhere: "ARN X is not valid.").
IamError BadArn(const std::string& arn) {
  return errors::InvalidInput("ARN " + arn + " is not valid.");
}

std::shared_ptr<const policy::Policy> ManagedDocument(const AccountState& s,
                                                      const std::string& arn) {
  auto ref = FindPolicyByArn(s, arn, [](const std::string&) { return std::string(); });
  if (!ref) return nullptr;
  if (ref->customer) {
    for (const auto& v : ref->customer->versions)
      if (v.id == ref->customer->default_version_id) return v.document.Parsed();
    return nullptr;
  }
  auto parsed =
      policy::ParsePolicy(ref->aws->DefaultVersion()->document, policy::PolicyKind::kIdentity);
  return parsed ? *parsed : nullptr;
}

void AddInline(const InlinePolicies& policies, const char* type, const std::string& owner,
               std::vector<SourcePolicy>& out) {
  for (const auto& [name, doc] : policies)
    out.push_back({{name, "INLINE", "", type, owner}, doc.Parsed()});
}

void AddManaged(const AccountState& s, const std::vector<std::string>& arns,
                std::vector<SourcePolicy>& out) {
  for (const auto& arn : arns) {
    auto doc = ManagedDocument(s, arn);
    if (!doc) continue;
    std::string name = arn.substr(arn.rfind('/') + 1);
    out.push_back({{name, "MANAGED", arn, "", ""}, doc});
  }
}

EntityRef RefOf(const User& u, const std::string& account) {
  return {u.Arn(account), u.name, "USER", u.id, u.path};
}
EntityRef RefOf(const Role& r, const std::string& account) {
  return {r.Arn(account), r.name, "ROLE", r.id, r.path};
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

// Resolves `arn` (user, group, role or managed policy) in this account.
Result<Target> Resolve(const AccountState& s, const std::string& account, const std::string& arn,
                       bool allow_policy) {
  constexpr std::string_view kPrefix = "arn:aws:iam::";
  if (!arn.starts_with(kPrefix)) return std::unexpected(BadArn(arn));
  auto colon = arn.find(':', kPrefix.size());
  if (colon == std::string::npos) return std::unexpected(BadArn(arn));
  std::string owner = arn.substr(kPrefix.size(), colon - kPrefix.size());
  std::string resource = arn.substr(colon + 1);
  auto slash = resource.find('/');
  if (slash == std::string::npos) return std::unexpected(BadArn(arn));
  std::string type = resource.substr(0, slash);
  std::string name = resource.substr(resource.rfind('/') + 1);
  Target t;
  if (type == "policy" && allow_policy) {
    auto doc = ManagedDocument(s, arn);
    if (!doc) return std::unexpected(errors::NoSuchEntity("Policy " + arn + " was not found."));
    t.policies.push_back({{name, "MANAGED", arn, "", ""}, doc});
    for (const auto& [k, u] : s.users)
      if (Contains(u->attached_policies, arn)) t.entities.push_back(RefOf(*u, account));
    for (const auto& [k, r] : s.roles)
      if (Contains(r->attached_policies, arn)) t.entities.push_back(RefOf(*r, account));
    for (const auto& [k, g] : s.groups) {
      if (!Contains(g->attached_policies, arn)) continue;
      for (const auto& member : g->members)
        if (auto u = s.users.find(member); u != s.users.end())
          t.entities.push_back(RefOf(*u->second, account));
    }
    return t;
  }
  if (owner != account) return std::unexpected(BadArn(arn));
  if (type == "user") {
    auto u = FindUser(s, name);
    if (!u) return std::unexpected(u.error());
    AddInline((*u)->inline_policies, "USER", (*u)->name, t.policies);
    AddManaged(s, (*u)->attached_policies, t.policies);
    for (const auto& gkey : (*u)->groups) {
      auto g = s.groups.find(gkey);
      if (g == s.groups.end()) continue;
      AddInline(g->second->inline_policies, "GROUP", g->second->name, t.policies);
      AddManaged(s, g->second->attached_policies, t.policies);
    }
    t.entities.push_back(RefOf(**u, account));
  } else if (type == "role") {
    auto r = FindRole(s, name);
    if (!r) return std::unexpected(r.error());
    AddInline((*r)->inline_policies, "ROLE", (*r)->name, t.policies);
    AddManaged(s, (*r)->attached_policies, t.policies);
    t.entities.push_back(RefOf(**r, account));
  } else if (type == "group") {
    auto g = FindGroup(s, name);
    if (!g) return std::unexpected(g.error());
    AddInline((*g)->inline_policies, "GROUP", (*g)->name, t.policies);
    AddManaged(s, (*g)->attached_policies, t.policies);
    for (const auto& member : (*g)->members)
      if (auto u = s.users.find(member); u != s.users.end())
        t.entities.push_back(RefOf(*u->second, account));
  } else {
    return std::unexpected(BadArn(arn));
  }
  return t;
}

// True when `pattern` ("s3:Get*", "*") names the whole of service `ns` ("s3:*", "*").
bool CoversService(std::string_view pattern, std::string_view ns) {
  if (pattern == "*") return true;
  auto colon = pattern.find(':');
  if (colon == std::string_view::npos) return false;
  return pattern.substr(colon + 1) == "*" &&
         policy::WildcardMatchNoCase(pattern.substr(0, colon), ns);
}

// True when `pattern` can match some action of service `ns`.
bool TouchesService(std::string_view pattern, std::string_view ns) {
  if (pattern == "*") return true;
  auto colon = pattern.find(':');
  if (colon == std::string_view::npos) return false;
  return policy::WildcardMatchNoCase(pattern.substr(0, colon), ns);
}

bool GrantsService(const policy::Policy& p, std::string_view ns) {
  for (const auto& st : p.statements) {
    if (st.effect != policy::Effect::kAllow) continue;
    if (st.not_action) {
      if (std::none_of(st.actions.begin(), st.actions.end(),
                       [&](const std::string& a) { return CoversService(a, ns); }))
        return true;
    } else if (std::any_of(st.actions.begin(), st.actions.end(),
                           [&](const std::string& a) { return TouchesService(a, ns); })) {
      return true;
    }
  }
  return false;
}

bool GrantsAction(const policy::Policy& p, const std::string& folded_action) {
  for (const auto& st : p.statements) {
    if (st.effect != policy::Effect::kAllow) continue;
    bool any = std::any_of(st.actions.begin(), st.actions.end(), [&](const std::string& a) {
      return policy::ActionPattern(a).Matches(folded_action);
    });
    if (any != st.not_action) return true;
  }
  return false;
}

bool AnyGrantsService(const Target& t, std::string_view ns) {
  return std::any_of(t.policies.begin(), t.policies.end(),
                     [&](const SourcePolicy& p) { return GrantsService(*p.doc, ns); });
}

// IAM is the one tracked service (action-level reports) that iamlite serves.
std::vector<TrackedAction> TrackedIamActions(const Target& t,
                                             const std::vector<PrincipalActivity>& seen) {
  std::vector<TrackedAction> out;
  for (const Operation* op : IamModel().operations()) {
    std::string folded = Lower("iam:" + op->name);
    bool granted = std::any_of(t.policies.begin(), t.policies.end(),
                               [&](const SourcePolicy& p) { return GrantsAction(*p.doc, folded); });
    if (!granted) continue;
    TrackedAction a{op->name, std::nullopt, "", ""};
    for (size_t i = 0; i < seen.size(); ++i) {
      auto svc = seen[i].find("iam");
      if (svc == seen[i].end()) continue;
      auto act = svc->second.actions.find(op->name);
      if (act == svc->second.actions.end()) continue;
      if (!a.last || act->second.last > *a.last) {
        a.last = act->second.last;
        a.entity = t.entities[i].arn;
        a.region = act->second.region;
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

AccessReportJob BuildReport(const Target& t, const std::vector<PrincipalActivity>& seen,
                            bool action_level) {
  AccessReportJob job;
  for (const ServiceInfo& svc : KnownServices()) {
    if (!AnyGrantsService(t, svc.ns)) continue;
    ServiceReport r;
    r.service = svc;
    for (size_t i = 0; i < t.entities.size(); ++i) {
      EntityLastAccess e{t.entities[i], std::nullopt};
      if (auto it = seen[i].find(svc.ns); it != seen[i].end()) {
        e.last = it->second.last;
        ++r.total_entities;
        if (!r.last || it->second.last > *r.last) {
          r.last = it->second.last;
          r.last_entity = t.entities[i].arn;
          r.last_region = it->second.region;
        }
      }
      r.entities.push_back(std::move(e));
    }
    if (action_level && svc.ns == "iam") r.actions = TrackedIamActions(t, seen);
    job.services.push_back(std::move(r));
  }
  return job;
}

IamError NoSuchJob(const std::string& id) {
  // Unconfirmed wording.
  return errors::NoSuchEntity("No such job " + id + " exists.");
}

}  // namespace

void AccessReportJobs::Put(std::shared_ptr<const AccessReportJob> job) {
  std::lock_guard lock(mu_);
  jobs_[job->id] = std::move(job);
}

std::shared_ptr<const AccessReportJob> AccessReportJobs::Find(const std::string& account,
                                                              const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = jobs_.find(id);
  if (it == jobs_.end() || it->second->account != account) return nullptr;
  return it->second;
}

void AccessReportJobs::PutOrganizations(OrganizationsReportJob job) {
  std::lock_guard lock(mu_);
  org_jobs_[job.id] = std::move(job);
}

std::optional<OrganizationsReportJob> AccessReportJobs::FindOrganizations(
    const std::string& account, const std::string& id) const {
  std::lock_guard lock(mu_);
  auto it = org_jobs_.find(id);
  if (it == org_jobs_.end() || it->second.account != account) return std::nullopt;
  return it->second;
}

void AccessReportJobs::Clear() {
  std::lock_guard lock(mu_);
  jobs_.clear();
  org_jobs_.clear();
}

Result<std::string> GenerateServiceLastAccessedDetails(OpContext& ctx, const std::string& arn,
                                                       const std::string& granularity) {
  Result<Target> target = std::unexpected(errors::ServiceFailure(""));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    target = Resolve(s, ctx.account(), arn, /*allow_policy=*/true);
  });
  if (!target) return std::unexpected(target.error());
  std::vector<PrincipalActivity> seen;
  for (const auto& e : target->entities)
    seen.push_back(ctx.runtime ? ctx.runtime->activity.Of(ctx.account(), e.arn)
                               : PrincipalActivity{});
  std::string level = granularity.empty() ? "SERVICE_LEVEL" : granularity;
  auto job = std::make_shared<AccessReportJob>(BuildReport(*target, seen, level == "ACTION_LEVEL"));
  job->id = ctx.ids.Uuid();
  job->account = ctx.account();
  job->granularity = level;
  job->created = job->completed = ctx.clock.Now();
  if (ctx.runtime) ctx.runtime->reports.Put(job);
  return job->id;
}

Result<ServiceReportPage> GetServiceLastAccessedDetails(OpContext& ctx, const std::string& job_id,
                                                        const PageRequest& page) {
  auto job = ctx.runtime ? ctx.runtime->reports.Find(ctx.account(), job_id) : nullptr;
  if (!job) return std::unexpected(NoSuchJob(job_id));
  auto p = PaginateVector(job->services, "GetServiceLastAccessedDetails/" + job_id, page);
  if (!p) return std::unexpected(p.error());
  return ServiceReportPage{job, std::move(*p)};
}

Result<EntityReportPage> GetServiceLastAccessedDetailsWithEntities(OpContext& ctx,
                                                                   const std::string& job_id,
                                                                   const std::string& service_ns,
                                                                   const PageRequest& page) {
  auto job = ctx.runtime ? ctx.runtime->reports.Find(ctx.account(), job_id) : nullptr;
  if (!job) return std::unexpected(NoSuchJob(job_id));
  std::vector<EntityLastAccess> entities;
  for (const auto& svc : job->services)
    if (svc.service.ns == service_ns) entities = svc.entities;
  auto p = PaginateVector(entities, "GetServiceLastAccessedDetailsWithEntities/" + job_id, page);
  if (!p) return std::unexpected(p.error());
  return EntityReportPage{job, std::move(*p)};
}

Result<std::string> GenerateOrganizationsAccessReport(OpContext& ctx,
                                                      const std::string& entity_path) {
  OrganizationsReportJob job{ctx.ids.Uuid(), ctx.account(), entity_path, ctx.clock.Now()};
  if (ctx.runtime) ctx.runtime->reports.PutOrganizations(job);
  return job.id;
}

Result<OrganizationsReportJob> GetOrganizationsAccessReport(OpContext& ctx,
                                                            const std::string& job_id) {
  auto job =
      ctx.runtime ? ctx.runtime->reports.FindOrganizations(ctx.account(), job_id) : std::nullopt;
  if (!job) return std::unexpected(NoSuchJob(job_id));
  return *job;
}

Result<std::vector<ServicePolicies>> ListPoliciesGrantingServiceAccess(
    OpContext& ctx, const std::string& arn, const std::vector<std::string>& namespaces) {
  Result<Target> target = std::unexpected(errors::ServiceFailure(""));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    target = Resolve(s, ctx.account(), arn, /*allow_policy=*/false);
  });
  if (!target) return std::unexpected(target.error());
  std::vector<ServicePolicies> out;
  for (const auto& ns : namespaces) {
    ServicePolicies entry{ns, {}};
    for (const auto& p : target->policies)
      if (GrantsService(*p.doc, Lower(ns))) entry.policies.push_back(p.grant);
    out.push_back(std::move(entry));
  }
  return out;
}

}  // namespace iamlite::ops
