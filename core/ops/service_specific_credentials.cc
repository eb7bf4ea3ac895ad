#include "core/ops/service_specific_credentials.h"

#include <algorithm>
#include <array>
#include <functional>

#include "core/base64.h"
#include "core/names.h"
#include "core/ops/lookup.h"

namespace iamlite::ops {
namespace {

constexpr std::array<std::string_view, 4> kServices = {
    "bedrock.amazonaws.com", "cassandra.amazonaws.com", "codecommit.amazonaws.com",
    "logs.amazonaws.com"};
constexpr TimeMs kMsPerDay = 86'400'000;

// Recorded from AWS (localstack-snapshots test_iam.snapshot.json, invalid-service-exception).
IamError NoSuchService(const std::string& service) {
  return errors::NoSuchEntity("No such service " + service +
                              " is supported for Service Specific Credentials");
}

// Recorded from AWS (test_user_match_id_mismatch[satisfiesregexbutstillinvalid]).
IamError NoSuchCredential(const std::string& id) {
  return errors::NoSuchEntity("No such credential " + id + " exists");
}

// A 44-character password like AWS's (32 random bytes, base64).
std::string NewPassword(IdGenerator& ids) {
  std::string raw = ids.Secret();
  return raw + ids.Secret().substr(0, 3) + "=";
}

// The API key secret: "ABSK" and the base64 of "<alias>:<random>", the form Bedrock's
// long-term keys take.
std::string NewApiKeySecret(IdGenerator& ids, const std::string& alias) {
  return "ABSK" + Base64Encode(alias + ":" + ids.Secret());
}

// The user whose credentials an operation acts on: the named one, or the calling user.
Result<std::shared_ptr<const User>> TargetUser(const OpContext& ctx, const AccountState& s,
                                               const std::optional<std::string>& user_name,
                                               const std::string& id) {
  if (user_name) return FindUser(s, *user_name);
  if (ctx.caller.type == Caller::Type::kUser && !ctx.caller.user_name.empty())
    return FindUser(s, ctx.caller.user_name);
  return std::unexpected(NoSuchCredential(id));
}

ServiceCredentialView Public(const ServiceSpecificCredential& c, const User& u, TimeMs now) {
  ServiceCredentialView v{c, u.name, StatusOf(c, now)};
  v.credential.service_password.clear();
  v.credential.secret.clear();
  return v;
}

// Finds credential `id` of the target user and hands it to `edit`, which may change it
// (returns true) or remove it (sets *erase).
Result<ServiceCredentialView> EditCredential(
    OpContext& ctx, const std::optional<std::string>& user_name, const std::string& id,
    const std::function<Result<void>(ServiceSpecificCredential&, bool& erase)>& edit) {
  ServiceCredentialView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = TargetUser(ctx, s, user_name, id);
    if (!found) return std::unexpected(found.error());
    User user = **found;
    auto it = std::find_if(user.service_credentials.begin(), user.service_credentials.end(),
                           [&](const ServiceSpecificCredential& c) { return c.id == id; });
    if (it == user.service_credentials.end()) return std::unexpected(NoSuchCredential(id));
    bool erase = false;
    if (auto ok = edit(*it, erase); !ok) return std::unexpected(ok.error());
    out = {*it, user.name, StatusOf(*it, ctx.clock.Now())};
    if (erase) user.service_credentials.erase(it);
    return Change().Upsert(FoldName(user.name), user);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

}  // namespace

bool IsServiceCredentialService(const std::string& service_name) {
  return std::find(kServices.begin(), kServices.end(), service_name) != kServices.end();
}

bool IsApiKeyService(const std::string& service_name) {
  return service_name == "bedrock.amazonaws.com" || service_name == "logs.amazonaws.com";
}

std::string StatusOf(const ServiceSpecificCredential& c, TimeMs now) {
  if (c.expiration && *c.expiration <= now) return "Expired";
  return c.active ? "Active" : "Inactive";
}

Result<ServiceCredentialView> CreateServiceSpecificCredential(
    OpContext& ctx, const CreateServiceCredentialInput& in) {
  ServiceCredentialView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    // AWS names a missing user before an unsupported service (recorded:
    // invalid-user-and-service-exception).
    auto found = FindUser(s, in.user_name);
    if (!found) return std::unexpected(found.error());
    if (!IsServiceCredentialService(in.service_name))
      return std::unexpected(NoSuchService(in.service_name));
    User user = **found;
    auto same = std::count_if(
        user.service_credentials.begin(), user.service_credentials.end(),
        [&](const ServiceSpecificCredential& c) { return c.service_name == in.service_name; });
    // Quota name as the IAM quotas page gives it; the message follows AWS's other quota
    // messages ("Cannot exceed quota for AccessKeysPerUser: 2"). Unconfirmed wording.
    if (static_cast<size_t>(same) >= kMaxServiceCredentialsPerService)
      return std::unexpected(errors::LimitExceeded(
          "Cannot exceed quota for ServiceSpecificCredentialsPerUserPerService: " +
          std::to_string(kMaxServiceCredentialsPerService)));
    ServiceSpecificCredential c;
    c.id = ctx.ids.UniqueId("ACCA");
    c.service_name = in.service_name;
    c.create_date = ctx.clock.Now();
    // AWS: "<user>-at-<account>", e.g. jane-at-123456789012 (ServiceSpecificCredential docs).
    std::string at_account = user.name + "-at-" + ctx.account();
    if (IsApiKeyService(in.service_name)) {
      // The alias holds the user name and a suffix with version and creation information
      // (API Reference, ServiceCredentialAlias); its exact form is unrecorded.
      c.alias = "BedrockAPIKey-" + ctx.ids.UniqueId("", 4) + "-at-" + ctx.account();
      if (in.service_name == "logs.amazonaws.com")
        c.alias = "LogsAPIKey-" + ctx.ids.UniqueId("", 4) + "-at-" + ctx.account();
      c.secret = NewApiKeySecret(ctx.ids, c.alias);
      if (in.credential_age_days)
        c.expiration = c.create_date + static_cast<TimeMs>(*in.credential_age_days) * kMsPerDay;
    } else {
      c.service_user_name = at_account;
      c.service_password = NewPassword(ctx.ids);
    }
    user.service_credentials.push_back(c);
    out = {c, user.name, StatusOf(c, c.create_date)};
    return Change().Upsert(FoldName(user.name), user);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<Page<ServiceCredentialView>> ListServiceSpecificCredentials(
    OpContext& ctx, const ListServiceCredentialsInput& in) {
  if (in.service_name && !IsServiceCredentialService(*in.service_name))
    return std::unexpected(NoSuchService(*in.service_name));
  Result<Page<ServiceCredentialView>> out;
  std::vector<ServiceCredentialView> all;
  TimeMs now = ctx.clock.Now();
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto add = [&](const User& u) {
      for (const auto& c : u.service_credentials) {
        if (in.service_name && c.service_name != *in.service_name) continue;
        all.push_back(Public(c, u, now));
      }
    };
    if (in.all_users && !in.user_name) {
      for (const auto& [key, u] : s.users) add(*u);
    } else if (in.user_name) {
      auto found = FindUser(s, *in.user_name);
      if (!found) {
        out = std::unexpected(found.error());
        return;
      }
      add(**found);
    } else if (ctx.caller.type == Caller::Type::kUser) {
      if (auto found = FindUser(s, ctx.caller.user_name)) add(**found);
    }
  });
  if (!out) return out;
  std::string listing = "ListServiceSpecificCredentials/" + in.user_name.value_or("") + "/" +
                        in.service_name.value_or("") + (in.all_users ? "/all" : "");
  return PaginateVector(all, listing, in.page);
}

Result<ServiceCredentialView> ResetServiceSpecificCredential(
    OpContext& ctx, const std::optional<std::string>& user_name, const std::string& id) {
  return EditCredential(ctx, user_name, id, [&](ServiceSpecificCredential& c, bool&) {
    if (IsApiKeyService(c.service_name))
      c.secret = NewApiKeySecret(ctx.ids, c.alias);
    else
      c.service_password = NewPassword(ctx.ids);
    return Ok();
  });
}

Result<void> UpdateServiceSpecificCredential(OpContext& ctx,
                                             const std::optional<std::string>& user_name,
                                             const std::string& id, const std::string& status) {
  auto done = EditCredential(ctx, user_name, id, [&](ServiceSpecificCredential& c, bool&) {
    // "Expired is only used for read operations and cannot be set manually" (API docs).
    if (status == "Expired")
      return Result<void>(std::unexpected(
          errors::InvalidInput("Status Expired cannot be set; use Active or Inactive.")));
    c.active = status == "Active";
    return Ok();
  });
  if (!done) return std::unexpected(done.error());
  return Ok();
}

Result<void> DeleteServiceSpecificCredential(OpContext& ctx,
                                             const std::optional<std::string>& user_name,
                                             const std::string& id) {
  auto done = EditCredential(ctx, user_name, id, [](ServiceSpecificCredential&, bool& erase) {
    erase = true;
    return Ok();
  });
  if (!done) return std::unexpected(done.error());
  return Ok();
}

}  // namespace iamlite::ops
