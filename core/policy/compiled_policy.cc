#include "core/policy/compiled_policy.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>
#include <unordered_map>

#include "core/policy/policy_variables.h"

namespace iamlite::policy {

bool CompiledStatement::MatchesAction(std::string_view folded_action) const {
  const bool listed = std::any_of(actions.begin(), actions.end(),
                                  [&](const ActionPattern& a) { return a.Matches(folded_action); });
  return not_action ? !listed : listed;
}

bool CompiledStatement::MatchesResource(const ArnParts& resource, const ContextKeys& context,
                                        std::vector<std::string_view>* unresolved) const {
  if (!has_resource) return true;
  const bool listed = std::any_of(resources.begin(), resources.end(), [&](const ArnPattern& r) {
    return r.Matches(resource, context, unresolved);
  });
  return not_resource ? !listed : listed;
}

const std::vector<std::uint32_t>* CompiledPolicy::ForService(std::string_view service) const {
  // Most policies name a handful of services: a scan comparing lengths first beats a search.
  if (by_service_.size() <= 8) {
    for (const ServiceStatements& s : by_service_) {
      if (s.service.size() == service.size() && s.service == service) return &s.statements;
    }
    return nullptr;
  }
  auto it = std::lower_bound(by_service_.begin(), by_service_.end(), service,
                             [](const ServiceStatements& s, std::string_view k) {
                               return std::string_view(s.service) < k;
                             });
  if (it == by_service_.end() || it->service != service) return nullptr;
  return &it->statements;
}

void CompiledPolicy::Index() {
  by_service_.clear();
  every_service_.clear();
  for (std::uint32_t i = 0; i < statements.size(); ++i) {
    const CompiledStatement& st = statements[i];
    const bool spans =
        st.not_action || std::any_of(st.actions.begin(), st.actions.end(),
                                     [](const ActionPattern& a) { return a.service().empty(); });
    if (spans) {
      every_service_.push_back(i);
      continue;
    }
    for (const ActionPattern& a : st.actions) {
      auto it = std::lower_bound(by_service_.begin(), by_service_.end(), a.service(),
                                 [](const ServiceStatements& s, std::string_view k) {
                                   return std::string_view(s.service) < k;
                                 });
      if (it == by_service_.end() || it->service != a.service()) {
        it = by_service_.insert(it, ServiceStatements{std::string(a.service()), {}});
      }
      if (it->statements.empty() || it->statements.back() != i) it->statements.push_back(i);
    }
  }
}

CompiledPolicy Compile(const Policy& policy) {
  CompiledPolicy out;
  out.version = policy.version;
  out.id = policy.id;
  out.substitutes_variables = VersionSubstitutesVariables(policy.version);
  const bool vars = out.substitutes_variables;
  out.statements.reserve(policy.statements.size());
  for (const Statement& s : policy.statements) {
    CompiledStatement c;
    c.sid = s.sid;
    c.effect = s.effect;
    c.index = s.index;
    c.span = s.span;
    c.not_action = s.not_action;
    for (const std::string& a : s.actions) c.actions.emplace_back(a);
    c.has_resource = !s.resources.empty();
    c.not_resource = s.not_resource;
    for (const std::string& r : s.resources) c.resources.emplace_back(r, vars);
    if (s.principal) c.principal.emplace(*s.principal);
    c.not_principal = s.not_principal;
    for (const Condition& cond : s.conditions) c.conditions.emplace_back(cond, vars);
    out.statements.push_back(std::move(c));
  }
  out.Index();
  return out;
}

std::shared_ptr<const CompiledPolicy> CompileShared(const Policy& policy) {
  return std::make_shared<const CompiledPolicy>(Compile(policy));
}

namespace {

class CompileCache {
 public:
  std::shared_ptr<const CompiledPolicy> Get(const std::shared_ptr<const Policy>& policy) {
    {
      std::shared_lock lock(mu_);
      auto it = entries_.find(policy.get());
      if (it != entries_.end() && SameObject(it->second.owner, policy)) return it->second.compiled;
    }
    auto compiled = CompileShared(*policy);  // outside the lock: two racing threads both compile
    std::unique_lock lock(mu_);
    if (entries_.size() >= sweep_at_) Sweep();
    entries_.insert_or_assign(policy.get(), Entry{policy, compiled});
    return compiled;
  }
  std::size_t Size() const {
    std::shared_lock lock(mu_);
    return entries_.size();
  }

 private:
  struct Entry {
    std::weak_ptr<const Policy> owner;
    std::shared_ptr<const CompiledPolicy> compiled;
  };
  // The weak pointer keeps the policy's control block (and, with make_shared, its storage)
  // allocated, so no other policy can reuse the address while the entry exists; comparing
  // owners still guards against aliasing shared_ptrs.
  static bool SameObject(const std::weak_ptr<const Policy>& a,
                         const std::shared_ptr<const Policy>& b) {
    return !a.expired() && !a.owner_before(b) && !b.owner_before(a);
  }
  void Sweep() {
    std::erase_if(entries_, [](const auto& e) { return e.second.owner.expired(); });
    sweep_at_ = std::max<std::size_t>(1024, entries_.size() * 2);
  }

  mutable std::shared_mutex mu_;
  std::unordered_map<const Policy*, Entry> entries_;
  std::size_t sweep_at_ = 1024;
};

CompileCache& TheCompileCache() {
  static CompileCache* const cache = new CompileCache();  // leaked: no exit-time order issues
  return *cache;
}

}  // namespace

std::shared_ptr<const CompiledPolicy> CompileCached(const std::shared_ptr<const Policy>& policy) {
  if (!policy) return nullptr;
  return TheCompileCache().Get(policy);
}

std::size_t CompileCacheSize() { return TheCompileCache().Size(); }

}  // namespace iamlite::policy
