// Signing and server certificate operations: decode -> core/ops/*_certificates -> output tree.
#include "core/ops/server_certificates.h"
#include "core/ops/signing_certificates.h"
#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

Json SigningJson(const ops::SigningCertificateView& v) {
  return Json{{"UserName", v.user_name},
              {"CertificateId", v.certificate.id},
              {"CertificateBody", v.certificate.body},
              {"Status", v.certificate.active ? "Active" : "Inactive"},
              {"UploadDate", v.certificate.upload_date}};
}

Json MetadataJson(const ServerCertificate& c, const std::string& account) {
  return Json{
      {"Path", c.path},        {"ServerCertificateName", c.name}, {"ServerCertificateId", c.id},
      {"Arn", c.Arn(account)}, {"UploadDate", c.upload_date},     {"Expiration", c.expiration}};
}

Result<Json> Empty(const Result<void>& done) {
  if (!done) return std::unexpected(done.error());
  return Json::object();
}

void RegisterSigningCertificateActions(ActionTable& t) {
  t.Add("UploadSigningCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto cert =
        ops::UploadSigningCertificate(ctx, OptStr(in, "UserName"), Str(in, "CertificateBody"));
    if (!cert) return std::unexpected(cert.error());
    return Json{{"Certificate", SigningJson(*cert)}};
  });
  t.Add("ListSigningCertificates", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListSigningCertificates(ctx, OptStr(in, "UserName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Certificates", SigningJson);
  });
  t.Add("UpdateSigningCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::UpdateSigningCertificate(ctx, OptStr(in, "UserName"),
                                               Str(in, "CertificateId"), Str(in, "Status")));
  });
  t.Add("DeleteSigningCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(
        ops::DeleteSigningCertificate(ctx, OptStr(in, "UserName"), Str(in, "CertificateId")));
  });
}

void RegisterServerCertificateActions(ActionTable& t) {
  t.Add("UploadServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::UploadServerCertificateInput args{
        Str(in, "ServerCertificateName"), in.value("Path", std::string("/")),
        Str(in, "CertificateBody"),       Str(in, "PrivateKey"),
        Str(in, "CertificateChain"),      TagsOf(in)};
    auto cert = ops::UploadServerCertificate(ctx, args);
    if (!cert) return std::unexpected(cert.error());
    Json out{{"ServerCertificateMetadata", MetadataJson(*cert, ctx.account())}};
    if (!cert->tags.empty()) out["Tags"] = ToJson(cert->tags);
    return out;
  });
  t.Add("GetServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto cert = ops::GetServerCertificate(ctx, Str(in, "ServerCertificateName"));
    if (!cert) return std::unexpected(cert.error());
    // AWS answers Tags even when empty (recorded).
    Json sc{{"ServerCertificateMetadata", MetadataJson(*cert, ctx.account())},
            {"CertificateBody", cert->body},
            {"Tags", ToJson(cert->tags)}};
    if (!cert->chain.empty()) sc["CertificateChain"] = cert->chain;
    return Json{{"ServerCertificate", std::move(sc)}};
  });
  t.Add("ListServerCertificates", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page =
        ops::ListServerCertificates(ctx, in.value("PathPrefix", std::string("/")), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "ServerCertificateMetadataList",
                    [&](const auto& c) { return MetadataJson(*c, ctx.account()); });
  });
  t.Add("UpdateServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::UpdateServerCertificate(
        ctx, {Str(in, "ServerCertificateName"), OptStr(in, "NewServerCertificateName"),
              OptStr(in, "NewPath")}));
  });
  t.Add("DeleteServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::DeleteServerCertificate(ctx, Str(in, "ServerCertificateName")));
  });
  t.Add("TagServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(ops::TagServerCertificate(ctx, Str(in, "ServerCertificateName"), TagsOf(in)));
  });
  t.Add("UntagServerCertificate", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Empty(
        ops::UntagServerCertificate(ctx, Str(in, "ServerCertificateName"), StrList(in, "TagKeys")));
  });
  t.Add("ListServerCertificateTags", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = ops::ListServerCertificateTags(ctx, Str(in, "ServerCertificateName"), PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "Tags", [](const Tag& tag) {
      return Json{{"Key", tag.key}, {"Value", tag.value}};
    });
  });
}

}  // namespace

void RegisterCertificateActions(ActionTable& t) {
  RegisterSigningCertificateActions(t);
  RegisterServerCertificateActions(t);
}

}  // namespace iamlite
