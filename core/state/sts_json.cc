#include "core/state/sts_json.h"

#include <set>

#include "core/names.h"

namespace iamlite::state {
namespace {

using nlohmann::json;

template <class In>
std::vector<std::string> StringsOf(const In& in, std::string_view key) {
  std::vector<std::string> out;
  if (!in.Has(key)) return out;
  In list = in.At(key);
  list.Array();
  for (std::size_t i = 0; i < list.Size(); ++i) out.push_back(list.Item(i).Str());
  return out;
}

template <class T, class F>
json TableJson(const Table<T>& table, F&& encode) {
  json out = json::array();
  for (const auto& [key, value] : table) out.push_back(encode(*value));
  return out;
}

template <class T, class Decode, class KeyOf, class In>
void DecodeList(const In& in, std::string_view member, Table<T>& table, Decode&& decode,
                KeyOf&& key_of) {
  if (!in.Has(member)) return;
  In list = in.At(member);
  list.Array();
  for (std::size_t i = 0; i < list.Size(); ++i) {
    T value = decode(list.Item(i));
    std::string key = key_of(value);
    if (!table.emplace(key, std::make_shared<const T>(std::move(value))).second)
      list.Item(i).Fail("duplicate \"" + key + "\"");
  }
}

}  // namespace

json ToJson(const OidcProvider& p) {
  json j = {{"url", p.url}, {"create_date", FormatTime(p.create_date)}};
  if (!p.client_ids.empty()) j["client_ids"] = p.client_ids;
  if (!p.thumbprints.empty()) j["thumbprints"] = p.thumbprints;
  if (!p.tags.empty()) j["tags"] = TagsJson(p.tags);
  return j;
}

template <class In>
OidcProvider DecodeOidcProvider(const In& in) {
  in.Object({"url", "create_date", "client_ids", "thumbprints", "tags"});
  OidcProvider p;
  p.url = in.At("url").NonEmptyStr();
  p.create_date = in.At("create_date").Time();
  p.client_ids = StringsOf(in, "client_ids");
  p.thumbprints = StringsOf(in, "thumbprints");
  p.tags = in.Has("tags") ? DecodeTags(in.At("tags")) : Tags{};
  return p;
}

json ToJson(const SamlProvider& p) {
  json j = {{"name", p.name},
            {"metadata", p.metadata},
            {"entity_id", p.entity_id},
            {"uuid", p.uuid},
            {"create_date", FormatTime(p.create_date)},
            {"valid_until", FormatTime(p.valid_until)}};
  if (!p.assertion_encryption_mode.empty())
    j["assertion_encryption_mode"] = p.assertion_encryption_mode;
  if (!p.tags.empty()) j["tags"] = TagsJson(p.tags);
  return j;
}

template <class In>
SamlProvider DecodeSamlProvider(const In& in) {
  in.Object({"name", "metadata", "entity_id", "uuid", "create_date", "valid_until",
             "assertion_encryption_mode", "tags"});
  SamlProvider p;
  p.name = in.At("name").NonEmptyStr();
  p.metadata = in.At("metadata").NonEmptyStr();
  p.entity_id = in.StrOr("entity_id", "");
  p.uuid = in.StrOr("uuid", "");
  p.create_date = in.At("create_date").Time();
  p.valid_until = in.Has("valid_until") ? in.At("valid_until").Time() : 0;
  p.assertion_encryption_mode = in.StrOr("assertion_encryption_mode", "");
  p.tags = in.Has("tags") ? DecodeTags(in.At("tags")) : Tags{};
  return p;
}

json ToJson(const StsSession& s) {
  json j = {{"access_key_id", s.access_key_id},
            {"secret_access_key", s.secret_access_key},
            {"session_token", s.session_token},
            {"account", s.account},
            {"arn", s.arn},
            {"principal_id", s.principal_id},
            {"mfa", s.mfa},
            {"issued", FormatTime(s.issued)},
            {"expiration", FormatTime(s.expiration)}};
  auto put = [&](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("role_name", s.role_name);
  put("role_arn", s.role_arn);
  put("user_name", s.user_name);
  put("session_name", s.session_name);
  put("source_identity", s.source_identity);
  if (!s.tags.empty()) j["tags"] = TagsJson(s.tags);
  if (!s.transitive_tag_keys.empty()) j["transitive_tag_keys"] = s.transitive_tag_keys;
  if (!s.inline_policies.empty()) {
    json docs = json::array();
    for (const auto& d : s.inline_policies) docs.push_back(d.text());
    j["inline_policies"] = std::move(docs);
  }
  if (!s.policy_arns.empty()) j["policy_arns"] = s.policy_arns;
  return j;
}

template <class In>
StsSession DecodeStsSession(const In& in, DecodeContext& ctx) {
  in.Object({"access_key_id", "secret_access_key", "session_token", "account", "arn",
             "principal_id", "mfa", "issued", "expiration", "role_name", "role_arn", "user_name",
             "session_name", "source_identity", "tags", "transitive_tag_keys", "inline_policies",
             "policy_arns"});
  StsSession s;
  s.access_key_id = in.At("access_key_id").NonEmptyStr();
  s.secret_access_key = in.At("secret_access_key").NonEmptyStr();
  s.session_token = in.At("session_token").NonEmptyStr();
  s.account = in.At("account").NonEmptyStr();
  s.arn = in.At("arn").NonEmptyStr();
  s.principal_id = in.StrOr("principal_id", "");
  s.mfa = in.BoolOr("mfa", false);
  s.issued = in.At("issued").Time();
  s.expiration = in.At("expiration").Time();
  s.role_name = in.StrOr("role_name", "");
  s.role_arn = in.StrOr("role_arn", "");
  s.user_name = in.StrOr("user_name", "");
  s.session_name = in.StrOr("session_name", "");
  s.source_identity = in.StrOr("source_identity", "");
  s.tags = in.Has("tags") ? DecodeTags(in.At("tags")) : Tags{};
  s.transitive_tag_keys = StringsOf(in, "transitive_tag_keys");
  if (in.Has("inline_policies")) {
    In docs = in.At("inline_policies");
    docs.Array();
    for (std::size_t i = 0; i < docs.Size(); ++i)
      s.inline_policies.push_back(ctx.Document(docs.Item(i), policy::PolicyKind::kInlineIdentity));
  }
  s.policy_arns = StringsOf(in, "policy_arns");
  return s;
}

void AddStsTables(const AccountState& s, bool secrets, json& j) {
  auto put = [&](const char* key, json list) {
    if (!list.empty()) j[key] = std::move(list);
  };
  put("oidc_providers",
      TableJson(s.oidc_providers, [](const OidcProvider& p) { return ToJson(p); }));
  put("saml_providers",
      TableJson(s.saml_providers, [](const SamlProvider& p) { return ToJson(p); }));
  if (secrets)
    put("sts_sessions", TableJson(s.sts_sessions, [](const StsSession& x) { return ToJson(x); }));
}

template <class In>
void DecodeStsTables(const In& in, DecodeContext& ctx, AccountState& s) {
  DecodeList(in, "oidc_providers", s.oidc_providers, DecodeOidcProvider<In>,
             [](const OidcProvider& p) { return p.url; });
  DecodeList(in, "saml_providers", s.saml_providers, DecodeSamlProvider<In>,
             [](const SamlProvider& p) { return FoldName(p.name); });
  DecodeList(
      in, "sts_sessions", s.sts_sessions, [&](const In& i) { return DecodeStsSession(i, ctx); },
      [](const StsSession& x) { return x.access_key_id; });
}

#define IAMLITE_INSTANTIATE(In)                                    \
  template OidcProvider DecodeOidcProvider(const In&);             \
  template SamlProvider DecodeSamlProvider(const In&);             \
  template StsSession DecodeStsSession(const In&, DecodeContext&); \
  template void DecodeStsTables(const In&, DecodeContext&, AccountState&);
IAMLITE_INSTANTIATE(JsonIn)
IAMLITE_INSTANTIATE(TreeIn)
#undef IAMLITE_INSTANTIATE

}  // namespace iamlite::state
