#include "core/ops/delegation.h"

#include <functional>

#include "core/runtime.h"

namespace iamlite::ops {
namespace {

// How long a request waits for an answer. The IAM User Guide's partner guide does not give
// the figure; one day is an assumption.
constexpr TimeMs kRequestLifetimeMs = 24LL * 3600 * 1000;

// Unconfirmed wording (AWS's IAM style: "The user with name X cannot be found.").
IamError NoSuchRequest(const std::string& id) {
  return errors::NoSuchEntity("The delegation request with id " + id + " cannot be found.");
}

IamError WrongState(const DelegationRequest& r, const char* action) {
  return errors::InvalidInput("Cannot " + std::string(action) + " delegation request " + r.id +
                              " in state " + r.state + ".");
}

bool Pending(const std::string& state) {
  return state == "UNASSIGNED" || state == "ASSIGNED" || state == "PENDING_APPROVAL";
}

// The request as the caller may see it (expired ones say so), or NoSuchEntity.
bool Visible(const OpContext& ctx, const DelegationRequest& r) {
  const std::string& me = ctx.account();
  return r.requestor_account == me || r.owner_account == me ||
         (r.owner_account.empty() && r.owner_id.empty());
}

void Expire(DelegationRequest& r, TimeMs now) {
  if (Pending(r.state) && now >= r.expiration) r.state = "EXPIRED";
}

// Runs `edit` on request `id` under the registry's lock.
Result<void> Edit(OpContext& ctx, const std::string& id,
                  const std::function<Result<void>(DelegationRequest&)>& edit) {
  if (!ctx.runtime) return std::unexpected(NoSuchRequest(id));
  auto& reg = ctx.runtime->delegations;
  std::lock_guard lock(reg.mu);
  auto it = reg.by_id.find(id);
  if (it == reg.by_id.end() || !Visible(ctx, it->second)) return std::unexpected(NoSuchRequest(id));
  DelegationRequest copy = it->second;
  Expire(copy, ctx.clock.Now());
  if (auto ok = edit(copy); !ok) return ok;
  copy.updated = ctx.clock.Now();
  it->second = std::move(copy);
  return Ok();
}

// The owner account's side acts on requests meant for it.
Result<void> CheckOwnerSide(const OpContext& ctx, const DelegationRequest& r) {
  if (!r.owner_account.empty() && r.owner_account != ctx.account())
    return std::unexpected(NoSuchRequest(r.id));
  return Ok();
}

}  // namespace

std::string ConsoleDeepLink(const DelegationRequest& r) {
  return "https://console.aws.amazon.com/iam/home#/delegation/requests/" + r.id;
}

Result<DelegationRequest> CreateDelegationRequest(OpContext& ctx, DelegationRequest request) {
  if (!ctx.runtime) return std::unexpected(errors::ServiceFailure("No runtime."));
  request.id = ctx.ids.UniqueId("DR", 20);
  request.requestor_account = ctx.account();
  request.state = "UNASSIGNED";
  request.created = request.updated = ctx.clock.Now();
  request.expiration = request.created + kRequestLifetimeMs;
  auto& reg = ctx.runtime->delegations;
  std::lock_guard lock(reg.mu);
  for (const auto& [id, r] : reg.by_id)
    if (r.requestor_account == request.requestor_account &&
        r.requestor_workflow_id == request.requestor_workflow_id && Pending(r.state))
      // Unconfirmed wording; the model lists EntityAlreadyExists for this operation.
      return std::unexpected(errors::EntityAlreadyExists("A delegation request with workflow id " +
                                                         request.requestor_workflow_id +
                                                         " already exists."));
  reg.by_id[request.id] = request;
  return request;
}

Result<DelegationRequest> GetDelegationRequest(OpContext& ctx, const std::string& id) {
  if (!ctx.runtime) return std::unexpected(NoSuchRequest(id));
  auto& reg = ctx.runtime->delegations;
  std::lock_guard lock(reg.mu);
  auto it = reg.by_id.find(id);
  if (it == reg.by_id.end() || !Visible(ctx, it->second)) return std::unexpected(NoSuchRequest(id));
  DelegationRequest r = it->second;
  Expire(r, ctx.clock.Now());
  return r;
}

Result<Page<DelegationRequest>> ListDelegationRequests(OpContext& ctx,
                                                       const std::optional<std::string>& owner_id,
                                                       const PageRequest& page) {
  std::vector<DelegationRequest> out;
  if (ctx.runtime) {
    auto& reg = ctx.runtime->delegations;
    std::lock_guard lock(reg.mu);
    for (const auto& [id, r] : reg.by_id) {
      bool mine = owner_id
                      ? r.owner_id == *owner_id
                      : (r.owner_id == ctx.caller.arn || r.requestor_account == ctx.account() ||
                         r.owner_account == ctx.account());
      if (!mine) continue;
      out.push_back(r);
      Expire(out.back(), ctx.clock.Now());
    }
  }
  return PaginateVector(out, "ListDelegationRequests", page);
}

Result<void> AssociateDelegationRequest(OpContext& ctx, const std::string& id) {
  return Edit(ctx, id, [&](DelegationRequest& r) -> Result<void> {
    if (auto ok = CheckOwnerSide(ctx, r); !ok) return ok;
    if (r.state != "UNASSIGNED") return std::unexpected(WrongState(r, "associate"));
    r.owner_account = ctx.account();
    r.owner_id = ctx.caller.arn;
    r.state = "ASSIGNED";
    return Ok();
  });
}

Result<void> AcceptDelegationRequest(OpContext& ctx, const std::string& id) {
  return Edit(ctx, id, [&](DelegationRequest& r) -> Result<void> {
    if (auto ok = CheckOwnerSide(ctx, r); !ok) return ok;
    if (r.state != "ASSIGNED" && r.state != "PENDING_APPROVAL")
      return std::unexpected(WrongState(r, "accept"));
    r.approver_id = ctx.caller.arn;
    r.state = "ACCEPTED";
    return Ok();
  });
}

Result<void> RejectDelegationRequest(OpContext& ctx, const std::string& id,
                                     const std::optional<std::string>& notes) {
  return Edit(ctx, id, [&](DelegationRequest& r) -> Result<void> {
    if (auto ok = CheckOwnerSide(ctx, r); !ok) return ok;
    if (!Pending(r.state)) return std::unexpected(WrongState(r, "reject"));
    r.approver_id = ctx.caller.arn;
    r.rejection_reason = notes.value_or("");
    r.state = "REJECTED";
    return Ok();
  });
}

Result<void> UpdateDelegationRequest(OpContext& ctx, const std::string& id,
                                     const std::optional<std::string>& notes) {
  return Edit(ctx, id, [&](DelegationRequest& r) -> Result<void> {
    if (auto ok = CheckOwnerSide(ctx, r); !ok) return ok;
    if (!Pending(r.state)) return std::unexpected(WrongState(r, "update"));
    if (notes) r.notes = *notes;
    if (r.state == "ASSIGNED") r.state = "PENDING_APPROVAL";
    return Ok();
  });
}

Result<void> SendDelegationToken(OpContext& ctx, const std::string& id) {
  return Edit(ctx, id, [&](DelegationRequest& r) -> Result<void> {
    if (auto ok = CheckOwnerSide(ctx, r); !ok) return ok;
    if (r.state != "ACCEPTED") return std::unexpected(WrongState(r, "send the token of"));
    if (r.only_send_by_owner && ctx.caller.arn != r.owner_id)
      return std::unexpected(errors::InvalidInput("Only the owner of delegation request " + r.id +
                                                  " can send its token."));
    r.state = "FINALIZED";
    return Ok();
  });
}

Result<HumanReadableSummary> GetHumanReadableSummary(OpContext& ctx, const std::string& entity_arn,
                                                     const std::optional<std::string>& locale) {
  auto slash = entity_arn.rfind('/');
  if (!entity_arn.starts_with("arn:aws:iam::") || slash == std::string::npos ||
      entity_arn.find(":delegation-request/") == std::string::npos)
    // Unconfirmed wording.
    return std::unexpected(errors::InvalidInput("Entity " + entity_arn +
                                                " is not supported; only delegation-request is."));
  auto r = GetDelegationRequest(ctx, entity_arn.substr(slash + 1));
  if (!r) return std::unexpected(r.error());
  std::string text = "Account " + r->requestor_account + " requests temporary access";
  if (!r->owner_account.empty()) text += " to account " + r->owner_account;
  text += " for " + std::to_string(r->session_duration) + " seconds";
  if (!r->policy_template_arn.empty())
    text += ", with the permissions of policy template " + r->policy_template_arn;
  text += ". Description: " + r->description;
  if (!r->request_message.empty()) text += " Message: " + r->request_message;
  text += " State: " + r->state + ".";
  return HumanReadableSummary{text, locale.value_or("en"), "AVAILABLE"};
}

}  // namespace iamlite::ops
