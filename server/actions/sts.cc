// STS operations: decode -> core/ops/sts -> output tree. GetCallerIdentity answers for the
// caller the request carries (an IAM user, a root, or an STS session).
#include "core/ops/sts.h"

#include "server/action_table.h"
#include "server/actions/shapes.h"

namespace iamlite {

using namespace shapes;

namespace {

std::optional<int> OptInt(const Json& in, const char* name) {
  auto it = in.find(name);
  if (it == in.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<int>();
}

ops::SessionPolicies PoliciesOf(const Json& in) {
  ops::SessionPolicies p{OptStr(in, "Policy"), {}};
  if (auto it = in.find("PolicyArns"); it != in.end() && it->is_array())
    for (const auto& d : *it) p.policy_arns.push_back(d.value("arn", std::string()));
  return p;
}

Json CredentialsOf(const StsSession& s) {
  return Json{{"AccessKeyId", s.access_key_id},
              {"SecretAccessKey", s.secret_access_key},
              {"SessionToken", s.session_token},
              {"Expiration", s.expiration}};
}

// Credentials, AssumedRoleUser, PackedPolicySize and SourceIdentity of a role session.
Json RoleSessionJson(const ops::Issued& issued) {
  const StsSession& s = *issued.session;
  Json out{{"Credentials", CredentialsOf(s)},
           {"AssumedRoleUser", {{"AssumedRoleId", s.principal_id}, {"Arn", s.arn}}}};
  if (issued.packed_policy_size) out["PackedPolicySize"] = *issued.packed_policy_size;
  if (!s.source_identity.empty()) out["SourceIdentity"] = s.source_identity;
  return out;
}

template <class T, class F>
Result<Json> Map(Result<T> r, F&& to_json) {
  if (!r) return std::unexpected(r.error());
  return to_json(*r);
}

void RegisterAssume(ActionTable& t) {
  t.Add("AssumeRole", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::AssumeRoleInput args{Str(in, "RoleArn"),
                              Str(in, "RoleSessionName"),
                              PoliciesOf(in),
                              OptInt(in, "DurationSeconds"),
                              TagsOf(in),
                              StrList(in, "TransitiveTagKeys"),
                              OptStr(in, "ExternalId"),
                              OptStr(in, "SerialNumber"),
                              OptStr(in, "TokenCode"),
                              OptStr(in, "SourceIdentity")};
    return Map(ops::AssumeRole(ctx, args), RoleSessionJson);
  });
  t.Add("AssumeRoleWithWebIdentity", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::WebIdentityInput args{Str(in, "RoleArn"),
                               Str(in, "RoleSessionName"),
                               Str(in, "WebIdentityToken"),
                               OptStr(in, "ProviderId"),
                               PoliciesOf(in),
                               OptInt(in, "DurationSeconds")};
    return Map(ops::AssumeRoleWithWebIdentity(ctx, args), [](const ops::WebIdentityIssued& r) {
      Json out = RoleSessionJson(r.issued);
      out["SubjectFromWebIdentityToken"] = r.subject;
      out["Provider"] = r.provider;
      out["Audience"] = r.audience;
      return out;
    });
  });
  t.Add("AssumeRoleWithSAML", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::SamlInput args{Str(in, "RoleArn"), Str(in, "PrincipalArn"), Str(in, "SAMLAssertion"),
                        PoliciesOf(in), OptInt(in, "DurationSeconds")};
    return Map(ops::AssumeRoleWithSAML(ctx, args), [](const ops::SamlIssued& r) {
      Json out = RoleSessionJson(r.issued);
      out["Subject"] = r.subject;
      out["SubjectType"] = r.subject_type;
      out["Issuer"] = r.issuer;
      out["Audience"] = r.audience;
      out["NameQualifier"] = r.name_qualifier;
      return out;
    });
  });
}

void RegisterTokens(ActionTable& t) {
  t.Add("GetSessionToken", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Map(ops::GetSessionToken(ctx, OptInt(in, "DurationSeconds"), OptStr(in, "SerialNumber"),
                                    OptStr(in, "TokenCode")),
               [](const ops::Issued& r) {
                 return Json{{"Credentials", CredentialsOf(*r.session)}};
               });
  });
  t.Add("GetFederationToken", [](OpContext& ctx, const Json& in) -> Result<Json> {
    ops::FederationInput args{Str(in, "Name"), PoliciesOf(in), OptInt(in, "DurationSeconds"),
                              TagsOf(in)};
    return Map(ops::GetFederationToken(ctx, args), [](const ops::Issued& r) {
      const StsSession& s = *r.session;
      return Json{{"Credentials", CredentialsOf(s)},
                  {"FederatedUser", {{"FederatedUserId", s.principal_id}, {"Arn", s.arn}}},
                  {"PackedPolicySize", r.packed_policy_size.value_or(0)}};
    });
  });
  t.Add("AssumeRoot", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return std::unexpected(ops::AssumeRootUnavailable(ctx.caller, Str(in, "TargetPrincipal")));
  });
  t.Add("GetDelegatedAccessToken", [](OpContext&, const Json&) -> Result<Json> {
    return std::unexpected(ops::DelegatedAccessTokenUnavailable());
  });
  t.Add("GetWebIdentityToken", [](OpContext&, const Json&) -> Result<Json> {
    return std::unexpected(ops::WebIdentityTokenUnavailable());
  });
}

}  // namespace

void RegisterStsActions(ActionTable& t) {
  t.Add("GetCallerIdentity", [](OpContext& ctx, const Json&) -> Result<Json> {
    const Caller& c = ctx.caller;
    // AWS: the account id for root, the unique id (AIDA...) for an IAM user, ROLEID:SESSION
    // for a role session, ACCOUNT:NAME for a federated user.
    std::string user_id = c.principal_id.empty() ? c.account : c.principal_id;
    return Json{{"UserId", user_id}, {"Account", c.account}, {"Arn", c.arn}};
  });
  t.Add("GetAccessKeyInfo", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Json{{"Account", ops::GetAccessKeyInfo(ctx, Str(in, "AccessKeyId"))}};
  });
  t.Add("DecodeAuthorizationMessage", [](OpContext& ctx, const Json& in) -> Result<Json> {
    return Map(ops::DecodeAuthorizationMessage(ctx, Str(in, "EncodedMessage")),
               [](const std::string& m) {
                 return Json{{"DecodedMessage", m}};
               });
  });
  RegisterAssume(t);
  RegisterTokens(t);
}

}  // namespace iamlite
