// A parsed Policy compiled once into matchers, so that evaluation never re-reads strings it
// could have prepared: folded action patterns indexed by service prefix, ARN patterns split
// into segments, principal sets, condition values read for their operator.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/action_pattern.h"
#include "core/policy/arn_pattern.h"
#include "core/policy/conditions.h"
#include "core/policy/policy.h"
#include "core/policy/principal_matcher.h"

namespace iamlite::policy {

struct CompiledStatement {
  std::string sid;
  Effect effect = Effect::kAllow;
  int index = 0;  // position in the policy's Statement list
  TextSpan span;

  bool not_action = false;
  std::vector<ActionPattern> actions;
  // Trust policies have no Resource: their statements cover the resource they are attached
  // to (the role).
  bool has_resource = false;
  bool not_resource = false;
  std::vector<ArnPattern> resources;
  std::optional<PrincipalMatcher> principal;  // Principal or NotPrincipal, when present
  bool not_principal = false;
  std::vector<CompiledCondition> conditions;

  // Action / NotAction: NotAction matches every action its list does not ("NotAction ...
  // matches everything except the specified list of actions").
  bool MatchesAction(std::string_view folded_action) const;
  // Resource / NotResource (true without either). A pattern with a variable that does not
  // resolve matches nothing, so under NotResource it excludes nothing; the variable's key is
  // appended to `unresolved` when given.
  bool MatchesResource(const ArnParts& resource, const ContextKeys& context,
                       std::vector<std::string_view>* unresolved = nullptr) const;
};

class CompiledPolicy {
 public:
  std::string version;  // as written; empty when absent
  std::string id;
  bool substitutes_variables = false;  // Version 2012-10-17
  std::vector<CompiledStatement> statements;

  // Calls f(const CompiledStatement&) for every statement that can match an action of
  // `service` (folded), in document order: statements naming that service, statements
  // whose action patterns span services ("*", "s3*:Get*"), and NotAction statements.
  template <class F>
  void ForEachCandidate(std::string_view service, F&& f) const;

  // Builds the service index; called by Compile.
  void Index();

 private:
  struct ServiceStatements {
    std::string service;
    std::vector<std::uint32_t> statements;
  };
  const std::vector<std::uint32_t>* ForService(std::string_view service) const;

  std::vector<ServiceStatements> by_service_;  // sorted by service
  std::vector<std::uint32_t> every_service_;
};

// Compiles `policy`. Total: every policy the parser accepts compiles; an unknown condition
// operator (which the parser refuses) compiles to a condition that never holds.
CompiledPolicy Compile(const Policy& policy);
std::shared_ptr<const CompiledPolicy> CompileShared(const Policy& policy);

// The compiled form of the policy object `policy` points at, compiled on the first call for
// that object and shared by later ones (the simulator and the authorizer evaluate the same
// stored policies request after request). Policies are immutable and every write makes a new
// object, so the cache needs no invalidation: an entry is keyed by the object's identity (its
// shared_ptr owner, held weakly), and one whose policy is gone is never returned and is swept
// out as the cache grows. Use it for stored policies, not for ones parsed per request.
// Thread-safe.
std::shared_ptr<const CompiledPolicy> CompileCached(const std::shared_ptr<const Policy>& policy);
// How many entries the cache holds (live or not yet swept); for tests.
std::size_t CompileCacheSize();

template <class F>
void CompiledPolicy::ForEachCandidate(std::string_view service, F&& f) const {
  const std::vector<std::uint32_t>* named = ForService(service);
  std::size_t a = 0, b = 0;
  const std::size_t na = named == nullptr ? 0 : named->size();
  const std::size_t nb = every_service_.size();
  while (a < na || b < nb) {
    std::uint32_t next;
    if (b >= nb || (a < na && (*named)[a] < every_service_[b])) {
      next = (*named)[a++];
    } else {
      next = every_service_[b++];
    }
    f(statements[next]);
  }
}

}  // namespace iamlite::policy
