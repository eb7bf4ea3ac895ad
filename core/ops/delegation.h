// Temporary delegation requests: a partner account creates a request for permissions
// (CreateDelegationRequest); an identity of the owner account associates it with itself
// (AssociateDelegationRequest), accepts or rejects it, and the token is then sent to the
// partner (SendDelegationToken). States follow the model's stateType:
//   UNASSIGNED -> ASSIGNED (Associate) -> ACCEPTED (Accept) -> FINALIZED (SendDelegationToken)
//                                      -> REJECTED (Reject)
// Requests span accounts, so they are held by the server (core/runtime.h), in memory.
#pragma once

#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

struct PolicyParameter {
  std::string name;
  std::vector<std::string> values;
  std::string type;  // "string" or "stringList"
};

struct DelegationRequest {
  std::string id;
  std::string requestor_account;  // RequestorId: the account that created it
  std::string owner_account;      // OwnerAccountId; empty: any account may associate it
  std::string description;
  std::string policy_template_arn;
  std::vector<PolicyParameter> parameters;
  std::string request_message;
  std::string requestor_workflow_id;
  std::string redirect_url;
  std::string notification_channel;
  int session_duration = 3600;
  bool only_send_by_owner = false;
  std::string owner_id;     // the associated identity's ARN
  std::string approver_id;  // who accepted or rejected
  std::string state = "UNASSIGNED";
  std::string notes;
  std::string rejection_reason;
  TimeMs created = 0, updated = 0, expiration = 0;
};

class DelegationRequests {
 public:
  mutable std::mutex mu;
  std::map<std::string, DelegationRequest> by_id;
};

// `request` holds the client's fields; id, requestor, state and times are set here.
Result<DelegationRequest> CreateDelegationRequest(OpContext& ctx, DelegationRequest request);
std::string ConsoleDeepLink(const DelegationRequest& r);

// Visible to the requestor account and the owner account (or, unassigned and untargeted, to
// any account).
Result<DelegationRequest> GetDelegationRequest(OpContext& ctx, const std::string& id);
// Requests associated with `owner_id` (default: the caller) or created by the caller's account.
Result<Page<DelegationRequest>> ListDelegationRequests(OpContext& ctx,
                                                       const std::optional<std::string>& owner_id,
                                                       const PageRequest& page);
Result<void> AssociateDelegationRequest(OpContext& ctx, const std::string& id);
Result<void> AcceptDelegationRequest(OpContext& ctx, const std::string& id);
Result<void> RejectDelegationRequest(OpContext& ctx, const std::string& id,
                                     const std::optional<std::string>& notes);
Result<void> UpdateDelegationRequest(OpContext& ctx, const std::string& id,
                                     const std::optional<std::string>& notes);
Result<void> SendDelegationToken(OpContext& ctx, const std::string& id);

struct HumanReadableSummary {
  std::string content;
  std::string locale;
  std::string state;  // "AVAILABLE"
};
// GetHumanReadableSummary: AWS summarizes a delegation request (the only entity type it
// supports) with a language model; iamlite writes a fixed English summary of the same facts.
// `entity_arn`: "arn:aws:iam::ACCOUNT:delegation-request/ID"; another ARN: InvalidInput.
Result<HumanReadableSummary> GetHumanReadableSummary(OpContext& ctx, const std::string& entity_arn,
                                                     const std::optional<std::string>& locale);

}  // namespace iamlite::ops
