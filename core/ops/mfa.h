// Virtual MFA devices: CreateVirtualMFADevice, EnableMFADevice, ResyncMFADevice,
// DeactivateMFADevice, DeleteVirtualMFADevice, ListMFADevices, ListVirtualMFADevices,
// GetMFADevice and MFA device tags.
//
// A device lives in AccountState::mfa_devices (by folded name) and names its user by unique id
// (MfaDevice::user_id). Codes are checked as RFC 6238 TOTP over the device's seed (core/totp.h).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/entities.h"
#include "core/error.h"
#include "core/ops/context.h"
#include "core/pagination.h"

namespace iamlite::ops {

inline constexpr size_t kMfaSeedBytes = 20;
inline constexpr size_t kMaxMfaDevicesPerUser = 8;
// Steps of clock skew EnableMFADevice accepts either side of now; ResyncMFADevice searches wider.
inline constexpr int kEnableWindowSteps = 1;
inline constexpr int kResyncWindowSteps = 20;

struct CreateVirtualMfaDeviceInput {
  std::string name;
  std::string path = "/";
  Tags tags;
};
struct CreatedMfaDevice {
  std::string serial_number;
  std::string base32_seed;
  std::string qr_code_png;  // PNG bytes
  Tags tags;
};
// EntityAlreadyExists "MFA device already exists." (recorded) for a taken name.
Result<CreatedMfaDevice> CreateVirtualMfaDevice(OpContext& ctx,
                                                const CreateVirtualMfaDeviceInput& in);

// The otpauth:// URI the device's QR code holds: otpauth://totp/NAME@ACCOUNT?secret=SEED, where
// ACCOUNT is the account alias when one is set, else the account id.
std::string OtpAuthUri(const std::string& device_name, const std::string& account_label,
                       const std::string& base32_seed);

struct MfaCodesInput {
  std::string user_name;
  std::string serial_number;
  std::string code1;
  std::string code2;
};
// Assigns the device to the user once code1 and code2 are two consecutive codes of its seed
// (within one step of now). InvalidAuthenticationCode otherwise; EntityAlreadyExists "MFA Device
// is already in use." (recorded) when it is assigned already.
Result<void> EnableMfaDevice(OpContext& ctx, const MfaCodesInput& in);
// Learns the device's clock drift from two consecutive codes (searched within 20 steps).
Result<void> ResyncMfaDevice(OpContext& ctx, const MfaCodesInput& in);

// Unassigns the device; a virtual device is then deleted, as recorded from AWS (an unassigned
// listing right after deactivation is empty). Without a user name, acts on whoever holds it.
Result<void> DeactivateMfaDevice(OpContext& ctx, const std::optional<std::string>& user_name,
                                 const std::string& serial_number);

// DeleteConflict while the device is assigned.
Result<void> DeleteVirtualMfaDevice(OpContext& ctx, const std::string& serial_number);

struct MfaDeviceView {
  std::string user_name;
  std::string serial_number;
  TimeMs enable_date = 0;
};
// The user's devices (the calling user's when no name is given; none for the root user).
Result<Page<MfaDeviceView>> ListMfaDevices(OpContext& ctx,
                                           const std::optional<std::string>& user_name,
                                           const PageRequest& page);
// The device, when it is assigned (to `user_name` when given).
Result<MfaDeviceView> GetMfaDevice(OpContext& ctx, const std::string& serial_number,
                                   const std::optional<std::string>& user_name);

struct VirtualMfaView {
  std::string serial_number;
  std::optional<TimeMs> enable_date;
  std::shared_ptr<const User> user;  // set when assigned
  Tags tags;
};
// status: "Assigned", "Unassigned" or "Any" (the model checks the enum).
Result<Page<VirtualMfaView>> ListVirtualMfaDevices(OpContext& ctx, const std::string& status,
                                                   const PageRequest& page);

Result<void> TagMfaDevice(OpContext& ctx, const std::string& serial_number, const Tags& tags);
Result<void> UntagMfaDevice(OpContext& ctx, const std::string& serial_number,
                            const std::vector<std::string>& keys);
Result<Page<Tag>> ListMfaDeviceTags(OpContext& ctx, const std::string& serial_number,
                                    const PageRequest& page);

// For STS calls made with SerialNumber and TokenCode (GetSessionToken, AssumeRole): whether
// `code` is a code of the device `serial_number` assigned to the user with unique id `user_id`,
// within one step of `now` after the drift ResyncMFADevice learnt. Call inside Store::Read.
bool MfaCodeIsValid(const AccountState& s, const std::string& serial_number,
                    const std::string& user_id, const std::string& code, TimeMs now);

// The device with this serial number (an mfa/ ARN of the account), or NoSuchEntity "MFA Device
// with serial number X does not exist." (recorded). Call inside Store::Read/Mutate.
Result<std::shared_ptr<const MfaDevice>> FindMfaDevice(const AccountState& s,
                                                       const std::string& serial_number);

}  // namespace iamlite::ops
