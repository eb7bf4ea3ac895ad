// SSH public key operations: decode -> core/ops/ssh_keys -> output tree.
#include "core/ops/ssh_keys.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

Json KeyJson(const ops::SshPublicKeyView& v, bool full) {
  Json out{{"UserName", v.user_name},
           {"SSHPublicKeyId", v.key.id},
           {"Status", v.key.active ? "Active" : "Inactive"},
           {"UploadDate", v.key.upload_date}};
  if (full) {
    out["Fingerprint"] = v.key.fingerprint;
    out["SSHPublicKeyBody"] = v.key.body;
  }
  return out;
}

}  // namespace

void RegisterSshKeyActions(ActionTable& t) {
  t.Add("UploadSSHPublicKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto key = ops::UploadSshPublicKey(ctx, Str(in, "UserName"), Str(in, "SSHPublicKeyBody"));
    if (!key) return std::unexpected(key.error());
    return Json{{"SSHPublicKey", KeyJson(*key, true)}};
  });
  t.Add("GetSSHPublicKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto key = ops::GetSshPublicKey(ctx, Str(in, "UserName"), Str(in, "SSHPublicKeyId"),
                                    Str(in, "Encoding"));
    if (!key) return std::unexpected(key.error());
    return Json{{"SSHPublicKey", KeyJson(*key, true)}};
  });
  t.Add("ListSSHPublicKeys", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListSshPublicKeys(ctx, OptStr(in, "UserName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "SSHPublicKeys", [](const auto& v) { return KeyJson(v, false); });
  });
  t.Add("UpdateSSHPublicKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::UpdateSshPublicKey(ctx, Str(in, "UserName"), Str(in, "SSHPublicKeyId"),
                                        Str(in, "Status"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("DeleteSSHPublicKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::DeleteSshPublicKey(ctx, Str(in, "UserName"), Str(in, "SSHPublicKeyId"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
}

}  // namespace iamlite
