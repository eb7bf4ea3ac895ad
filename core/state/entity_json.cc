#include "core/state/entity_json.h"

#include <set>
#include <unordered_set>

#include "core/aws_managed_policies.h"
#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/state/sts_json.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

// ---- encoding -------------------------------------------------------------------------------

json InlineJson(const InlinePolicies& policies) {
  json out = json::object();
  for (const auto& [name, doc] : policies) out[name] = doc.text();
  return out;
}

// Sets `key` unless the value is empty, so absent and empty read back alike.
void PutIf(json& j, const char* key, const std::string& v) {
  if (!v.empty()) j[key] = v;
}
void PutIf(json& j, const char* key, const std::vector<std::string>& v) {
  if (!v.empty()) j[key] = v;
}
void PutIf(json& j, const char* key, const Tags& v) {
  if (!v.empty()) j[key] = TagsJson(v);
}
void PutIf(json& j, const char* key, const InlinePolicies& v) {
  if (!v.empty()) j[key] = InlineJson(v);
}

json Common(const std::string& name, const std::string& id, const std::string& path,
            TimeMs created) {
  return {{"name", name}, {"id", id}, {"path", path}, {"create_date", FormatTime(created)}};
}

// ---- decoding -------------------------------------------------------------------------------

template <class In>
std::string PathValue(const In& in) {
  std::string p = in.Str();
  if (p.empty() || p.front() != '/' || p.back() != '/') in.Fail("a path must begin and end with /");
  return p;
}

// Finds repeats among the strings of a list as it is read, without copying them: the first
// few are compared one by one, longer lists go through a hash set of views. `list` must be
// reserved to its full size first (the views point into its strings).
class SeenStrings {
 public:
  template <class Item, class Proj>
  bool Repeats(const std::vector<Item>& list, Proj proj) {
    const std::size_t i = list.size() - 1;  // the newest item
    std::string_view s = proj(list[i]);
    if (i < kLinear) {
      for (std::size_t j = 0; j < i; ++j)
        if (proj(list[j]) == s) return true;
      return false;
    }
    if (i == kLinear)
      for (std::size_t j = 0; j < i; ++j) set_.insert(proj(list[j]));
    return !set_.insert(s).second;
  }

 private:
  static constexpr std::size_t kLinear = 16;
  std::unordered_set<std::string_view> set_;
};

template <class In>
std::vector<std::string> DecodeStrings(const In& in, bool fold = false) {
  in.Array();
  std::vector<std::string> out;
  out.reserve(in.Size());
  SeenStrings seen;
  for (std::size_t i = 0; i < in.Size(); ++i) {
    std::string s = in.Item(i).NonEmptyStr();
    if (fold) s = FoldName(s);
    out.push_back(std::move(s));
    if (seen.Repeats(out, [](const std::string& x) -> std::string_view { return x; }))
      in.Item(i).Fail("listed twice");
  }
  return out;
}

template <class In>
InlinePolicies DecodeInline(const In& in, DecodeContext& ctx) {
  if (!in.json().is_object()) in.Fail("expected an object of policy name to document text");
  InlinePolicies out;
  for (auto it = in.json().begin(); it != in.json().end(); ++it) {
    In doc = in.Child(it.key(), it.value());
    if (it.key().empty()) doc.Fail("an inline policy needs a name");
    out.emplace(it.key(), ctx.Document(doc, policy::PolicyKind::kInlineIdentity));
  }
  return out;
}

template <class T, class In>
void DecodeCommon(const In& in, T& e) {
  e.name = in.At("name").NonEmptyStr();
  e.id = in.At("id").NonEmptyStr();
  e.path = in.Has("path") ? PathValue(in.At("path")) : "/";
  e.create_date = in.At("create_date").Time();
}

template <class In>
std::vector<std::string> StringsOr(const In& in, std::string_view key, bool fold = false) {
  return in.Has(key) ? DecodeStrings(in.At(key), fold) : std::vector<std::string>{};
}

}  // namespace

nlohmann::json TagsJson(const Tags& tags) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& t : tags) out.push_back({{"key", t.key}, {"value", t.value}});
  return out;
}

template <class In>
Tags DecodeTags(const In& in) {
  in.Array();
  Tags out;
  out.reserve(in.Size());
  SeenStrings seen;
  for (std::size_t i = 0; i < in.Size(); ++i) {
    In t = in.Item(i);
    t.Object({"key", "value"});
    out.push_back(Tag{t.At("key").NonEmptyStr(), t.StrOr("value", "")});
    if (seen.Repeats(out, [](const Tag& x) -> std::string_view { return x.key; }))
      t.At("key").Fail("duplicate tag key \"" + out.back().key + "\"");
  }
  return out;
}

bool IsAccountId(std::string_view id) {
  return id.size() == 12 && id.find_first_not_of("0123456789") == std::string_view::npos;
}

template <class In>
PolicyDocument DecodeContext::Document(const In& at, policy::PolicyKind kind) {
  const std::string_view text = at.View();
  auto& valid = valid_[static_cast<int>(kind)];
  if (!valid.contains(text)) {
    std::string copy(text);
    auto parsed = policy::ParsePolicy(copy, kind);
    if (!parsed) at.Fail("not a valid policy document: " + parsed.error().message);
    valid.insert(std::move(copy));
  }
  return PolicyDocument(std::string(text), kind);
}

// ---- entities -------------------------------------------------------------------------------

json ToJson(const User& u, const EncodeOptions& opt) {
  json j = Common(u.name, u.id, u.path, u.create_date);
  PutIf(j, "permissions_boundary", u.permissions_boundary);
  PutIf(j, "tags", u.tags);
  if (u.password_last_used) j["password_last_used"] = FormatTime(*u.password_last_used);
  PutIf(j, "inline_policies", u.inline_policies);
  PutIf(j, "attached_policies", u.attached_policies);
  PutIf(j, "groups", u.groups);
  if (u.login_profile) {
    json lp = {{"create_date", FormatTime(u.login_profile->create_date)},
               {"password_reset_required", u.login_profile->password_reset_required}};
    if (opt.secrets) lp["password_hash"] = u.login_profile->password_hash;
    j["login_profile"] = std::move(lp);
  }
  PutIf(j, "access_keys", u.access_keys);
  if (u.other_credentials) j["other_credentials"] = u.other_credentials;
  if (!u.service_credentials.empty()) {
    json creds = json::array();
    for (const auto& c : u.service_credentials) {
      json cj = {{"id", c.id},
                 {"service_name", c.service_name},
                 {"active", c.active},
                 {"create_date", FormatTime(c.create_date)}};
      PutIf(cj, "service_user_name", c.service_user_name);
      PutIf(cj, "alias", c.alias);
      if (opt.secrets) {
        PutIf(cj, "service_password", c.service_password);
        PutIf(cj, "secret", c.secret);
      }
      if (c.expiration) cj["expiration"] = FormatTime(*c.expiration);
      creds.push_back(std::move(cj));
    }
    j["service_specific_credentials"] = std::move(creds);
  }
  return j;
}

template <class In>
User DecodeUser(const In& in, DecodeContext& ctx) {
  in.Object({"name", "id", "path", "create_date", "permissions_boundary", "tags",
             "password_last_used", "inline_policies", "attached_policies", "groups",
             "login_profile", "access_keys", "other_credentials", "service_specific_credentials"});
  User u;
  DecodeCommon(in, u);
  u.permissions_boundary = in.StrOr("permissions_boundary", "");
  if (in.Has("tags")) u.tags = DecodeTags(in.At("tags"));
  if (in.Has("password_last_used")) u.password_last_used = in.At("password_last_used").Time();
  if (in.Has("inline_policies")) u.inline_policies = DecodeInline(in.At("inline_policies"), ctx);
  u.attached_policies = StringsOr(in, "attached_policies");
  u.groups = StringsOr(in, "groups", /*fold=*/true);
  if (in.Has("login_profile")) {
    In lp = in.At("login_profile");
    lp.Object({"create_date", "password_hash", "password_reset_required"});
    LoginProfile p;
    p.create_date = lp.At("create_date").Time();
    p.password_reset_required = lp.BoolOr("password_reset_required", false);
    if (lp.Has("password_hash")) {
      p.password_hash = lp.At("password_hash").NonEmptyStr();
    } else if (ctx.ids()) {
      // No password can match an empty hash: the console stays locked until an
      // UpdateLoginProfile sets a new password.
      ctx.notes().locked_login_profiles.push_back({ctx.account, u.name});
    } else {
      lp.Fail("missing required field \"password_hash\"");
    }
    u.login_profile = p;
  }
  u.access_keys = StringsOr(in, "access_keys");
  if (in.Has("other_credentials"))
    u.other_credentials = in.At("other_credentials").SmallInt(0, 1000);
  if (in.Has("service_specific_credentials")) {
    In creds = in.At("service_specific_credentials");
    creds.Array();
    for (std::size_t i = 0; i < creds.Size(); ++i) {
      In c = creds.Item(i);
      c.Object({"id", "service_name", "active", "create_date", "service_user_name", "alias",
                "service_password", "secret", "expiration"});
      ServiceSpecificCredential cred;
      cred.id = c.At("id").NonEmptyStr();
      cred.service_name = c.At("service_name").NonEmptyStr();
      cred.active = c.BoolOr("active", true);
      cred.create_date = c.At("create_date").Time();
      cred.service_user_name = c.StrOr("service_user_name", "");
      cred.alias = c.StrOr("alias", "");
      cred.service_password = c.StrOr("service_password", "");
      cred.secret = c.StrOr("secret", "");
      if (c.Has("expiration")) cred.expiration = c.At("expiration").Time();
      u.service_credentials.push_back(std::move(cred));
    }
  }
  return u;
}

json ToJson(const Group& g) {
  json j = Common(g.name, g.id, g.path, g.create_date);
  PutIf(j, "members", g.members);
  PutIf(j, "inline_policies", g.inline_policies);
  PutIf(j, "attached_policies", g.attached_policies);
  return j;
}

template <class In>
Group DecodeGroup(const In& in, DecodeContext& ctx) {
  in.Object(
      {"name", "id", "path", "create_date", "members", "inline_policies", "attached_policies"});
  Group g;
  DecodeCommon(in, g);
  g.members = StringsOr(in, "members", /*fold=*/true);
  if (in.Has("inline_policies")) g.inline_policies = DecodeInline(in.At("inline_policies"), ctx);
  g.attached_policies = StringsOr(in, "attached_policies");
  return g;
}

json ToJson(const Role& r) {
  json j = Common(r.name, r.id, r.path, r.create_date);
  j["assume_role_policy"] = r.assume_role_policy.text();
  PutIf(j, "description", r.description);
  j["max_session_duration"] = r.max_session_duration;
  PutIf(j, "permissions_boundary", r.permissions_boundary);
  PutIf(j, "tags", r.tags);
  PutIf(j, "inline_policies", r.inline_policies);
  PutIf(j, "attached_policies", r.attached_policies);
  PutIf(j, "instance_profiles", r.instance_profiles);
  if (r.last_used) {
    json lu = {{"date", FormatTime(r.last_used->date)}};
    PutIf(lu, "region", r.last_used->region);
    j["last_used"] = std::move(lu);
  }
  return j;
}

template <class In>
Role DecodeRole(const In& in, DecodeContext& ctx) {
  in.Object({"name", "id", "path", "create_date", "assume_role_policy", "description",
             "max_session_duration", "permissions_boundary", "tags", "inline_policies",
             "attached_policies", "instance_profiles", "last_used"});
  Role r;
  DecodeCommon(in, r);
  r.assume_role_policy = ctx.Document(in.At("assume_role_policy"), policy::PolicyKind::kTrust);
  r.description = in.StrOr("description", "");
  if (in.Has("max_session_duration"))
    r.max_session_duration = in.At("max_session_duration").SmallInt(3600, 43200);
  r.permissions_boundary = in.StrOr("permissions_boundary", "");
  if (in.Has("tags")) r.tags = DecodeTags(in.At("tags"));
  if (in.Has("inline_policies")) r.inline_policies = DecodeInline(in.At("inline_policies"), ctx);
  r.attached_policies = StringsOr(in, "attached_policies");
  r.instance_profiles = StringsOr(in, "instance_profiles", /*fold=*/true);
  if (in.Has("last_used")) {
    In lu = in.At("last_used");
    lu.Object({"date", "region"});
    r.last_used = RoleLastUsed{lu.At("date").Time(), lu.StrOr("region", "")};
  }
  return r;
}

json ToJson(const ManagedPolicy& p) {
  json j = Common(p.name, p.id, p.path, p.create_date);
  j["update_date"] = FormatTime(p.update_date);
  PutIf(j, "description", p.description);
  j["default_version_id"] = p.default_version_id;
  json versions = json::array();
  for (const auto& v : p.versions)
    versions.push_back({{"id", v.id},
                        {"document", v.document.text()},
                        {"create_date", FormatTime(v.create_date)}});
  j["versions"] = std::move(versions);
  j["next_version"] = p.next_version;
  PutIf(j, "tags", p.tags);
  j["attachment_count"] = p.attachment_count;
  j["boundary_usage_count"] = p.boundary_usage_count;
  return j;
}

namespace {

// "v7" -> 7; 0 when not of that form.
int VersionNumber(std::string_view id) {
  if (id.size() < 2 || id.size() > 6 || id[0] != 'v' || id[1] == '0') return 0;
  int n = 0;
  for (char c : id.substr(1)) {
    if (c < '0' || c > '9') return 0;
    n = n * 10 + (c - '0');
  }
  return n;
}

}  // namespace

template <class In>
ManagedPolicy DecodeManagedPolicy(const In& in, DecodeContext& ctx) {
  in.Object({"name", "id", "path", "create_date", "update_date", "description",
             "default_version_id", "versions", "next_version", "tags", "attachment_count",
             "boundary_usage_count"});
  ManagedPolicy p;
  DecodeCommon(in, p);
  p.update_date = in.Has("update_date") ? in.At("update_date").Time() : p.create_date;
  p.description = in.StrOr("description", "");
  In versions = in.At("versions");
  versions.Array();
  if (versions.Size() == 0) versions.Fail("a managed policy needs at least one version");
  int highest = 0;
  std::set<std::string> ids;
  for (std::size_t i = 0; i < versions.Size(); ++i) {
    In v = versions.Item(i);
    v.Object({"id", "document", "create_date"});
    PolicyVersion pv;
    pv.id = v.At("id").Str();
    int n = VersionNumber(pv.id);
    if (n == 0) v.At("id").Fail("a version id is \"v\" and a number, such as \"v1\"");
    if (!ids.insert(pv.id).second) v.At("id").Fail("version " + pv.id + " is listed twice");
    highest = std::max(highest, n);
    pv.document = ctx.Document(v.At("document"), policy::PolicyKind::kIdentity);
    pv.create_date = v.At("create_date").Time();
    p.versions.push_back(std::move(pv));
  }
  p.default_version_id = in.At("default_version_id").Str();
  if (!ids.contains(p.default_version_id))
    in.At("default_version_id").Fail("not one of the policy's versions");
  p.next_version =
      in.Has("next_version") ? in.At("next_version").SmallInt(highest + 1, 1'000'000) : highest + 1;
  if (in.Has("tags")) p.tags = DecodeTags(in.At("tags"));
  // Counts are checked (or filled in) against the account by DecodeAccount.
  p.attachment_count =
      in.Has("attachment_count") ? in.At("attachment_count").SmallInt(0, 1 << 30) : -1;
  p.boundary_usage_count =
      in.Has("boundary_usage_count") ? in.At("boundary_usage_count").SmallInt(0, 1 << 30) : -1;
  return p;
}

json ToJson(const AccessKey& k, const EncodeOptions& opt) {
  json j = {{"id", k.id},
            {"user", k.user},
            {"status", k.active ? "Active" : "Inactive"},
            {"create_date", FormatTime(k.create_date)}};
  if (opt.secrets) j["secret"] = k.secret;
  if (k.last_used) {
    json lu = {{"date", FormatTime(k.last_used->date)}};
    PutIf(lu, "service", k.last_used->service);
    PutIf(lu, "region", k.last_used->region);
    j["last_used"] = std::move(lu);
  }
  return j;
}

template <class In>
AccessKey DecodeAccessKey(const In& in, DecodeContext& ctx) {
  in.Object({"id", "user", "status", "create_date", "secret", "last_used"});
  AccessKey k;
  k.id = in.At("id").NonEmptyStr();
  k.user = FoldName(in.At("user").NonEmptyStr());
  std::string status = in.StrOr("status", "Active");
  if (status != "Active" && status != "Inactive")
    in.At("status").Fail("expected Active or Inactive");
  k.active = status == "Active";
  k.create_date = in.At("create_date").Time();
  if (in.Has("secret")) {
    k.secret = in.At("secret").NonEmptyStr();
  } else if (ctx.ids()) {
    k.secret = ctx.ids()->Secret();
    ctx.notes().generated_secrets.push_back({ctx.account, k.id, k.secret});
  } else {
    in.Fail("missing required field \"secret\"");
  }
  if (in.Has("last_used")) {
    In lu = in.At("last_used");
    lu.Object({"date", "service", "region"});
    k.last_used =
        AccessKeyLastUsed{lu.At("date").Time(), lu.StrOr("service", ""), lu.StrOr("region", "")};
  }
  return k;
}

json ToJson(const InstanceProfile& p) {
  json j = Common(p.name, p.id, p.path, p.create_date);
  PutIf(j, "roles", p.roles);
  PutIf(j, "tags", p.tags);
  return j;
}

template <class In>
InstanceProfile DecodeInstanceProfile(const In& in, DecodeContext&) {
  in.Object({"name", "id", "path", "create_date", "roles", "tags"});
  InstanceProfile p;
  DecodeCommon(in, p);
  p.roles = StringsOr(in, "roles", /*fold=*/true);
  if (in.Has("tags")) p.tags = DecodeTags(in.At("tags"));
  return p;
}

// ---- settings -------------------------------------------------------------------------------

json ToJson(const AccountSettings& s) {
  json j = json::object();
  if (const auto& pp = s.password_policy) {
    json p = {{"minimum_password_length", pp->minimum_password_length},
              {"require_symbols", pp->require_symbols},
              {"require_numbers", pp->require_numbers},
              {"require_uppercase", pp->require_uppercase},
              {"require_lowercase", pp->require_lowercase},
              {"allow_users_to_change_password", pp->allow_users_to_change_password},
              {"hard_expiry", pp->hard_expiry}};
    if (pp->max_password_age) p["max_password_age"] = *pp->max_password_age;
    if (pp->password_reuse_prevention)
      p["password_reuse_prevention"] = *pp->password_reuse_prevention;
    j["password_policy"] = std::move(p);
  }
  PutIf(j, "aliases", s.aliases);
  if (!s.aws_policy_attachments.empty()) j["aws_policy_attachments"] = s.aws_policy_attachments;
  if (!s.aws_policy_boundary_usage.empty())
    j["aws_policy_boundary_usage"] = s.aws_policy_boundary_usage;
  if (s.credential_report)
    j["credential_report"] = {{"generated", FormatTime(s.credential_report->generated)},
                              {"csv", s.credential_report->csv}};
  PutIf(j, "global_endpoint_token_version", s.global_endpoint_token_version);
  if (s.outbound_issuer) j["outbound_issuer"] = *s.outbound_issuer;
  return j;
}

namespace {

template <class In>
std::map<std::string, int> DecodeCounts(const In& in) {
  if (!in.json().is_object()) in.Fail("expected an object of policy ARN to count");
  std::map<std::string, int> out;
  for (auto it = in.json().begin(); it != in.json().end(); ++it)
    out[std::string(it.key())] = in.Child(it.key(), it.value()).SmallInt(1, 1 << 30);
  return out;
}

}  // namespace

template <class In>
AccountSettings DecodeSettings(const In& in) {
  in.Object({"password_policy", "aliases", "aws_policy_attachments", "aws_policy_boundary_usage",
             "credential_report", "global_endpoint_token_version", "outbound_issuer"});
  AccountSettings s;
  if (in.Has("password_policy")) {
    In p = in.At("password_policy");
    p.Object({"minimum_password_length", "require_symbols", "require_numbers", "require_uppercase",
              "require_lowercase", "allow_users_to_change_password", "hard_expiry",
              "max_password_age", "password_reuse_prevention"});
    PasswordPolicy pp;
    if (p.Has("minimum_password_length"))
      pp.minimum_password_length = p.At("minimum_password_length").SmallInt(6, 128);
    pp.require_symbols = p.BoolOr("require_symbols", false);
    pp.require_numbers = p.BoolOr("require_numbers", false);
    pp.require_uppercase = p.BoolOr("require_uppercase", false);
    pp.require_lowercase = p.BoolOr("require_lowercase", false);
    pp.allow_users_to_change_password = p.BoolOr("allow_users_to_change_password", false);
    pp.hard_expiry = p.BoolOr("hard_expiry", false);
    if (p.Has("max_password_age")) pp.max_password_age = p.At("max_password_age").SmallInt(1, 1095);
    if (p.Has("password_reuse_prevention"))
      pp.password_reuse_prevention = p.At("password_reuse_prevention").SmallInt(1, 24);
    s.password_policy = pp;
  }
  s.aliases = StringsOr(in, "aliases");
  if (in.Has("aws_policy_attachments"))
    s.aws_policy_attachments = DecodeCounts(in.At("aws_policy_attachments"));
  if (in.Has("aws_policy_boundary_usage"))
    s.aws_policy_boundary_usage = DecodeCounts(in.At("aws_policy_boundary_usage"));
  if (in.Has("credential_report")) {
    In r = in.At("credential_report");
    r.Object({"generated", "csv"});
    s.credential_report = CredentialReport{r.At("generated").Time(), r.At("csv").Str()};
  }
  s.global_endpoint_token_version = in.StrOr("global_endpoint_token_version", "");
  if (in.Has("outbound_issuer")) s.outbound_issuer = in.At("outbound_issuer").NonEmptyStr();
  return s;
}

// ---- accounts -------------------------------------------------------------------------------

namespace {

template <class T, class F>
json TableJson(const Table<T>& table, F&& encode) {
  json out = json::array();
  for (const auto& [key, value] : table) out.push_back(encode(*value));
  return out;
}

}  // namespace

json ToJson(const AccountState& s, const EncodeOptions& opt) {
  json j = {{"created", FormatTime(s.created)}};
  auto put = [&](const char* key, json list) {
    if (!list.empty()) j[key] = std::move(list);
  };
  put("users", TableJson(s.users, [&](const User& u) { return ToJson(u, opt); }));
  put("groups", TableJson(s.groups, [](const Group& g) { return ToJson(g); }));
  put("roles", TableJson(s.roles, [](const Role& r) { return ToJson(r); }));
  put("policies", TableJson(s.policies, [](const ManagedPolicy& p) { return ToJson(p); }));
  put("access_keys", TableJson(s.access_keys, [&](const AccessKey& k) { return ToJson(k, opt); }));
  put("instance_profiles",
      TableJson(s.instance_profiles, [](const InstanceProfile& p) { return ToJson(p); }));
  AddStsTables(s, opt.secrets, j);
  put("mfa_devices", TableJson(s.mfa_devices, [&](const MfaDevice& d) { return ToJson(d, opt); }));
  put("ssh_public_keys",
      TableJson(s.ssh_public_keys, [](const SshPublicKey& k) { return ToJson(k); }));
  put("signing_certificates",
      TableJson(s.signing_certificates, [](const SigningCertificate& c) { return ToJson(c); }));
  put("server_certificates",
      TableJson(s.server_certificates, [&](const ServerCertificate& c) { return ToJson(c, opt); }));
  json settings = ToJson(*s.settings);
  if (!settings.empty()) j["settings"] = std::move(settings);
  return j;
}

#define IAMLITE_INSTANTIATE(In)                                                   \
  template PolicyDocument DecodeContext::Document(const In&, policy::PolicyKind); \
  template Tags DecodeTags(const In&);                                            \
  template User DecodeUser(const In&, DecodeContext&);                            \
  template Group DecodeGroup(const In&, DecodeContext&);                          \
  template Role DecodeRole(const In&, DecodeContext&);                            \
  template ManagedPolicy DecodeManagedPolicy(const In&, DecodeContext&);          \
  template AccessKey DecodeAccessKey(const In&, DecodeContext&);                  \
  template InstanceProfile DecodeInstanceProfile(const In&, DecodeContext&);      \
  template AccountSettings DecodeSettings(const In&);
IAMLITE_INSTANTIATE(JsonIn)
IAMLITE_INSTANTIATE(TreeIn)
#undef IAMLITE_INSTANTIATE

}  // namespace iamlite::state
