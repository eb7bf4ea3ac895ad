// Managed policies, their versions and tags, attachments and inline policies:
// decode -> core/ops/{managed_policies,attachments,inline_policies} -> output tree.
#include "core/ops/attachments.h"
#include "core/ops/inline_policies.h"
#include "core/ops/managed_policies.h"
#include "core/url_encode.h"
#include "server/action_table.h"
#include "server/actions/policy_shapes.h"
#include "server/actions/shapes.h"

namespace iamlite {
namespace {

using namespace shapes;
using ops::EntityKind;

Result<Json> Done(const Result<void>& r) {
  if (!r) return std::unexpected(r.error());
  return Json::object();
}

template <class T, class F>
Result<Json> Then(const Result<T>& r, F&& to_json) {
  if (!r) return std::unexpected(r.error());
  return to_json(*r);
}

void RegisterManagedPolicyActions(ActionTable& t) {
  t.Add("CreatePolicy", [](OpContext& ctx, const Json& in) {
    ops::CreatePolicyInput args{Str(in, "PolicyName"), in.value("Path", std::string("/")),
                                Str(in, "PolicyDocument"), Str(in, "Description"), TagsOf(in)};
    return Then(ops::CreatePolicy(ctx, args), [](const auto& p) {
      return Json{{"Policy", ToJson(p, PolicyFields::kCreate)}};
    });
  });
  t.Add("GetPolicy", [](OpContext& ctx, const Json& in) {
    return Then(ops::GetPolicy(ctx, Str(in, "PolicyArn")), [](const auto& p) {
      return Json{{"Policy", ToJson(p, PolicyFields::kGet)}};
    });
  });
  t.Add("ListPolicies", [](OpContext& ctx, const Json& in) {
    return Then(ops::ListPolicies(ctx, ListPoliciesInputOf(in), PageOf(in)), [](const auto& page) {
      return PageJson(page, "Policies",
                      [](const auto& p) { return ToJson(p, PolicyFields::kList); });
    });
  });
  t.Add("DeletePolicy", [](OpContext& ctx, const Json& in) {
    return Done(ops::DeletePolicy(ctx, Str(in, "PolicyArn")));
  });
  t.Add("CreatePolicyVersion", [](OpContext& ctx, const Json& in) {
    auto v = ops::CreatePolicyVersion(ctx, Str(in, "PolicyArn"), Str(in, "PolicyDocument"),
                                      in.value("SetAsDefault", false));
    return Then(v, [](const auto& pv) { return Json{{"PolicyVersion", ToJson(pv, false)}}; });
  });
  t.Add("GetPolicyVersion", [](OpContext& ctx, const Json& in) {
    auto v = ops::GetPolicyVersion(ctx, Str(in, "PolicyArn"), Str(in, "VersionId"));
    return Then(v, [](const auto& pv) { return Json{{"PolicyVersion", ToJson(pv, true)}}; });
  });
  t.Add("ListPolicyVersions", [](OpContext& ctx, const Json& in) {
    return Then(ops::ListPolicyVersions(ctx, Str(in, "PolicyArn"), PageOf(in)), [](const auto& p) {
      return PageJson(p, "Versions", [](const auto& v) { return ToJson(v, false); });
    });
  });
  t.Add("DeletePolicyVersion", [](OpContext& ctx, const Json& in) {
    return Done(ops::DeletePolicyVersion(ctx, Str(in, "PolicyArn"), Str(in, "VersionId")));
  });
  t.Add("SetDefaultPolicyVersion", [](OpContext& ctx, const Json& in) {
    return Done(ops::SetDefaultPolicyVersion(ctx, Str(in, "PolicyArn"), Str(in, "VersionId")));
  });
}

void RegisterPolicyTagAndEntityActions(ActionTable& t) {
  t.Add("TagPolicy", [](OpContext& ctx, const Json& in) {
    return Done(ops::TagPolicy(ctx, Str(in, "PolicyArn"), TagsOf(in)));
  });
  t.Add("UntagPolicy", [](OpContext& ctx, const Json& in) {
    return Done(ops::UntagPolicy(ctx, Str(in, "PolicyArn"), StrList(in, "TagKeys")));
  });
  t.Add("ListPolicyTags", [](OpContext& ctx, const Json& in) {
    return Then(ops::ListPolicyTags(ctx, Str(in, "PolicyArn"), PageOf(in)), [](const auto& p) {
      return PageJson(p, "Tags", [](const Tag& tag) {
        return Json{{"Key", tag.key}, {"Value", tag.value}};
      });
    });
  });
  t.Add("ListEntitiesForPolicy", [](OpContext& ctx, const Json& in) {
    return Then(ops::ListEntitiesForPolicy(ctx, ListEntitiesInputOf(in), PageOf(in)),
                [](const auto& page) { return EntitiesPageJson(page); });
  });
}

// Attach/Detach/ListAttached and Put/Get/Delete/List for one kind of entity, e.g. "User"
// with its input member "UserName".
void RegisterEntityPolicyActions(ActionTable& t, EntityKind kind, const std::string& word) {
  std::string key = word + "Name";
  t.Add("Attach" + word + "Policy", [=](OpContext& ctx, const Json& in) {
    return Done(ops::AttachPolicy(ctx, kind, Str(in, key.c_str()), Str(in, "PolicyArn")));
  });
  t.Add("Detach" + word + "Policy", [=](OpContext& ctx, const Json& in) {
    return Done(ops::DetachPolicy(ctx, kind, Str(in, key.c_str()), Str(in, "PolicyArn")));
  });
  t.Add("ListAttached" + word + "Policies", [=](OpContext& ctx, const Json& in) {
    auto page = ops::ListAttachedPolicies(ctx, kind, Str(in, key.c_str()),
                                          in.value("PathPrefix", std::string("/")), PageOf(in));
    return Then(page, [](const auto& p) {
      return PageJson(p, "AttachedPolicies", [](const auto& a) { return ToJson(a); });
    });
  });
  t.Add("Put" + word + "Policy", [=](OpContext& ctx, const Json& in) {
    return Done(ops::PutInlinePolicy(ctx, kind, Str(in, key.c_str()), Str(in, "PolicyName"),
                                     Str(in, "PolicyDocument")));
  });
  t.Add("Get" + word + "Policy", [=](OpContext& ctx, const Json& in) {
    auto got = ops::GetInlinePolicy(ctx, kind, Str(in, key.c_str()), Str(in, "PolicyName"));
    return Then(got, [&](const auto& p) {
      return Json{{key, p.entity_name},
                  {"PolicyName", p.policy_name},
                  {"PolicyDocument", UrlEncodePolicy(p.document)}};
    });
  });
  t.Add("Delete" + word + "Policy", [=](OpContext& ctx, const Json& in) {
    return Done(ops::DeleteInlinePolicy(ctx, kind, Str(in, key.c_str()), Str(in, "PolicyName")));
  });
  t.Add("List" + word + "Policies", [=](OpContext& ctx, const Json& in) {
    auto page = ops::ListInlinePolicies(ctx, kind, Str(in, key.c_str()), PageOf(in));
    return Then(page, [](const auto& p) {
      return PageJson(p, "PolicyNames", [](const std::string& n) { return Json(n); });
    });
  });
}

}  // namespace

void RegisterPolicyActions(ActionTable& t) {
  RegisterManagedPolicyActions(t);
  RegisterPolicyTagAndEntityActions(t);
  RegisterEntityPolicyActions(t, EntityKind::kUser, "User");
  RegisterEntityPolicyActions(t, EntityKind::kGroup, "Group");
  RegisterEntityPolicyActions(t, EntityKind::kRole, "Role");
}

}  // namespace iamlite
