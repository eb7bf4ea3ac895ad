// The state codec of MFA devices, SSH public keys, signing certificates and server
// certificates (declared in entity_json.h).
#include "core/base64.h"
#include "core/names.h"
#include "core/ops/certificates_pem.h"
#include "core/ops/ssh_keys_format.h"
#include "core/state/entity_json.h"
#include "core/totp.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

template <class In>
std::string PathOf(const In& in) {
  if (!in.Has("path")) return "/";
  std::string p = in.At("path").Str();
  if (p.empty() || p.front() != '/' || p.back() != '/')
    in.At("path").Fail("a path must begin and end with /");
  return p;
}

template <class In>
bool StatusOf(const In& in) {
  std::string status = in.StrOr("status", "Active");
  if (status != "Active" && status != "Inactive")
    in.At("status").Fail("expected Active or Inactive");
  return status == "Active";
}

}  // namespace

json ToJson(const MfaDevice& d, const EncodeOptions& opt) {
  json j = {{"name", d.name}, {"path", d.path}, {"create_date", FormatTime(d.create_date)}};
  if (opt.secrets) j["seed"] = totp::Base32Encode(d.seed);
  if (!d.user_id.empty()) j["user_id"] = d.user_id;
  if (d.enable_date) j["enable_date"] = FormatTime(*d.enable_date);
  if (d.drift_steps != 0) j["drift_steps"] = d.drift_steps;
  if (!d.tags.empty()) j["tags"] = TagsJson(d.tags);
  return j;
}

template <class In>
MfaDevice DecodeMfaDevice(const In& in, DecodeContext& ctx) {
  in.Object(
      {"name", "path", "create_date", "seed", "user_id", "enable_date", "drift_steps", "tags"});
  MfaDevice d;
  d.name = in.At("name").NonEmptyStr();
  d.path = PathOf(in);
  d.create_date = in.At("create_date").Time();
  if (in.Has("seed")) {
    auto seed = totp::Base32Decode(in.At("seed").NonEmptyStr());
    if (!seed || seed->empty()) in.At("seed").Fail("expected a Base32 TOTP seed");
    d.seed = *seed;
  } else if (ctx.ids()) {
    // A fresh seed: the device must be enabled again by whoever holds it.
    auto bytes = Base64Decode(ctx.ids()->Secret());
    d.seed = bytes ? bytes->substr(0, 20) : std::string(20, '\0');
  } else {
    in.Fail("missing required field \"seed\"");
  }
  d.user_id = in.StrOr("user_id", "");
  if (in.Has("enable_date")) d.enable_date = in.At("enable_date").Time();
  if (d.user_id.empty() != !d.enable_date.has_value())
    in.Fail("an assigned device has both user_id and enable_date, an unassigned one neither");
  if (in.Has("drift_steps")) d.drift_steps = in.At("drift_steps").Int(-1000, 1000);
  if (in.Has("tags")) d.tags = DecodeTags(in.At("tags"));
  return d;
}

json ToJson(const SshPublicKey& k) {
  return {{"id", k.id},
          {"user_id", k.user_id},
          {"body", k.body},
          {"status", k.active ? "Active" : "Inactive"},
          {"upload_date", FormatTime(k.upload_date)}};
}

template <class In>
SshPublicKey DecodeSshPublicKey(const In& in, DecodeContext&) {
  in.Object({"id", "user_id", "body", "status", "upload_date"});
  SshPublicKey k;
  k.id = in.At("id").NonEmptyStr();
  k.user_id = in.At("user_id").NonEmptyStr();
  k.body = in.At("body").NonEmptyStr();
  auto material = ops::ParseSshPublicKey(k.body);
  if (!material) in.At("body").Fail("not an SSH public key: " + material.error().message);
  k.blob = material->blob;
  k.fingerprint = ops::SshFingerprint(k.blob);
  k.active = StatusOf(in);
  k.upload_date = in.At("upload_date").Time();
  return k;
}

json ToJson(const SigningCertificate& c) {
  return {{"id", c.id},
          {"user_id", c.user_id},
          {"body", c.body},
          {"status", c.active ? "Active" : "Inactive"},
          {"upload_date", FormatTime(c.upload_date)}};
}

template <class In>
SigningCertificate DecodeSigningCertificate(const In& in, DecodeContext&) {
  in.Object({"id", "user_id", "body", "status", "upload_date"});
  SigningCertificate c;
  c.id = in.At("id").NonEmptyStr();
  c.user_id = in.At("user_id").NonEmptyStr();
  c.body = in.At("body").NonEmptyStr();
  ops::CertificateInfo info;
  if (!ops::ParseCertificatePem(c.body, info)) in.At("body").Fail("not a PEM X.509 certificate");
  c.active = StatusOf(in);
  c.upload_date = in.At("upload_date").Time();
  return c;
}

json ToJson(const ServerCertificate& c, const EncodeOptions& opt) {
  json j = {{"name", c.name},
            {"id", c.id},
            {"path", c.path},
            {"body", c.body},
            {"upload_date", FormatTime(c.upload_date)},
            {"expiration", FormatTime(c.expiration)}};
  if (!c.chain.empty()) j["chain"] = c.chain;
  if (opt.secrets && !c.private_key.empty()) j["private_key"] = c.private_key;
  if (!c.tags.empty()) j["tags"] = TagsJson(c.tags);
  return j;
}

template <class In>
ServerCertificate DecodeServerCertificate(const In& in, DecodeContext&) {
  in.Object(
      {"name", "id", "path", "body", "upload_date", "expiration", "chain", "private_key", "tags"});
  ServerCertificate c;
  c.name = in.At("name").NonEmptyStr();
  c.id = in.At("id").NonEmptyStr();
  c.path = PathOf(in);
  c.body = in.At("body").NonEmptyStr();
  ops::CertificateInfo info;
  if (!ops::ParseCertificatePem(c.body, info)) in.At("body").Fail("not a PEM X.509 certificate");
  c.upload_date = in.At("upload_date").Time();
  c.expiration = in.Has("expiration") ? in.At("expiration").Time() : info.not_after;
  c.chain = in.StrOr("chain", "");
  c.private_key = in.StrOr("private_key", "");  // absent in an export without secrets
  if (in.Has("tags")) c.tags = DecodeTags(in.At("tags"));
  return c;
}

#define IAMLITE_INSTANTIATE(In)                                                    \
  template MfaDevice DecodeMfaDevice(const In&, DecodeContext&);                   \
  template SshPublicKey DecodeSshPublicKey(const In&, DecodeContext&);             \
  template SigningCertificate DecodeSigningCertificate(const In&, DecodeContext&); \
  template ServerCertificate DecodeServerCertificate(const In&, DecodeContext&);
IAMLITE_INSTANTIATE(JsonIn)
IAMLITE_INSTANTIATE(TreeIn)
#undef IAMLITE_INSTANTIATE

}  // namespace iamlite::state
