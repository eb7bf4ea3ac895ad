#include "core/state/change_json.h"

#include "core/state/sts_json.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

template <class T>
struct Kind;
template <>
struct Kind<User> {
  static constexpr const char* name = "user";
  static json Encode(const User& u) { return ToJson(u, EncodeOptions{}); }
  template <class In>
  static User Decode(const In& in, DecodeContext& ctx) {
    return DecodeUser(in, ctx);
  }
};
template <>
struct Kind<Group> {
  static constexpr const char* name = "group";
  static json Encode(const Group& g) { return ToJson(g); }
  template <class In>
  static Group Decode(const In& in, DecodeContext& ctx) {
    return DecodeGroup(in, ctx);
  }
};
template <>
struct Kind<Role> {
  static constexpr const char* name = "role";
  static json Encode(const Role& r) { return ToJson(r); }
  template <class In>
  static Role Decode(const In& in, DecodeContext& ctx) {
    return DecodeRole(in, ctx);
  }
};
template <>
struct Kind<ManagedPolicy> {
  static constexpr const char* name = "policy";
  static json Encode(const ManagedPolicy& p) { return ToJson(p); }
  template <class In>
  static ManagedPolicy Decode(const In& in, DecodeContext& ctx) {
    ManagedPolicy p = DecodeManagedPolicy(in, ctx);
    // Counts are written with every policy; only whole accounts may leave them out.
    if (p.attachment_count < 0) in.Fail("missing required field \"attachment_count\"");
    if (p.boundary_usage_count < 0) in.Fail("missing required field \"boundary_usage_count\"");
    return p;
  }
};
template <>
struct Kind<AccessKey> {
  static constexpr const char* name = "access_key";
  static json Encode(const AccessKey& k) { return ToJson(k, EncodeOptions{}); }
  template <class In>
  static AccessKey Decode(const In& in, DecodeContext& ctx) {
    return DecodeAccessKey(in, ctx);
  }
};
template <>
struct Kind<InstanceProfile> {
  static constexpr const char* name = "instance_profile";
  static json Encode(const InstanceProfile& p) { return ToJson(p); }
  template <class In>
  static InstanceProfile Decode(const In& in, DecodeContext& ctx) {
    return DecodeInstanceProfile(in, ctx);
  }
};

template <>
struct Kind<OidcProvider> {
  static constexpr const char* name = "oidc_provider";
  static json Encode(const OidcProvider& p) { return ToJson(p); }
  template <class In>
  static OidcProvider Decode(const In& in, DecodeContext&) {
    return DecodeOidcProvider(in);
  }
};
template <>
struct Kind<SamlProvider> {
  static constexpr const char* name = "saml_provider";
  static json Encode(const SamlProvider& p) { return ToJson(p); }
  template <class In>
  static SamlProvider Decode(const In& in, DecodeContext&) {
    return DecodeSamlProvider(in);
  }
};
template <>
struct Kind<StsSession> {
  static constexpr const char* name = "sts_session";
  static json Encode(const StsSession& x) { return ToJson(x); }
  template <class In>
  static StsSession Decode(const In& in, DecodeContext& ctx) {
    return DecodeStsSession(in, ctx);
  }
};
template <>
struct Kind<MfaDevice> {
  static constexpr const char* name = "mfa_device";
  static json Encode(const MfaDevice& d) { return ToJson(d, EncodeOptions{}); }
  template <class In>
  static MfaDevice Decode(const In& in, DecodeContext& ctx) {
    return DecodeMfaDevice(in, ctx);
  }
};
template <>
struct Kind<SshPublicKey> {
  static constexpr const char* name = "ssh_public_key";
  static json Encode(const SshPublicKey& k) { return ToJson(k); }
  template <class In>
  static SshPublicKey Decode(const In& in, DecodeContext& ctx) {
    return DecodeSshPublicKey(in, ctx);
  }
};
template <>
struct Kind<SigningCertificate> {
  static constexpr const char* name = "signing_certificate";
  static json Encode(const SigningCertificate& c) { return ToJson(c); }
  template <class In>
  static SigningCertificate Decode(const In& in, DecodeContext& ctx) {
    return DecodeSigningCertificate(in, ctx);
  }
};
template <>
struct Kind<ServerCertificate> {
  static constexpr const char* name = "server_certificate";
  static json Encode(const ServerCertificate& c) { return ToJson(c, EncodeOptions{}); }
  template <class In>
  static ServerCertificate Decode(const In& in, DecodeContext& ctx) {
    return DecodeServerCertificate(in, ctx);
  }
};

template <class T>
json Encode(const Put<T>& op) {
  return {{"op", "put"},
          {"type", Kind<T>::name},
          {"key", op.key},
          {"value", Kind<T>::Encode(*op.value)}};
}
template <class T>
json Encode(const Erase<T>& op) {
  return {{"op", "erase"}, {"type", Kind<T>::name}, {"key", op.key}};
}
json Encode(const Put<AccountSettings>& op) {
  return {{"op", "put"}, {"type", "settings"}, {"value", ToJson(*op.value)}};
}

template <class T, class In>
ChangeOp DecodeOf(const In& in, bool put, DecodeContext& ctx) {
  std::string key = in.At("key").NonEmptyStr();
  if (!put) {
    in.Object({"op", "type", "key"});
    return Erase<T>{std::move(key)};
  }
  in.Object({"op", "type", "key", "value"});
  return Put<T>{std::move(key), std::make_shared<const T>(Kind<T>::Decode(in.At("value"), ctx))};
}

}  // namespace

json ToJson(const ChangeOp& op) {
  return std::visit([](const auto& o) { return Encode(o); }, op);
}

json ToJson(const Change& change) {
  json out = json::array();
  for (const auto& op : change.ops) out.push_back(ToJson(op));
  return out;
}

template <class In>
ChangeOp DecodeChangeOp(const In& in, DecodeContext& ctx) {
  in.Object({"op", "type", "key", "value"});
  std::string op = in.At("op").Str();
  if (op != "put" && op != "erase") in.At("op").Fail("expected \"put\" or \"erase\"");
  const bool put = op == "put";
  std::string type = in.At("type").Str();
  if (type == "settings") {
    if (!put) in.At("op").Fail("settings are replaced, never erased");
    in.Object({"op", "type", "value"});
    return Put<AccountSettings>{
        "", std::make_shared<const AccountSettings>(DecodeSettings(in.At("value")))};
  }
  if (type == Kind<User>::name) return DecodeOf<User>(in, put, ctx);
  if (type == Kind<Group>::name) return DecodeOf<Group>(in, put, ctx);
  if (type == Kind<Role>::name) return DecodeOf<Role>(in, put, ctx);
  if (type == Kind<ManagedPolicy>::name) return DecodeOf<ManagedPolicy>(in, put, ctx);
  if (type == Kind<AccessKey>::name) return DecodeOf<AccessKey>(in, put, ctx);
  if (type == Kind<InstanceProfile>::name) return DecodeOf<InstanceProfile>(in, put, ctx);
  if (type == Kind<OidcProvider>::name) return DecodeOf<OidcProvider>(in, put, ctx);
  if (type == Kind<SamlProvider>::name) return DecodeOf<SamlProvider>(in, put, ctx);
  if (type == Kind<StsSession>::name) return DecodeOf<StsSession>(in, put, ctx);
  if (type == Kind<MfaDevice>::name) return DecodeOf<MfaDevice>(in, put, ctx);
  if (type == Kind<SshPublicKey>::name) return DecodeOf<SshPublicKey>(in, put, ctx);
  if (type == Kind<SigningCertificate>::name) return DecodeOf<SigningCertificate>(in, put, ctx);
  if (type == Kind<ServerCertificate>::name) return DecodeOf<ServerCertificate>(in, put, ctx);
  in.At("type").Fail("unknown entity type \"" + type + "\"");
}

template <class In>
Change DecodeChange(const In& in, DecodeContext& ctx) {
  in.Array();
  Change change;
  change.ops.reserve(in.Size());
  for (std::size_t i = 0; i < in.Size(); ++i) change.ops.push_back(DecodeChangeOp(in.Item(i), ctx));
  return change;
}

StateResult<Change> ChangeFromJson(const json& j) {
  try {
    DecodeContext ctx;
    return DecodeChange(JsonIn(j), ctx);
  } catch (const DecodeError& e) {
    return std::unexpected(StateError{e.path, e.message});
  }
}

template ChangeOp DecodeChangeOp(const JsonIn&, DecodeContext&);
template ChangeOp DecodeChangeOp(const TreeIn&, DecodeContext&);
template Change DecodeChange(const JsonIn&, DecodeContext&);
template Change DecodeChange(const TreeIn&, DecodeContext&);

}  // namespace iamlite::state
