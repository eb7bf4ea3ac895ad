// Account-wide operations: aliases, summary, credential report.
#include "core/ops/account.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

void RegisterAccountActions(ActionTable& t) {
  t.Add("CreateAccountAlias", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::CreateAccountAlias(ctx, Str(in, "AccountAlias"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("DeleteAccountAlias", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto done = ops::DeleteAccountAlias(ctx, Str(in, "AccountAlias"));
    if (!done) return std::unexpected(done.error());
    return Json::object();
  });
  t.Add("ListAccountAliases", [](OpContext& ctx, const Json& in) -> Result<Json> {
    auto page = PaginateVector(ops::ListAccountAliases(ctx), "ListAccountAliases", PageOf(in));
    if (!page) return std::unexpected(page.error());
    return PageJson(*page, "AccountAliases", [](const std::string& a) { return Json(a); });
  });
  t.Add("GetAccountSummary", [](OpContext& ctx, const Json&) -> Result<Json> {
    return Json{{"SummaryMap", ops::AccountSummary(ctx)}};
  });
  t.Add("GenerateCredentialReport", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto r = ops::GenerateCredentialReport(ctx);
    if (!r) return std::unexpected(r.error());
    Json out = {{"State", r->state}};
    if (!r->description.empty()) out["Description"] = r->description;
    return out;
  });
  t.Add("GetCredentialReport", [](OpContext& ctx, const Json&) -> Result<Json> {
    auto r = ops::GetCredentialReport(ctx);
    if (!r) return std::unexpected(r.error());
    return Json{{"Content", r->content}, {"ReportFormat", "text/csv"}, {"GeneratedTime", r->generated}};
  });
}

}  // namespace iamlite
