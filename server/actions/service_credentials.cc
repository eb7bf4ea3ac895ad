// Service-specific credentials: decode -> core/ops/service_specific_credentials -> output.
#include "core/ops/service_specific_credentials.h"
#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;

// The ServiceSpecificCredential shape (`secrets`: Create/Reset) or the Metadata shape (List).
Json CredentialJson(const ops::ServiceCredentialView& v, bool secrets) {
  const auto& c = v.credential;
  Json j = {{"CreateDate", c.create_date},
            {"ServiceName", c.service_name},
            {"ServiceSpecificCredentialId", c.id},
            {"UserName", v.user_name},
            {"Status", v.status}};
  if (c.expiration) j["ExpirationDate"] = *c.expiration;
  if (!c.service_user_name.empty()) j["ServiceUserName"] = c.service_user_name;
  if (!c.alias.empty()) j["ServiceCredentialAlias"] = c.alias;
  if (secrets && !c.service_password.empty()) j["ServicePassword"] = c.service_password;
  if (secrets && !c.secret.empty()) j["ServiceCredentialSecret"] = c.secret;
  return j;
}

Result<Json> Wrap(const Result<ops::ServiceCredentialView>& v) {
  if (!v) return std::unexpected(v.error());
  return Json{{"ServiceSpecificCredential", CredentialJson(*v, true)}};
}

}  // namespace

void RegisterServiceCredentialActions(ActionTable& t) {
  t.Add("CreateServiceSpecificCredential", [](OpContext& ctx, const Json& in) -> Result<Json> {
    std::optional<int> days;
    if (auto it = in.find("CredentialAgeDays"); it != in.end()) days = it->get<int>();
    return Wrap(ops::CreateServiceSpecificCredential(
        ctx, {Str(in, "UserName"), Str(in, "ServiceName"), days}));
  });
  t.Add("ListServiceSpecificCredentials", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page =
        ops::ListServiceSpecificCredentials(ctx, {OptStr(in, "UserName"), OptStr(in, "ServiceName"),
                                                  in.value("AllUsers", false), PageOf(in)});
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "ServiceSpecificCredentials",
                    [](const auto& v) { return CredentialJson(v, false); });
  });
  t.Add("ResetServiceSpecificCredential", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Wrap(ops::ResetServiceSpecificCredential(ctx, OptStr(in, "UserName"),
                                                    Str(in, "ServiceSpecificCredentialId")));
  });
  t.Add("UpdateServiceSpecificCredential", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::UpdateServiceSpecificCredential(
        ctx, OptStr(in, "UserName"), Str(in, "ServiceSpecificCredentialId"), Str(in, "Status"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("DeleteServiceSpecificCredential", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::DeleteServiceSpecificCredential(ctx, OptStr(in, "UserName"),
                                                     Str(in, "ServiceSpecificCredentialId"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
}

}  // namespace iamlite
