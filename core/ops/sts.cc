#include "core/ops/sts.h"

#include <openssl/sha.h>

#include <algorithm>
#include <cmath>
#include <pugixml.hpp>

#include "core/base64.h"
#include "core/names.h"
#include "core/ops/effective_policies.h"
#include "core/ops/identity_providers.h"
#include "core/ops/lookup.h"
#include "core/ops/mfa.h"
#include "core/ops/policy_common.h"
#include "core/ops/sts_sessions.h"
#include "core/policy/compiled_policy.h"
#include "core/policy/evaluator.h"
#include "core/policy/parser.h"
#include "core/state/json_in.h"

namespace iamlite::ops {
namespace {

using policy::ContextKeys;
using policy::ContextValue;
using policy::ValueType;

constexpr int kOneHour = 3600;
constexpr int kDefaultUserSession = 43200;
constexpr int kMaxPackedBytes = 2048;  // the session policy plaintext limit AWS documents

IamError InvalidParameterValue(std::string m) {
  return IamError{"InvalidParameterValue", 400, std::move(m), true};
}
IamError InvalidIdentityToken(std::string m) {
  return IamError{"InvalidIdentityToken", 400, std::move(m), true};
}
IamError ExpiredTokenException(std::string m) {
  return IamError{"ExpiredTokenException", 400, std::move(m), true};
}
IamError IdpRejectedClaim(std::string m) {
  return IamError{"IDPRejectedClaim", 403, std::move(m), true};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// ---- the role ------------------------------------------------------------------------------

struct RoleRef {
  std::string account;
  std::shared_ptr<const Role> role;  // null: no such role
};

// "arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE" with partition, service and resource
// present; otherwise ValidationError "{arn} is invalid" (recorded).
Result<RoleRef> ResolveRole(OpContext& ctx, const std::string& arn) {
  std::vector<std::string_view> parts;
  std::string_view rest(arn);
  for (int i = 0; i < 5; ++i) {
    auto colon = rest.find(':');
    if (colon == std::string_view::npos) break;
    parts.push_back(rest.substr(0, colon));
    rest.remove_prefix(colon + 1);
  }
  parts.push_back(rest);
  if (parts.size() != 6 || parts[0] != "arn" || parts[1].empty() || parts[2].empty() ||
      parts[5].empty())
    return std::unexpected(errors::ValidationError(arn + " is invalid"));
  RoleRef ref;
  ref.account = std::string(parts[4]);
  if (parts[2] != "iam" || !parts[5].starts_with("role/") || ref.account.size() != 12) return ref;
  const std::string name(parts[5].substr(parts[5].rfind('/') + 1));
  ctx.store.Read(ref.account, [&](const AccountState& s) {
    auto it = s.roles.find(FoldName(name));
    if (it != s.roles.end() && it->second->Arn(ref.account) == arn) ref.role = it->second;
  });
  return ref;
}

// ---- the caller as a principal ---------------------------------------------------------------

struct CallerView {
  policy::Principal principal;
  ContextKeys context;
  std::vector<policy::PolicySource> identity;
  std::optional<policy::PolicySource> boundary;
  std::vector<policy::PolicySource> session;
};

policy::PolicySource SourceOf(const EffectivePolicy& p) {
  return {p.id, p.type, p.label, policy::CompileShared(*p.parsed)};
}

void SetBool(ContextKeys& c, std::string_view key, bool v) {
  c.Set(key, ContextValue{ValueType::kBool, false, {v ? "true" : "false"}});
}

void AddCommonContext(OpContext& ctx, ContextKeys& c) {
  const TimeMs now = ctx.clock.Now();
  c.Set("aws:CurrentTime", ContextValue{ValueType::kDate, false, {FormatIso8601(now)}});
  c.Set("aws:EpochTime", ContextValue{ValueType::kNumber, false, {std::to_string(now / 1000)}});
  if (!ctx.caller.source_ip.empty())
    c.Set("aws:SourceIp", ContextValue{ValueType::kIp, false, {ctx.caller.source_ip}});
  c.Set("aws:RequestedRegion", "us-east-1");
}

// The caller's principal, its identity-describing context keys and (when `with_policies`)
// its identity-based, boundary and session policies.
CallerView ViewOfCaller(OpContext& ctx, bool with_policies) {
  const Caller& c = ctx.caller;
  CallerView v;
  v.principal.account = c.account;
  v.principal.arn = c.arn;
  v.context.Set("aws:PrincipalAccount", c.account);
  const StsSession* session = c.session.get();
  auto load = [&](const std::string& arn) {
    auto eff = EffectivePoliciesOf(ctx, arn);
    if (!eff) return;
    if (with_policies) {
      for (const auto& p : eff->identity) v.identity.push_back(SourceOf(p));
      if (eff->boundary) v.boundary = SourceOf(*eff->boundary);
    }
    for (const auto& e : eff->context.entries())
      if (!v.context.FindFolded(e.folded)) v.context.Set(e);
  };
  switch (c.type) {
    case Caller::Type::kRoot:
      v.principal.type = policy::PrincipalType::kRoot;
      v.context.Set("aws:PrincipalType", "Account");
      v.context.Set("aws:userid", c.account);
      v.context.Set("aws:PrincipalArn", c.arn);
      break;
    case Caller::Type::kUser:
      v.principal.type = policy::PrincipalType::kUser;
      load(c.arn);
      break;
    case Caller::Type::kAssumedRole:
      v.principal.type = policy::PrincipalType::kAssumedRole;
      if (session) {
        v.principal.parent_arn = session->role_arn;
        for (const auto& t : session->tags) v.context.Set("aws:PrincipalTag/" + t.key, t.value);
        if (!session->source_identity.empty())
          v.context.Set("aws:SourceIdentity", session->source_identity);
        load(session->role_arn);
        v.context.Set("aws:PrincipalArn", session->role_arn);
      }
      v.context.Set("aws:PrincipalType", "AssumedRole");
      v.context.Set("aws:userid", c.principal_id);
      break;
    case Caller::Type::kFederatedUser:
      v.principal.type = policy::PrincipalType::kFederatedUser;
      if (session) {
        v.principal.parent_arn = "arn:aws:iam::" + c.account + ":user/" + session->user_name;
        for (const auto& t : session->tags) v.context.Set("aws:PrincipalTag/" + t.key, t.value);
      }
      v.context.Set("aws:PrincipalType", "FederatedUser");
      v.context.Set("aws:userid", c.principal_id);
      v.context.Set("aws:PrincipalArn", c.arn);
      break;
  }
  if (session && with_policies) {
    for (std::size_t i = 0; i < session->inline_policies.size(); ++i) {
      const auto& doc = session->inline_policies[i];
      if (auto parsed = doc.Parsed())
        v.session.push_back({"session policy " + std::to_string(i + 1), "session", "",
                             policy::CompileShared(*parsed)});
    }
  }
  if (session) SetBool(v.context, "aws:MultiFactorAuthPresent", session->mfa);
  AddCommonContext(ctx, v.context);
  return v;
}

// ---- the trust decision ----------------------------------------------------------------------

struct TrustRequest {
  const RoleRef* role;
  policy::Principal principal;
  ContextKeys context;
  // Across accounts: the caller's own policies must allow too (none for root).
  std::vector<policy::PolicySource> identity;
  std::optional<policy::PolicySource> boundary;
  std::vector<policy::PolicySource> session;
};

// True when the trust policy (and across accounts, the caller's policies) allow `action`.
bool TrustAllows(const TrustRequest& req, const std::string& action) {
  const Role& role = *req.role->role;
  auto trust = role.assume_role_policy.Parsed();
  if (!trust) return false;
  policy::EvaluationInput input;
  policy::ResourcePolicy rp;
  rp.source = {role.Arn(req.role->account) + " trust policy", "resource",
               "role " + role.name + " trust policy", policy::CompileShared(*trust)};
  rp.owner_account = req.role->account;
  rp.kind = policy::ResourcePolicyKind::kRoleTrust;
  input.resource = std::move(rp);
  input.same_account = req.principal.account == req.role->account;
  if (!input.same_account) {
    input.identity = req.identity;
    input.boundary = req.boundary;
    input.session = req.session;
  }
  policy::RequestContext request;
  request.action = action;
  request.resource = role.Arn(req.role->account);
  request.principal = req.principal;
  request.context = req.context;
  policy::Decision d = policy::Evaluate(input, request);
  if (input.same_account)
    return d.outcome(policy::PolicyType::kResource) == policy::Outcome::kAllows;
  return d.allowed();
}

// ---- session policies, tags, durations -------------------------------------------------------

// Whitespace outside strings does not count towards the packed size.
std::size_t MinifiedSize(std::string_view text) {
  std::size_t n = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      ++n;
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
      ++n;
    } else if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
      ++n;
    }
  }
  return n;
}

struct PreparedPolicies {
  std::vector<PolicyDocument> inline_policies;
  std::vector<std::string> arns;
  std::optional<int> packed_size;
};

Result<PreparedPolicies> PreparePolicies(const SessionPolicies& in, const Tags& tags) {
  PreparedPolicies out;
  std::size_t bytes = 0;
  if (in.policy) {
    auto parsed = policy::ParsePolicy(*in.policy, policy::PolicyKind::kInlineIdentity);
    if (!parsed) return std::unexpected(errors::MalformedPolicyDocument(parsed.error().message));
    // Kept parsed: every request made with the session evaluates it.
    out.inline_policies.emplace_back(*in.policy, policy::PolicyKind::kInlineIdentity, *parsed);
    bytes += MinifiedSize(*in.policy);
  }
  for (const auto& arn : in.policy_arns) {
    if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
    out.arns.push_back(arn);
    bytes += arn.size();
  }
  for (const auto& t : tags) bytes += t.key.size() + t.value.size();
  if (!in.policy && in.policy_arns.empty() && tags.empty()) return out;
  const int percent = static_cast<int>((bytes * 100 + kMaxPackedBytes - 1) / kMaxPackedBytes);
  if (percent > 100)
    return std::unexpected(IamError{"PackedPolicyTooLarge", 400,
                                    "Packed policy consumes " + std::to_string(percent) +
                                        "% of allotted space, please use smaller policy.",
                                    true});
  out.packed_size = percent;
  return out;
}

// Session tags with the caller's transitive tags carried in (recorded messages).
Result<void> CheckSessionTags(const AssumeRoleInput& in, const StsSession* caller_session,
                              Tags& tags, std::vector<std::string>& transitive) {
  std::vector<std::string> seen;
  for (const auto& t : in.tags) {
    std::string folded = Lower(t.key);
    if (std::find(seen.begin(), seen.end(), folded) != seen.end())
      return std::unexpected(InvalidParameterValue(
          "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
    seen.push_back(std::move(folded));
  }
  for (const auto& key : in.transitive_tag_keys)
    if (std::find(seen.begin(), seen.end(), Lower(key)) == seen.end())
      return std::unexpected(InvalidParameterValue(
          "The specified transitive tag key must be included in the requested tags."));
  tags = in.tags;
  transitive = in.transitive_tag_keys;
  if (!caller_session) return Ok();
  for (const auto& key : caller_session->transitive_tag_keys) {
    if (std::find(seen.begin(), seen.end(), Lower(key)) != seen.end())
      return std::unexpected(InvalidParameterValue(
          "One of the specified transitive tag keys can't be set because it conflicts with a "
          "transitive tag key from the calling session."));
    for (const auto& t : caller_session->tags)
      if (t.key == key) tags.push_back(t);
    transitive.push_back(key);
  }
  return Ok();
}

void AddRequestTags(const Tags& tags, ContextKeys& c) {
  ContextValue keys{ValueType::kString, true, {}};
  for (const auto& t : tags) {
    c.Set("aws:RequestTag/" + t.key, t.value);
    keys.values.push_back(t.key);
  }
  if (!tags.empty()) c.Set("aws:TagKeys", std::move(keys));
}

Result<int> RoleDuration(std::optional<int> requested, const Role& role, bool chained) {
  const int d = requested.value_or(kOneHour);
  if (chained && d > kOneHour)
    return std::unexpected(errors::ValidationError(
        "The requested DurationSeconds exceeds the 1 hour session limit for roles assuming "
        "other roles."));
  if (d > role.max_session_duration)
    return std::unexpected(errors::ValidationError(
        "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."));
  return d;
}

// The parts every assumed-role session shares.
StsSession RoleSession(OpContext& ctx, const RoleRef& ref, const std::string& session_name,
                       int duration, PreparedPolicies& policies) {
  StsSession s;
  s.account = ref.account;
  s.role_name = ref.role->name;
  s.role_arn = ref.role->Arn(ref.account);
  s.session_name = session_name;
  s.arn = "arn:aws:sts::" + ref.account + ":assumed-role/" + ref.role->name + "/" + session_name;
  s.principal_id = ref.role->id + ":" + session_name;
  s.inline_policies = std::move(policies.inline_policies);
  s.policy_arns = std::move(policies.arns);
  s.issued = ctx.clock.Now();
  s.expiration = s.issued + static_cast<TimeMs>(duration) * 1000;
  MintCredentials(ctx.ids, s);
  return s;
}

Result<Issued> Keep(OpContext& ctx, StsSession session, std::optional<int> packed) {
  if (auto ok = StoreSession(ctx.store, session, ctx.clock.Now()); !ok)
    return std::unexpected(ok.error());
  return Issued{std::make_shared<const StsSession>(std::move(session)), packed};
}

IamError NotAuthorized(const std::string& who, const std::string& action,
                       const std::string& resource) {
  return errors::AccessDenied("User: " + who + " is not authorized to perform: " + action +
                              " on resource: " + resource);
}

// ---- JWT and SAML ----------------------------------------------------------------------------

std::optional<std::string> Base64UrlDecode(std::string_view in) {
  std::string s(in);
  for (auto& c : s) {
    if (c == '-')
      c = '+';
    else if (c == '_')
      c = '/';
  }
  while (s.size() % 4 != 0) s += '=';
  return Base64Decode(s);
}

std::string NameQualifier(const std::string& issuer, const std::string& account,
                          const std::string& provider_name) {
  const std::string in = issuer + account + "/" + provider_name;
  unsigned char digest[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(in.data()), in.size(), digest);
  return Base64Encode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string_view Local(std::string_view name) {
  auto colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(pugi::xml_node n, std::string_view local) {
  for (auto c : n.children())
    if (Local(c.name()) == local) return c;
  return {};
}

std::string Trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

struct SamlClaims {
  std::string issuer, name_id, name_id_format, recipient, audience;
  std::optional<TimeMs> not_on_or_after;
  std::map<std::string, std::vector<std::string>> attributes;
};

Result<SamlClaims> ReadAssertion(const std::string& base64) {
  const auto bad = std::unexpected(InvalidIdentityToken("Invalid SAML assertion"));
  auto xml = Base64Decode(base64);
  if (!xml) return bad;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml->data(), xml->size())) return bad;
  pugi::xml_node root = doc.document_element();
  pugi::xml_node assertion = Local(root.name()) == "Assertion" ? root : Child(root, "Assertion");
  if (!assertion) return bad;
  SamlClaims c;
  c.issuer = Trimmed(Child(assertion, "Issuer").text().get());
  if (c.issuer.empty()) c.issuer = Trimmed(Child(root, "Issuer").text().get());
  pugi::xml_node subject = Child(assertion, "Subject");
  pugi::xml_node name_id = Child(subject, "NameID");
  c.name_id = Trimmed(name_id.text().get());
  c.name_id_format = name_id.attribute("Format").value();
  pugi::xml_node data = Child(Child(subject, "SubjectConfirmation"), "SubjectConfirmationData");
  c.recipient = data.attribute("Recipient").value();
  auto expiry = [&](pugi::xml_node n) {
    if (auto a = n.attribute("NotOnOrAfter"); a) {
      auto t = state::ParseTime(a.value());
      if (t && (!c.not_on_or_after || *t < *c.not_on_or_after)) c.not_on_or_after = *t;
    }
  };
  expiry(data);
  pugi::xml_node conditions = Child(assertion, "Conditions");
  expiry(conditions);
  c.audience = Trimmed(Child(Child(conditions, "AudienceRestriction"), "Audience").text().get());
  if (c.recipient.empty()) c.recipient = c.audience;
  for (auto statement : assertion.children()) {
    if (Local(statement.name()) != "AttributeStatement") continue;
    for (auto attr : statement.children()) {
      if (Local(attr.name()) != "Attribute") continue;
      auto& values = c.attributes[attr.attribute("Name").value()];
      for (auto v : attr.children())
        if (Local(v.name()) == "AttributeValue") values.push_back(Trimmed(v.text().get()));
    }
  }
  if (c.issuer.empty() || c.name_id.empty()) return bad;
  return c;
}

const std::vector<std::string>* Attribute(const SamlClaims& c, const std::string& name) {
  auto it = c.attributes.find("https://aws.amazon.com/SAML/Attributes/" + name);
  return it == c.attributes.end() || it->second.empty() ? nullptr : &it->second;
}

}  // namespace

namespace {

// SerialNumber and TokenCode given with GetSessionToken or AssumeRole: the device must be
// assigned to the calling IAM user and the code one of its current TOTP codes. AWS's answers
// as users report them (not recorded here): aws/aws-cli#6325 for a device that is not the
// caller's, lonelyplanet/aws-mfa#21 for a wrong code.
Result<void> CheckMfaCode(OpContext& ctx, const std::optional<std::string>& serial_number,
                          const std::optional<std::string>& token_code) {
  if (!serial_number && !token_code) return {};
  const Caller& c = ctx.caller;
  bool assigned = false, valid = false;
  if (serial_number && token_code && c.type == Caller::Type::kUser) {
    ctx.store.Read(c.account, [&](const AccountState& s) {
      auto device = FindMfaDevice(s, *serial_number);
      assigned = device && (*device)->user_id == c.principal_id;
      valid = assigned &&
              MfaCodeIsValid(s, *serial_number, c.principal_id, *token_code, ctx.clock.Now());
    });
  }
  if (!assigned)
    return std::unexpected(errors::AccessDenied(
        "MultiFactorAuthentication failed, unable to validate MFA code.  Please verify your MFA "
        "serial number is valid and associated with this user."));
  if (!valid)
    return std::unexpected(errors::AccessDenied(
        "MultiFactorAuthentication failed with invalid MFA one time pass code."));
  return {};
}

}  // namespace

// ---- AssumeRole ------------------------------------------------------------------------------

Result<Issued> AssumeRole(OpContext& ctx, const AssumeRoleInput& in) {
  auto ref = ResolveRole(ctx, in.role_arn);
  if (!ref) return std::unexpected(ref.error());
  const Caller& caller = ctx.caller;
  const StsSession* caller_session = caller.session.get();
  Tags tags;
  std::vector<std::string> transitive;
  if (auto ok = CheckSessionTags(in, caller_session, tags, transitive); !ok)
    return std::unexpected(ok.error());
  auto policies = PreparePolicies(in.policies, in.tags);
  if (!policies) return std::unexpected(policies.error());
  const IamError denied = NotAuthorized(caller.arn, "sts:AssumeRole", in.role_arn);
  if (!ref->role) return std::unexpected(denied);

  const bool cross_account = ref->account != caller.account;
  CallerView view = ViewOfCaller(ctx, cross_account);
  if (auto ok = CheckMfaCode(ctx, in.serial_number, in.token_code); !ok)
    return std::unexpected(ok.error());
  const bool mfa = caller.mfa || (in.serial_number && in.token_code);
  TrustRequest req{&*ref,
                   view.principal,
                   view.context,
                   std::move(view.identity),
                   std::move(view.boundary),
                   std::move(view.session)};
  if (mfa) SetBool(req.context, "aws:MultiFactorAuthPresent", true);
  req.context.Set("sts:RoleSessionName", in.session_name);
  if (in.external_id) req.context.Set("sts:ExternalId", *in.external_id);
  if (in.source_identity) req.context.Set("sts:SourceIdentity", *in.source_identity);
  AddRequestTags(in.tags, req.context);
  if (!in.transitive_tag_keys.empty())
    req.context.Set("sts:TransitiveTagKeys",
                    ContextValue{ValueType::kString, true, in.transitive_tag_keys});
  if (!TrustAllows(req, "sts:AssumeRole")) return std::unexpected(denied);
  if (!in.tags.empty() && !TrustAllows(req, "sts:TagSession"))
    return std::unexpected(NotAuthorized(caller.arn, "sts:TagSession", in.role_arn));
  if (in.source_identity && !TrustAllows(req, "sts:SetSourceIdentity"))
    return std::unexpected(NotAuthorized(caller.arn, "sts:SetSourceIdentity", in.role_arn));

  const bool chained = caller.type == Caller::Type::kAssumedRole;
  auto duration = RoleDuration(in.duration_seconds, *ref->role, chained);
  if (!duration) return std::unexpected(duration.error());
  StsSession s = RoleSession(ctx, *ref, in.session_name, *duration, *policies);
  s.tags = std::move(tags);
  s.transitive_tag_keys = std::move(transitive);
  s.mfa = mfa;
  // A source identity, once set, stays with every chained session.
  s.source_identity =
      in.source_identity.value_or(caller_session ? caller_session->source_identity : std::string());
  return Keep(ctx, std::move(s), policies->packed_size);
}

// ---- AssumeRoleWithWebIdentity ----------------------------------------------------------------

Result<WebIdentityIssued> AssumeRoleWithWebIdentity(OpContext& ctx, const WebIdentityInput& in) {
  auto ref = ResolveRole(ctx, in.role_arn);
  if (!ref) return std::unexpected(ref.error());
  // The token: header.payload.signature; the signature is not checked.
  const auto malformed = std::unexpected(InvalidIdentityToken("Couldn't parse the token"));
  auto first = in.token.find('.');
  auto second = first == std::string::npos ? first : in.token.find('.', first + 1);
  if (second == std::string::npos) return malformed;
  auto payload = Base64UrlDecode(std::string_view(in.token).substr(first + 1, second - first - 1));
  if (!payload) return malformed;
  auto claims = nlohmann::json::parse(*payload, nullptr, false);
  if (claims.is_discarded() || !claims.is_object()) return malformed;
  auto str = [&](const char* k) {
    auto it = claims.find(k);
    return it != claims.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string iss = str("iss"), sub = str("sub");
  std::vector<std::string> auds;
  if (auto it = claims.find("aud"); it != claims.end()) {
    if (it->is_string()) auds.push_back(it->get<std::string>());
    if (it->is_array())
      for (const auto& a : *it)
        if (a.is_string()) auds.push_back(a.get<std::string>());
  }
  auto exp = claims.find("exp");
  if (iss.empty() || sub.empty() || auds.empty() || exp == claims.end() || !exp->is_number())
    return malformed;
  const std::int64_t now_s = ctx.clock.Now() / 1000;
  const auto exp_s = exp->get<std::int64_t>();
  if (exp_s <= now_s)
    return std::unexpected(
        ExpiredTokenException("Token expired: current date/time " + std::to_string(now_s) +
                              " must be before the expiration date/time " + std::to_string(exp_s)));

  std::shared_ptr<const OidcProvider> provider;
  ctx.store.Read(ref->account,
                 [&](const AccountState& s) { provider = FindOidcProviderByUrl(s, iss); });
  const std::string iss_url = iss.starts_with("https://") ? iss : "https://" + iss;
  if (!provider)
    return std::unexpected(
        InvalidIdentityToken("No OpenIDConnect provider found in your account for " + iss_url));
  std::string audience;
  for (const auto& a : auds)
    if (std::find(provider->client_ids.begin(), provider->client_ids.end(), a) !=
        provider->client_ids.end())
      audience = a;
  if (audience.empty()) return std::unexpected(InvalidIdentityToken("Incorrect token audience"));
  auto policies = PreparePolicies(in.policies, {});
  if (!policies) return std::unexpected(policies.error());
  const IamError denied =
      errors::AccessDenied("Not authorized to perform sts:AssumeRoleWithWebIdentity");
  if (!ref->role) return std::unexpected(denied);

  TrustRequest req{&*ref, {}, {}, {}, {}, {}};
  req.principal.type = policy::PrincipalType::kFederated;
  req.principal.arn = provider->Arn(ref->account);
  req.context.Set("aws:FederatedProvider", req.principal.arn);
  req.context.Set(provider->url + ":aud", audience);
  req.context.Set(provider->url + ":sub", sub);
  if (auto azp = str("azp"); !azp.empty()) req.context.Set(provider->url + ":azp", azp);
  if (auto amr = claims.find("amr"); amr != claims.end() && amr->is_array()) {
    ContextValue v{ValueType::kString, true, {}};
    for (const auto& a : *amr)
      if (a.is_string()) v.values.push_back(a.get<std::string>());
    req.context.Set(provider->url + ":amr", std::move(v));
  }
  req.context.Set("sts:RoleSessionName", in.session_name);
  AddCommonContext(ctx, req.context);
  req.principal.account = ref->account;  // the provider is the role's account's
  if (!TrustAllows(req, "sts:AssumeRoleWithWebIdentity")) return std::unexpected(denied);
  auto duration = RoleDuration(in.duration_seconds, *ref->role, false);
  if (!duration) return std::unexpected(duration.error());
  StsSession s = RoleSession(ctx, *ref, in.session_name, *duration, *policies);
  auto issued = Keep(ctx, std::move(s), policies->packed_size);
  if (!issued) return std::unexpected(issued.error());
  return WebIdentityIssued{std::move(*issued), sub, iss, audience};
}

// ---- AssumeRoleWithSAML ----------------------------------------------------------------------

Result<SamlIssued> AssumeRoleWithSAML(OpContext& ctx, const SamlInput& in) {
  auto ref = ResolveRole(ctx, in.role_arn);
  if (!ref) return std::unexpected(ref.error());
  auto claims = ReadAssertion(in.assertion);
  if (!claims) return std::unexpected(claims.error());
  std::shared_ptr<const SamlProvider> provider;
  ctx.store.Read(ref->account, [&](const AccountState& s) {
    provider = FindSamlProviderByArn(s, ref->account, in.principal_arn);
  });
  if (!provider)
    return std::unexpected(InvalidIdentityToken("SAML provider " + in.principal_arn +
                                                " does not exist in the role's account"));
  if (claims->issuer != provider->entity_id)
    return std::unexpected(InvalidIdentityToken("Issuer not present in specified provider"));
  const TimeMs now = ctx.clock.Now();
  if (claims->not_on_or_after && *claims->not_on_or_after <= now)
    return std::unexpected(ExpiredTokenException("Token is expired"));
  const IamError denied = errors::AccessDenied("Not authorized to perform sts:AssumeRoleWithSAML");
  // The Role attribute names "role-arn,provider-arn" pairs, in either order.
  bool listed = false;
  if (const auto* roles = Attribute(*claims, "Role"))
    for (const auto& pair : *roles) {
      auto comma = pair.find(',');
      if (comma == std::string::npos) continue;
      std::string a = Trimmed(pair.substr(0, comma)), b = Trimmed(pair.substr(comma + 1));
      listed = listed || (a == in.role_arn && b == in.principal_arn) ||
               (b == in.role_arn && a == in.principal_arn);
    }
  if (!listed || !ref->role) return std::unexpected(denied);
  const auto* session_name = Attribute(*claims, "RoleSessionName");
  if (!session_name)
    return std::unexpected(IdpRejectedClaim("RoleSessionName is required in AuthnResponse"));
  Tags tags;
  for (const auto& [name, values] : claims->attributes) {
    constexpr std::string_view kTag = "https://aws.amazon.com/SAML/Attributes/PrincipalTag:";
    if (name.starts_with(kTag) && !values.empty())
      tags.push_back({name.substr(kTag.size()), values.front()});
  }
  auto policies = PreparePolicies(in.policies, tags);
  if (!policies) return std::unexpected(policies.error());

  std::string sub_type = claims->name_id_format;
  for (const char* t : {"persistent", "transient"})
    if (sub_type.ends_with(std::string(":") + t)) sub_type = t;
  const std::string qualifier = NameQualifier(claims->issuer, ref->account, provider->name);
  TrustRequest req{&*ref, {}, {}, {}, {}, {}};
  req.principal.type = policy::PrincipalType::kFederated;
  req.principal.arn = provider->Arn(ref->account);
  req.principal.account = ref->account;
  req.context.Set("aws:FederatedProvider", req.principal.arn);
  req.context.Set("SAML:aud", claims->recipient);
  req.context.Set("SAML:iss", claims->issuer);
  req.context.Set("SAML:sub", claims->name_id);
  req.context.Set("SAML:sub_type", sub_type);
  req.context.Set("SAML:namequalifier", qualifier);
  req.context.Set("sts:RoleSessionName", session_name->front());
  AddRequestTags(tags, req.context);
  AddCommonContext(ctx, req.context);
  if (!TrustAllows(req, "sts:AssumeRoleWithSAML")) return std::unexpected(denied);
  if (!tags.empty() && !TrustAllows(req, "sts:TagSession")) return std::unexpected(denied);

  std::optional<int> requested = in.duration_seconds;
  if (!requested)
    if (const auto* d = Attribute(*claims, "SessionDuration"))
      requested = std::min(std::atoi(d->front().c_str()), ref->role->max_session_duration);
  auto duration = RoleDuration(requested, *ref->role, false);
  if (!duration) return std::unexpected(duration.error());
  StsSession s = RoleSession(ctx, *ref, session_name->front(), *duration, *policies);
  s.tags = tags;
  if (const auto* src = Attribute(*claims, "SourceIdentity")) s.source_identity = src->front();
  auto issued = Keep(ctx, std::move(s), policies->packed_size);
  if (!issued) return std::unexpected(issued.error());
  return SamlIssued{std::move(*issued), claims->name_id,   sub_type,
                    claims->issuer,     claims->recipient, qualifier};
}

// ---- GetSessionToken / GetFederationToken -----------------------------------------------------

Result<Issued> GetSessionToken(OpContext& ctx, std::optional<int> duration_seconds,
                               const std::optional<std::string>& serial_number,
                               const std::optional<std::string>& token_code) {
  const Caller& c = ctx.caller;
  if (c.session)
    return std::unexpected(
        errors::AccessDenied("Cannot call GetSessionToken with session credentials"));
  if (auto ok = CheckMfaCode(ctx, serial_number, token_code); !ok)
    return std::unexpected(ok.error());
  int duration = duration_seconds.value_or(kDefaultUserSession);
  // AWS: root sessions are limited to one hour; a longer request gets one hour.
  if (c.type == Caller::Type::kRoot) duration = std::min(duration, kOneHour);
  StsSession s;
  s.account = c.account;
  s.arn = c.arn;
  s.principal_id = c.principal_id;
  s.user_name = c.user_name;
  s.mfa = serial_number.has_value() && token_code.has_value();
  s.issued = ctx.clock.Now();
  s.expiration = s.issued + static_cast<TimeMs>(duration) * 1000;
  MintCredentials(ctx.ids, s);
  return Keep(ctx, std::move(s), std::nullopt);
}

Result<Issued> GetFederationToken(OpContext& ctx, const FederationInput& in) {
  const Caller& c = ctx.caller;
  if (c.session)
    return std::unexpected(
        errors::AccessDenied("Cannot call GetFederationToken with session credentials"));
  std::vector<std::string> seen;
  for (const auto& t : in.tags) {
    if (std::find(seen.begin(), seen.end(), Lower(t.key)) != seen.end())
      return std::unexpected(InvalidParameterValue(
          "Duplicate tag keys found. Please note that Tag keys are case insensitive."));
    seen.push_back(Lower(t.key));
  }
  auto policies = PreparePolicies(in.policies, in.tags);
  if (!policies) return std::unexpected(policies.error());
  int duration = in.duration_seconds.value_or(kDefaultUserSession);
  if (c.type == Caller::Type::kRoot) duration = std::min(duration, kOneHour);
  StsSession s;
  s.account = c.account;
  s.arn = "arn:aws:sts::" + c.account + ":federated-user/" + in.name;
  s.principal_id = c.account + ":" + in.name;
  s.user_name = c.user_name;
  s.session_name = in.name;
  s.tags = in.tags;
  s.inline_policies = std::move(policies->inline_policies);
  s.policy_arns = std::move(policies->arns);
  s.issued = ctx.clock.Now();
  s.expiration = s.issued + static_cast<TimeMs>(duration) * 1000;
  MintCredentials(ctx.ids, s);
  // AWS reports a PackedPolicySize of 0 when no session policy was passed (recorded).
  return Keep(ctx, std::move(s), policies->packed_size.value_or(0));
}

// ---- informational ---------------------------------------------------------------------------

std::string GetAccessKeyInfo(OpContext& ctx, const std::string& key_id) {
  if (key_id.size() == 12 && key_id.find_first_not_of("0123456789") == std::string::npos)
    return key_id;
  if (auto owner = ctx.store.FindAccessKeyOwner(key_id)) return *owner;
  if (auto session = FindSession(ctx.store, key_id)) return session->account;
  return ctx.account();
}

namespace {
constexpr std::string_view kMessagePrefix = "iamlite-authorization-message:";
}

std::string EncodeAuthorizationMessage(const nlohmann::json& message) {
  return Base64Encode(std::string(kMessagePrefix) + message.dump());
}

Result<std::string> DecodeAuthorizationMessage(OpContext&, const std::string& encoded) {
  const IamError invalid{"InvalidAuthorizationMessageException", 400,
                         "The authorization message is invalid.", true};
  auto raw = Base64Decode(encoded);
  if (!raw || !raw->starts_with(kMessagePrefix)) return std::unexpected(invalid);
  auto body = nlohmann::json::parse(raw->substr(kMessagePrefix.size()), nullptr, false);
  if (body.is_discarded()) return std::unexpected(invalid);
  return body.dump();
}

// AssumeRoot needs AWS Organizations with centralized root access, which iamlite does not
// emulate; an account outside an organisation is refused (AccessDenied, our wording).
IamError AssumeRootUnavailable(const Caller& caller, const std::string& target) {
  return errors::AccessDenied(
      "User: " + caller.arn +
      " is not authorized to perform: sts:AssumeRoot on resource: " + target +
      " because centralized root access is not enabled for the "
      "organization");
}

IamError DelegatedAccessTokenUnavailable() {
  return IamError{"ExpiredTradeInTokenException", 400, "The trade-in token is expired or invalid.",
                  true};
}

IamError WebIdentityTokenUnavailable() {
  return IamError{"OutboundWebIdentityFederationDisabledException", 403,
                  "Outbound web identity federation is disabled for this account.", true};
}

}  // namespace iamlite::ops
