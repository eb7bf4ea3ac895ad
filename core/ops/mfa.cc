#include "core/ops/mfa.h"

#include <algorithm>
#include <cctype>

#include "core/base64.h"
#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/ops/target_user.h"
#include "core/ops/user_credentials.h"
#include "core/qr.h"
#include "core/tags.h"
#include "core/totp.h"

namespace iamlite::ops {
namespace {

IamError NoSuchDevice(const std::string& serial_number) {
  return errors::NoSuchEntity("MFA Device with serial number " + serial_number +
                              " does not exist.");
}

// Not recorded from AWS; the wording reported by users of the AWS CLI for a wrong code.
IamError BadCodes() {
  return cred_errors::InvalidAuthenticationCode("Authentication code for device is not valid.");
}

// A fresh 20-byte seed. IdGenerator::Secret gives 40 characters of the base64 alphabet, that is
// 30 random bytes (cryptographically random in production, reproducible in tests).
std::string NewSeed(IdGenerator& ids) {
  auto bytes = Base64Decode(ids.Secret());
  std::string seed = bytes ? *bytes : std::string();
  while (seed.size() < kMfaSeedBytes) {
    auto more = Base64Decode(ids.Secret());
    if (more) seed += *more;
  }
  return seed.substr(0, kMfaSeedBytes);
}

// The device named by `serial_number` and assigned to `user`, else NoSuchEntity.
Result<std::shared_ptr<const MfaDevice>> FindAssigned(const AccountState& s,
                                                      const std::string& serial_number,
                                                      const User& user) {
  auto device = FindMfaDevice(s, serial_number);
  if (!device) return device;
  if ((*device)->user_id != user.id) return std::unexpected(NoSuchDevice(serial_number));
  return device;
}

// Characters of a device or account name that an otpauth URI label carries as %XX.
std::string LabelEscape(const std::string& text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '=' || c == ',' ||
        c == '@') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const MfaDevice>> FindMfaDevice(const AccountState& s,
                                                       const std::string& serial_number) {
  auto slash = serial_number.rfind('/');
  if (slash != std::string::npos) {
    auto it = s.mfa_devices.find(FoldName(serial_number.substr(slash + 1)));
    if (it != s.mfa_devices.end() && it->second->SerialNumber(s.account_id) == serial_number)
      return it->second;
  }
  return std::unexpected(NoSuchDevice(serial_number));
}

bool MfaCodeIsValid(const AccountState& s, const std::string& serial_number,
                    const std::string& user_id, const std::string& code, TimeMs now) {
  auto device = FindMfaDevice(s, serial_number);
  if (!device || user_id.empty() || (*device)->user_id != user_id) return false;
  const std::int64_t step = totp::StepAt(now) + (*device)->drift_steps;
  for (std::int64_t d = -kEnableWindowSteps; d <= kEnableWindowSteps; ++d)
    if (step + d >= 0 &&
        totp::HotpCode((*device)->seed, static_cast<std::uint64_t>(step + d)) == code)
      return true;
  return false;
}

std::string OtpAuthUri(const std::string& device_name, const std::string& account_label,
                       const std::string& base32_seed) {
  return "otpauth://totp/" + LabelEscape(device_name) + "@" + LabelEscape(account_label) +
         "?secret=" + base32_seed;
}

Result<CreatedMfaDevice> CreateVirtualMfaDevice(OpContext& ctx,
                                                const CreateVirtualMfaDeviceInput& in) {
  if (auto ok = CheckNewTags(in.tags, kDuplicateTagsCaseInsensitive); !ok)
    return std::unexpected(ok.error());
  MfaDevice device;
  device.name = in.name;
  device.path = in.path;
  device.seed = NewSeed(ctx.ids);
  device.tags = in.tags;
  std::string label = ctx.account();
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.mfa_devices.contains(FoldName(in.name)))
      return std::unexpected(errors::EntityAlreadyExists("MFA device already exists."));
    if (!s.settings->aliases.empty()) label = s.settings->aliases.front();
    device.create_date = ctx.clock.Now();
    return Change().Upsert(FoldName(device.name), device);
  });
  if (!done) return std::unexpected(done.error());
  CreatedMfaDevice out;
  out.serial_number = device.SerialNumber(ctx.account());
  out.base32_seed = totp::Base32Encode(device.seed);
  auto png = qr::EncodePng(OtpAuthUri(device.name, label, out.base32_seed));
  if (!png) return std::unexpected(errors::ServiceFailure("Could not draw the QR code."));
  out.qr_code_png = std::move(*png);
  out.tags = device.tags;
  return out;
}

Result<void> EnableMfaDevice(OpContext& ctx, const MfaCodesInput& in) {
  const TimeMs now = ctx.clock.Now();
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, in.user_name);
    if (!user) return std::unexpected(user.error());
    auto found = FindMfaDevice(s, in.serial_number);
    if (!found) return std::unexpected(found.error());
    if (!(*found)->user_id.empty())
      return std::unexpected(errors::EntityAlreadyExists("MFA Device is already in use."));
    size_t held = static_cast<size_t>(
        std::count_if(s.mfa_devices.begin(), s.mfa_devices.end(),
                      [&](const auto& entry) { return entry.second->user_id == (*user)->id; }));
    if (held >= kMaxMfaDevicesPerUser)
      return std::unexpected(errors::LimitExceeded(  // unconfirmed wording
          "Cannot exceed quota for MFADevicesPerUser: " + std::to_string(kMaxMfaDevicesPerUser)));
    auto drift = totp::FindConsecutive((*found)->seed, totp::StepAt(now), in.code1, in.code2,
                                       kEnableWindowSteps);
    if (!drift) return std::unexpected(BadCodes());
    MfaDevice device = **found;
    device.user_id = (*user)->id;
    device.enable_date = now;
    device.drift_steps = 0;
    return Change().Upsert(FoldName(device.name), device);
  });
}

Result<void> ResyncMfaDevice(OpContext& ctx, const MfaCodesInput& in) {
  const TimeMs now = ctx.clock.Now();
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto user = FindUser(s, in.user_name);
    if (!user) return std::unexpected(user.error());
    auto found = FindAssigned(s, in.serial_number, **user);
    if (!found) return std::unexpected(found.error());
    auto drift = totp::FindConsecutive((*found)->seed, totp::StepAt(now), in.code1, in.code2,
                                       kResyncWindowSteps);
    if (!drift) return std::unexpected(BadCodes());
    MfaDevice device = **found;
    // code2 is the device's current code: its step is where the device's clock stands now.
    device.drift_steps = *drift + 1;
    return Change().Upsert(FoldName(device.name), device);
  });
}

Result<void> DeactivateMfaDevice(OpContext& ctx, const std::optional<std::string>& user_name,
                                 const std::string& serial_number) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    std::shared_ptr<const MfaDevice> device;
    if (user_name) {
      auto user = FindUser(s, *user_name);
      if (!user) return std::unexpected(user.error());
      auto found = FindAssigned(s, serial_number, **user);
      if (!found) return std::unexpected(found.error());
      device = *found;
    } else {
      auto found = FindMfaDevice(s, serial_number);
      if (!found) return std::unexpected(found.error());
      if ((*found)->user_id.empty()) return std::unexpected(NoSuchDevice(serial_number));
      device = *found;
    }
    return Change().Remove<MfaDevice>(FoldName(device->name));
  });
}

Result<void> DeleteVirtualMfaDevice(OpContext& ctx, const std::string& serial_number) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindMfaDevice(s, serial_number);
    if (!found) return std::unexpected(found.error());
    if (!(*found)->user_id.empty())  // unconfirmed wording
      return std::unexpected(
          errors::DeleteConflict("Cannot delete entity, must deactivate MFA device first."));
    return Change().Remove<MfaDevice>(FoldName((*found)->name));
  });
}

Result<Page<MfaDeviceView>> ListMfaDevices(OpContext& ctx,
                                           const std::optional<std::string>& user_name,
                                           const PageRequest& page) {
  // The root user's own devices are not modelled: root lists none.
  if (!user_name && ctx.caller.type == Caller::Type::kRoot)
    return PaginateVector(std::vector<MfaDeviceView>{}, "ListMFADevices", page);
  auto name = TargetUserName(ctx.caller, user_name);
  if (!name) return std::unexpected(name.error());
  Result<Page<MfaDeviceView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto user = FindUser(s, *name);
    if (!user) {
      out = std::unexpected(user.error());
      return;
    }
    std::vector<MfaDeviceView> views;
    for (const auto& [key, device] : s.mfa_devices)
      if (device->user_id == (*user)->id)
        views.push_back(
            {(*user)->name, device->SerialNumber(s.account_id), device->enable_date.value_or(0)});
    out = PaginateVector(views, "ListMFADevices/" + FoldName((*user)->name), page);
  });
  return out;
}

Result<MfaDeviceView> GetMfaDevice(OpContext& ctx, const std::string& serial_number,
                                   const std::optional<std::string>& user_name) {
  Result<MfaDeviceView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    std::shared_ptr<const User> user;
    if (user_name) {
      auto found = FindUser(s, *user_name);
      if (!found) {
        out = std::unexpected(found.error());
        return;
      }
      user = *found;
    }
    auto device = FindMfaDevice(s, serial_number);
    if (!device) {
      out = std::unexpected(device.error());
      return;
    }
    if (!user && !(*device)->user_id.empty()) user = FindUserById(s, (*device)->user_id);
    if (!user || (*device)->user_id != user->id) {
      out = std::unexpected(NoSuchDevice(serial_number));
      return;
    }
    out = MfaDeviceView{user->name, serial_number, (*device)->enable_date.value_or(0)};
  });
  return out;
}

Result<Page<VirtualMfaView>> ListVirtualMfaDevices(OpContext& ctx, const std::string& status,
                                                   const PageRequest& page) {
  Result<Page<VirtualMfaView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto devices = Paginate(s.mfa_devices, "ListVirtualMFADevices", page, [&](const MfaDevice& d) {
      if (status == "Assigned") return !d.user_id.empty();
      if (status == "Unassigned") return d.user_id.empty();
      return true;
    });
    if (!devices) {
      out = std::unexpected(devices.error());
      return;
    }
    Page<VirtualMfaView> views{{}, devices->truncated, devices->next_marker};
    for (const auto& d : devices->items) {
      VirtualMfaView v{d->SerialNumber(s.account_id), d->enable_date, nullptr, d->tags};
      if (!d->user_id.empty()) v.user = FindUserById(s, d->user_id);
      views.items.push_back(std::move(v));
    }
    out = std::move(views);
  });
  return out;
}

Result<void> TagMfaDevice(OpContext& ctx, const std::string& serial_number, const Tags& tags) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindMfaDevice(s, serial_number);
    if (!found) return std::unexpected(found.error());
    auto merged = MergeTags((*found)->tags, tags, kDuplicateTagsCaseInsensitive);
    if (!merged) return std::unexpected(merged.error());
    MfaDevice device = **found;
    device.tags = std::move(*merged);
    return Change().Upsert(FoldName(device.name), device);
  });
}

Result<void> UntagMfaDevice(OpContext& ctx, const std::string& serial_number,
                            const std::vector<std::string>& keys) {
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto found = FindMfaDevice(s, serial_number);
    if (!found) return std::unexpected(found.error());
    MfaDevice device = **found;
    device.tags = RemoveTags(device.tags, keys);
    return Change().Upsert(FoldName(device.name), device);
  });
}

Result<Page<Tag>> ListMfaDeviceTags(OpContext& ctx, const std::string& serial_number,
                                    const PageRequest& page) {
  Result<Page<Tag>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto found = FindMfaDevice(s, serial_number);
    if (!found)
      out = std::unexpected(found.error());
    else
      out = PaginateVector((*found)->tags, "ListMFADeviceTags/" + FoldName((*found)->name), page);
  });
  return out;
}

}  // namespace iamlite::ops
