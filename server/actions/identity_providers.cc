// IAM identity providers (OpenID Connect and SAML): decode -> core/ops/identity_providers.
#include "core/ops/identity_providers.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

template <class F>
Result<Json> Done(F&& call) {
  auto done = call();
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

Json TagPage(const Page<Tag>& page) {
  return PageJson(page, "Tags", [](const Tag& t) {
    return Json{{"Key", t.key}, {"Value", t.value}};
  });
}

void RegisterOidc(ActionTable& t) {
  constexpr const char* kArn = "OpenIDConnectProviderArn";
  t.Add("CreateOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::CreateOidcProvider(ctx, {Str(in, "Url"), StrList(in, "ClientIDList"),
                                           StrList(in, "ThumbprintList"), TagsOf(in)});
    if (!p) return std::unexpected(p.error());
    Json out{{"OpenIDConnectProviderArn", p->Arn(ctx.account())}};
    if (!p->tags.empty()) out["Tags"] = ToJson(p->tags);
    return out;
  });
  t.Add("GetOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::GetOidcProvider(ctx, Str(in, kArn));
    if (!p) return std::unexpected(p.error());
    return Json{{"Url", p->url},
                {"ClientIDList", p->client_ids},
                {"ThumbprintList", p->thumbprints},
                {"CreateDate", p->create_date},
                {"Tags", ToJson(p->tags)}};
  });
  t.Add("ListOpenIDConnectProviders", [](OpContext& ctx, const Json&) -> Result<Json> {
    Json list = Json::array();
    for (const auto& arn : ops::ListOidcProviders(ctx)) list.push_back(Json{{"Arn", arn}});
    return Json{{"OpenIDConnectProviderList", list}};
  });
  t.Add("DeleteOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::DeleteOidcProvider(ctx, Str(in, kArn)); });
  });
  t.Add("AddClientIDToOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done(
        [&] { return ops::AddClientIdToOidcProvider(ctx, Str(in, kArn), Str(in, "ClientID")); });
  });
  t.Add("RemoveClientIDFromOpenIDConnectProvider",
        [](OpContext& ctx, const Json& in) -> Result<Json> {
          return Done([&] {
            return ops::RemoveClientIdFromOidcProvider(ctx, Str(in, kArn), Str(in, "ClientID"));
          });
        });
  t.Add("UpdateOpenIDConnectProviderThumbprint",
        [](OpContext& ctx, const Json& in) -> Result<Json> {
          return Done([&] {
            return ops::UpdateOidcProviderThumbprint(ctx, Str(in, kArn),
                                                     StrList(in, "ThumbprintList"));
          });
        });
  t.Add("TagOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::TagOidcProvider(ctx, Str(in, kArn), TagsOf(in)); });
  });
  t.Add("UntagOpenIDConnectProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::UntagOidcProvider(ctx, Str(in, kArn), StrList(in, "TagKeys")); });
  });
  t.Add("ListOpenIDConnectProviderTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListOidcProviderTags(ctx, Str(in, kArn), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return TagPage(*page);
  });
}

void RegisterSaml(ActionTable& t) {
  constexpr const char* kArn = "SAMLProviderArn";
  t.Add("CreateSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::CreateSamlProvider(ctx, {Str(in, "Name"), Str(in, "SAMLMetadataDocument"),
                                           TagsOf(in), Str(in, "AssertionEncryptionMode")});
    if (!p) return std::unexpected(p.error());
    Json out{{"SAMLProviderArn", p->Arn(ctx.account())}};
    if (!p->tags.empty()) out["Tags"] = ToJson(p->tags);
    return out;
  });
  t.Add("GetSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::GetSamlProvider(ctx, Str(in, kArn));
    if (!p) return std::unexpected(p.error());
    return Json{
        {"SAMLProviderUUID", p->uuid},    {"SAMLMetadataDocument", p->metadata},
        {"CreateDate", p->create_date},   {"ValidUntil", p->valid_until},
        {"Tags", ToJson(p->tags)},        {"AssertionEncryptionMode", p->assertion_encryption_mode},
        {"PrivateKeyList", Json::array()}};
  });
  t.Add("ListSAMLProviders", [](OpContext& ctx, const Json&) -> Result<Json> {
    Json list = Json::array();
    for (const auto& p : ops::ListSamlProviders(ctx))
      list.push_back(Json{{"Arn", p.Arn(ctx.account())},
                          {"ValidUntil", p.valid_until},
                          {"CreateDate", p.create_date}});
    return Json{{"SAMLProviderList", list}};
  });
  t.Add("UpdateSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto p = ops::UpdateSamlProvider(ctx, {Str(in, kArn), OptStr(in, "SAMLMetadataDocument"),
                                           OptStr(in, "AssertionEncryptionMode")});
    if (!p) return std::unexpected(p.error());
    return Json{{"SAMLProviderArn", p->Arn(ctx.account())}};
  });
  t.Add("DeleteSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::DeleteSamlProvider(ctx, Str(in, kArn)); });
  });
  t.Add("TagSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::TagSamlProvider(ctx, Str(in, kArn), TagsOf(in)); });
  });
  t.Add("UntagSAMLProvider", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Done([&] { return ops::UntagSamlProvider(ctx, Str(in, kArn), StrList(in, "TagKeys")); });
  });
  t.Add("ListSAMLProviderTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListSamlProviderTags(ctx, Str(in, kArn), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return TagPage(*page);
  });
}

}  // namespace

void RegisterIdentityProviderActions(ActionTable& t) {
  RegisterOidc(t);
  RegisterSaml(t);
}

}  // namespace iamlite
