// The action table: operation name -> handler. A handler is only the operation's semantics:
// it reads the decoded input tree, calls core, and returns the output tree; the model-driven
// codec does the protocol work on both sides.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>

#include "core/error.h"
#include "core/ops/context.h"

namespace iamlite {

using Json = nlohmann::json;
using ActionFn = std::function<Result<Json>(OpContext&, const Json& input)>;

class ActionTable {
 public:
  void Add(std::string name, ActionFn fn) { fns_[std::move(name)] = std::move(fn); }
  const ActionFn* Find(const std::string& name) const {
    auto it = fns_.find(name);
    return it == fns_.end() ? nullptr : &it->second;
  }
  size_t size() const { return fns_.size(); }

 private:
  std::unordered_map<std::string, ActionFn> fns_;
};

// One registration function per area (server/actions/<area>.cc).
void RegisterUserActions(ActionTable& table);              // users.cc
void RegisterGroupActions(ActionTable& table);             // groups.cc
void RegisterRoleActions(ActionTable& table);              // roles.cc: roles, instance profiles
void RegisterPolicyActions(ActionTable& table);            // policies.cc: managed, inline, attach
void RegisterCredentialActions(ActionTable& table);        // credentials.cc: keys, passwords
void RegisterAccountActions(ActionTable& table);           // account.cc: summary, details, aliases
void RegisterStsActions(ActionTable& table);               // sts.cc
void RegisterSimulatorActions(ActionTable& table);         // simulator.cc: policy simulator
void RegisterIdentityProviderActions(ActionTable& table);  // identity_providers.cc: OIDC, SAML

// service_credentials.cc: service-specific credentials
void RegisterServiceCredentialActions(ActionTable& table);
// access_reports.cc: access advisor reports
void RegisterAccessReportActions(ActionTable& table);
// account_features.cc: STS preferences, outbound federation, organizations, delegation
void RegisterAccountFeatureActions(ActionTable& table);
// mfa.cc (virtual MFA devices), ssh_keys.cc (SSH public keys), certificates.cc (signing and
// server certificates).
void RegisterMfaActions(ActionTable& table);
void RegisterSshKeyActions(ActionTable& table);
void RegisterCertificateActions(ActionTable& table);
// service_linked_roles.cc: Create/DeleteServiceLinkedRole, GetServiceLinkedRoleDeletionStatus
void RegisterServiceLinkedRoleActions(ActionTable& table);

}  // namespace iamlite
