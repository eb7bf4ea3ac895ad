// Credential operations: access keys, login profiles, the account password policy.
// decode -> core/ops/{access_keys,login_profiles,password_policy} -> output tree.
#include "core/ops/access_keys.h"
#include "core/ops/login_profiles.h"
#include "core/ops/password_policy.h"
#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

std::optional<bool> OptBool(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return it->get<bool>();
}
std::optional<int> OptInt(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end()) return std::nullopt;
  return static_cast<int>(it->get<std::int64_t>());
}

// AccessKey (with the secret) or AccessKeyMetadata (without).
Json ToJson(const ops::AccessKeyView& v, bool with_secret) {
  Json j{{"UserName", v.user_name},
         {"AccessKeyId", v.key.id},
         {"Status", v.key.active ? "Active" : "Inactive"}};
  if (with_secret) j["SecretAccessKey"] = v.key.secret;
  j["CreateDate"] = v.key.create_date;
  return j;
}

// A key never used answers ServiceName and Region "N/A" and no date (recorded).
Json ToJson(const std::optional<AccessKeyLastUsed>& used) {
  if (!used) return Json{{"ServiceName", "N/A"}, {"Region", "N/A"}};
  return Json{
      {"LastUsedDate", used->date}, {"ServiceName", used->service}, {"Region", used->region}};
}

Json ToJson(const ops::LoginProfileView& p) {
  return Json{{"LoginProfile",
               {{"UserName", p.user_name},
                {"CreateDate", p.create_date},
                {"PasswordResetRequired", p.password_reset_required}}}};
}

// Members as AWS returns them (recorded): the optional ones only when set, ExpirePasswords
// derived from MaxPasswordAge.
Json ToJson(const PasswordPolicy& p) {
  Json j{{"MinimumPasswordLength", p.minimum_password_length},
         {"RequireSymbols", p.require_symbols},
         {"RequireNumbers", p.require_numbers},
         {"RequireUppercaseCharacters", p.require_uppercase},
         {"RequireLowercaseCharacters", p.require_lowercase},
         {"AllowUsersToChangePassword", p.allow_users_to_change_password},
         {"ExpirePasswords", p.max_password_age.has_value()}};
  if (p.max_password_age) j["MaxPasswordAge"] = *p.max_password_age;
  if (p.password_reuse_prevention) j["PasswordReusePrevention"] = *p.password_reuse_prevention;
  if (p.hard_expiry) j["HardExpiry"] = true;
  return j;
}

template <class T, class F>
Result<Json> Then(Result<T> r, F&& f) {
  if (!r) return std::unexpected(r.error());
  if constexpr (std::is_void_v<T>)
    return f();
  else
    return f(*r);
}
Json Empty() { return Json::object(); }

void RegisterAccessKeyActions(ActionTable& t) {
  t.Add("CreateAccessKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::CreateAccessKey(ctx, OptStr(in, "UserName")), [](const auto& k) {
      return Json{{"AccessKey", ToJson(k, true)}};
    });
  });
  t.Add("ListAccessKeys", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::ListAccessKeys(ctx, OptStr(in, "UserName"), PageOf(in)), [](const auto& p) {
      return PageJson(p, "AccessKeyMetadata", [](const auto& k) { return ToJson(k, false); });
    });
  });
  t.Add("UpdateAccessKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::UpdateAccessKey(ctx, OptStr(in, "UserName"), Str(in, "AccessKeyId"),
                                     Str(in, "Status")),
                Empty);
  });
  t.Add("DeleteAccessKey", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::DeleteAccessKey(ctx, OptStr(in, "UserName"), Str(in, "AccessKeyId")), Empty);
  });
  t.Add("GetAccessKeyLastUsed", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::GetAccessKeyLastUsed(ctx, Str(in, "AccessKeyId")), [](const auto& v) {
      return Json{{"UserName", v.user_name}, {"AccessKeyLastUsed", ToJson(v.last_used)}};
    });
  });
}

void RegisterLoginProfileActions(ActionTable& t) {
  t.Add("CreateLoginProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::CreateLoginProfileInput args{OptStr(in, "UserName"), OptStr(in, "Password"),
                                      in.value("PasswordResetRequired", false)};
    return Then(ops::CreateLoginProfile(ctx, args), [](const auto& p) { return ToJson(p); });
  });
  t.Add("GetLoginProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::GetLoginProfile(ctx, OptStr(in, "UserName")),
                [](const auto& p) { return ToJson(p); });
  });
  t.Add("UpdateLoginProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::UpdateLoginProfileInput args{Str(in, "UserName"), OptStr(in, "Password"),
                                      OptBool(in, "PasswordResetRequired")};
    return Then(ops::UpdateLoginProfile(ctx, args), Empty);
  });
  t.Add("DeleteLoginProfile", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::DeleteLoginProfile(ctx, OptStr(in, "UserName")), Empty);
  });
  t.Add("ChangePassword", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Then(ops::ChangePassword(ctx, Str(in, "OldPassword"), Str(in, "NewPassword")), Empty);
  });
}

void RegisterPasswordPolicyActions(ActionTable& t) {
  t.Add("UpdateAccountPasswordPolicy", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::UpdatePasswordPolicyInput args{OptInt(in, "MinimumPasswordLength"),
                                        OptBool(in, "RequireSymbols"),
                                        OptBool(in, "RequireNumbers"),
                                        OptBool(in, "RequireUppercaseCharacters"),
                                        OptBool(in, "RequireLowercaseCharacters"),
                                        OptBool(in, "AllowUsersToChangePassword"),
                                        OptInt(in, "MaxPasswordAge"),
                                        OptInt(in, "PasswordReusePrevention"),
                                        OptBool(in, "HardExpiry")};
    return Then(ops::UpdateAccountPasswordPolicy(ctx, args), Empty);
  });
  t.Add("GetAccountPasswordPolicy", [](OpContext& ctx, const Json&) -> Result<Json> {
    return Then(ops::GetAccountPasswordPolicy(ctx), [](const auto& p) {
      return Json{{"PasswordPolicy", ToJson(p)}};
    });
  });
  t.Add("DeleteAccountPasswordPolicy", [](OpContext& ctx, const Json&) -> Result<Json> {
    return Then(ops::DeleteAccountPasswordPolicy(ctx), Empty);
  });
}

}  // namespace

void RegisterCredentialActions(ActionTable& t) {
  RegisterAccessKeyActions(t);
  RegisterLoginProfileActions(t);
  RegisterPasswordPolicyActions(t);
}

}  // namespace iamlite
