// Virtual MFA device operations: decode -> core/ops/mfa -> output tree.
#include "core/ops/mfa.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

ops::MfaCodesInput CodesOf(const Json& in) {
  return {Str(in, "UserName"), Str(in, "SerialNumber"), Str(in, "AuthenticationCode1"),
          Str(in, "AuthenticationCode2")};
}

Json MfaDeviceJson(const ops::MfaDeviceView& d) {
  return Json{
      {"UserName", d.user_name}, {"SerialNumber", d.serial_number}, {"EnableDate", d.enable_date}};
}

Json VirtualMfaJson(const ops::VirtualMfaView& v, const std::string& account) {
  Json out{{"SerialNumber", v.serial_number}};
  if (v.user) out["User"] = ToJson(*v.user, account, false);
  if (v.enable_date) out["EnableDate"] = *v.enable_date;
  if (!v.tags.empty()) out["Tags"] = ToJson(v.tags);
  return out;
}

Result<Json> Empty(const Result<void>& done) {
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

}  // namespace

void RegisterMfaActions(ActionTable& t) {
  t.Add("CreateVirtualMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto made = ops::CreateVirtualMfaDevice(
        ctx, {Str(in, "VirtualMFADeviceName"), in.value("Path", std::string("/")), TagsOf(in)});
    if (!made) return std::unexpected(made.error());
    Json device{{"SerialNumber", made->serial_number},
                {"Base32StringSeed", made->base32_seed},
                {"QRCodePNG", made->qr_code_png}};
    if (!made->tags.empty()) device["Tags"] = ToJson(made->tags);
    return Json{{"VirtualMFADevice", std::move(device)}};
  });
  t.Add("EnableMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::EnableMfaDevice(ctx, CodesOf(in)));
  });
  t.Add("ResyncMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::ResyncMfaDevice(ctx, CodesOf(in)));
  });
  t.Add("DeactivateMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::DeactivateMfaDevice(ctx, OptStr(in, "UserName"), Str(in, "SerialNumber")));
  });
  t.Add("DeleteVirtualMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::DeleteVirtualMfaDevice(ctx, Str(in, "SerialNumber")));
  });
  t.Add("ListMFADevices", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListMfaDevices(ctx, OptStr(in, "UserName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "MFADevices", MfaDeviceJson);
  });
  t.Add("GetMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto device = ops::GetMfaDevice(ctx, Str(in, "SerialNumber"), OptStr(in, "UserName"));
    if (!device) return std::unexpected(device.error());
    return MfaDeviceJson(*device);
  });
  t.Add("ListVirtualMFADevices", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListVirtualMfaDevices(ctx, in.value("AssignmentStatus", std::string("Any")),
                                           PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "VirtualMFADevices",
                    [&](const auto& v) { return VirtualMfaJson(v, ctx.account()); });
  });
  t.Add("TagMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::TagMfaDevice(ctx, Str(in, "SerialNumber"), TagsOf(in)));
  });
  t.Add("UntagMFADevice", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::UntagMfaDevice(ctx, Str(in, "SerialNumber"), StrList(in, "TagKeys")));
  });
  t.Add("ListMFADeviceTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListMfaDeviceTags(ctx, Str(in, "SerialNumber"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Tags", [](const Tag& tag) {
      return Json{{"Key", tag.key}, {"Value", tag.value}};
    });
  });
}

}  // namespace iamlite
