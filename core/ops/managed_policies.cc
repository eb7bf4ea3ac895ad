#include "core/ops/managed_policies.h"

#include <algorithm>
#include <set>

#include "core/names.h"
#include "core/ops/lookup.h"
#include "core/ops/policy_common.h"
#include "core/policy/parser.h"
#include "core/policy/policy_size.h"
#include "core/tags.h"

namespace iamlite::ops {
namespace {

// Messages recorded from real AWS (LocalStack snapshots, see /work/shared/aws-errors.md)
// unless a comment says otherwise.
std::string NotFound(const std::string& arn) { return "Policy " + arn + " was not found."; }
std::string NotAttachable(const std::string& arn) {
  return "Policy " + arn + " does not exist or is not attachable.";
}
IamError NoSuchVersion(const std::string& arn, const std::string& version_id) {
  return errors::NoSuchEntity("Policy " + arn + " version " + version_id +
                              " does not exist or is not attachable.");
}
// Get/Set/DeletePolicyVersion name the version even when the policy itself is unknown.
IamError NoSuchVersionOr(const IamError& e, const std::string& arn, const std::string& version_id) {
  return e.code == "NoSuchEntity" ? NoSuchVersion(arn, version_id) : e;
}
// Policy tags differ from user and role tags: keys are compared with case ("a" and "A" are
// two tags) and the duplicate message is shorter.
constexpr std::string_view kDuplicatePolicyTags = "Duplicate tag keys found.";
// Quoted from AWS by users (aws-nuke#1, aws-iam-operator#13); not in the recordings.
constexpr std::string_view kMoreThanOneVersion =
    "This policy has more than one version. Before you delete a policy, you must delete the "
    "policy's versions. The default version is deleted with the policy.";

PolicyView ViewOf(const ManagedPolicy& p, const std::string& account) {
  PolicyView v;
  v.name = p.name;
  v.id = p.id;
  v.arn = p.Arn(account);
  v.path = p.path;
  v.default_version_id = p.default_version_id;
  v.description = p.description;
  v.attachment_count = p.attachment_count;
  v.boundary_usage_count = p.boundary_usage_count;
  v.create_date = p.create_date;
  v.update_date = p.update_date;
  v.tags = p.tags;
  return v;
}

int CountIn(const std::map<std::string, int>& counts, const std::string& arn) {
  auto it = counts.find(arn);
  return it == counts.end() ? 0 : it->second;
}

PolicyView ViewOf(const AwsManagedPolicy& p, const AccountSettings& settings) {
  PolicyView v;
  v.name = p.name;
  v.id = p.id;
  v.arn = p.arn;
  v.path = p.path;
  v.default_version_id = p.default_version_id;
  v.description = p.description;
  v.attachment_count = CountIn(settings.aws_policy_attachments, p.arn);
  v.boundary_usage_count = CountIn(settings.aws_policy_boundary_usage, p.arn);
  v.attachable = p.attachable;
  v.create_date = p.create_date;
  v.update_date = p.update_date;
  return v;
}

PolicyView ViewOf(const PolicyRef& ref, const AccountState& s) {
  return ref.customer ? ViewOf(*ref.customer, s.account_id) : ViewOf(*ref.aws, *s.settings);
}

Result<std::shared_ptr<const policy::Policy>> CompileManaged(const std::string& text) {
  auto compiled = policy::ParsePolicy(text, policy::PolicyKind::kIdentity);
  if (!compiled) return std::unexpected(compiled.error());
  if (auto ok =
          policy::CheckPolicySize(policy::PolicySizeQuota::kManaged, policy::PolicySize(text));
      !ok)
    return std::unexpected(ok.error());
  return compiled;
}

Result<void> CheckPolicyTags(const Tags& tags) {
  std::set<std::string> seen;
  for (const auto& t : tags)
    if (!seen.insert(t.key).second)
      return std::unexpected(errors::InvalidInput(std::string(kDuplicatePolicyTags)));
  // The reserved "aws:" prefix rule is common to all tags; the check above has already
  // refused exact duplicates, so only the prefix can fail here.
  for (const auto& t : tags)
    if (auto ok = CheckNewTags({t}, kDuplicatePolicyTags); !ok) return ok;
  return Ok();
}

Result<Tags> MergePolicyTags(const Tags& existing, const Tags& incoming) {
  if (auto ok = CheckPolicyTags(incoming); !ok) return std::unexpected(ok.error());
  Tags out = existing;
  for (const auto& t : incoming) {
    auto it = std::find_if(out.begin(), out.end(), [&](const Tag& o) { return o.key == t.key; });
    if (it != out.end())
      it->value = t.value;
    else
      out.push_back(t);
  }
  if (out.size() > kMaxTagsPerResource)
    return std::unexpected(
        errors::LimitExceeded("The number of tags has reached the maximum limit."));
  return out;
}

// A customer policy of this account for a mutation: AccessDenied with `outside` for AWS
// managed policies and other accounts' policies, NoSuchEntity(not_found) when absent.
Result<PolicyRef> FindOwnPolicy(const AccountState& s, const std::string& arn,
                                std::string_view outside,
                                std::string (*not_found)(const std::string&)) {
  if (!IsOwnPolicyArn(s.account_id, arn))
    return std::unexpected(errors::AccessDenied(std::string(outside)));
  return FindPolicyByArn(s, arn, not_found);
}

PolicyVersionView VersionView(const ManagedPolicy& p, const PolicyVersion& v) {
  return {v.id, v.document.text(), v.id == p.default_version_id, v.create_date};
}

PolicyVersionView VersionView(const AwsManagedPolicy::Version& v) {
  return {v.id, v.document, v.is_default, v.create_date};
}

const PolicyVersion* FindVersion(const ManagedPolicy& p, const std::string& id) {
  for (const auto& v : p.versions)
    if (v.id == id) return &v;
  return nullptr;
}

int VersionNumber(const std::string& id) { return std::atoi(id.c_str() + 1); }

// Whether a policy passes ListPolicies' OnlyAttached and PolicyUsageFilter: a usage filter
// keeps the policies used that way (attached, or set as a boundary); OnlyAttached alone keeps
// the attached ones. Our reading of the API reference; AWS's exact semantics are unrecorded.
bool InUse(const PolicyView& v, const ListPoliciesInput& in) {
  switch (in.usage) {
    case PolicyUsage::kPermissionsPolicy:
      return v.attachment_count > 0;
    case PolicyUsage::kPermissionsBoundary:
      return v.boundary_usage_count > 0;
    case PolicyUsage::kAny:
      return !in.only_attached || v.attachment_count > 0;
  }
  return true;
}

bool UsesAsBoundary(const AccountState& s, const std::string& arn) {
  for (const auto& [k, u] : s.users)
    if (u->permissions_boundary == arn) return true;
  for (const auto& [k, r] : s.roles)
    if (r->permissions_boundary == arn) return true;
  return false;
}

}  // namespace

PolicyView ViewOfPolicy(const AccountState& s, const PolicyRef& ref) { return ViewOf(ref, s); }

std::vector<PolicyVersionView> VersionsOfPolicy(const PolicyRef& ref) {
  std::vector<PolicyVersionView> versions;
  if (ref.aws)
    for (const auto& v : ref.aws->versions) versions.push_back(VersionView(v));
  else
    for (const auto& v : ref.customer->versions) versions.push_back(VersionView(*ref.customer, v));
  std::sort(versions.begin(), versions.end(), [](const auto& a, const auto& b) {
    return VersionNumber(a.version_id) > VersionNumber(b.version_id);
  });
  return versions;
}

Result<PolicyView> CreatePolicy(OpContext& ctx, const CreatePolicyInput& in) {
  if (auto ok = CheckPolicyTags(in.tags); !ok) return std::unexpected(ok.error());
  auto compiled = CompileManaged(in.document);
  if (!compiled) return std::unexpected(compiled.error());
  PolicyView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    if (s.policies.contains(FoldName(in.policy_name)))
      return std::unexpected(
          errors::EntityAlreadyExists("A policy called " + in.policy_name +
                                      " already exists. Duplicate names are not allowed."));
    // Quota name as AWS's other "Cannot exceed quota for X: N" messages; unrecorded.
    if (s.policies.size() >= kMaxCustomerPoliciesPerAccount)
      return std::unexpected(errors::LimitExceeded("Cannot exceed quota for PoliciesPerAccount: " +
                                                   std::to_string(kMaxCustomerPoliciesPerAccount)));
    ManagedPolicy p;
    p.id = ctx.ids.UniqueId(id_prefix::kPolicy);
    p.name = in.policy_name;
    p.path = in.path;
    p.create_date = p.update_date = ctx.clock.Now();
    p.description = in.description;
    p.default_version_id = "v1";
    p.versions.push_back(
        {"v1", PolicyDocument(in.document, policy::PolicyKind::kIdentity), p.create_date});
    p.next_version = 2;
    p.tags = in.tags;
    out = ViewOf(p, s.account_id);
    return Change().Upsert(FoldName(p.name), p);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<PolicyView> GetPolicy(OpContext& ctx, const std::string& arn) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  Result<PolicyView> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto ref = FindPolicyByArn(s, arn, NotFound);
    if (!ref)
      out = std::unexpected(ref.error());
    else
      out = ViewOf(*ref, s);
  });
  return out;
}

Result<Page<PolicyView>> ListPolicies(OpContext& ctx, const ListPoliciesInput& in,
                                      const PageRequest& page) {
  Result<Page<PolicyView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    // Keys: the name, then \x01 (below every name character, so "a" sorts before "a-b"),
    // then 0 for AWS and 1 for a customer policy of the same name.
    std::vector<std::pair<std::string, PolicyView>> all;
    auto consider = [&](PolicyView v, char scope_tag) {
      if (!PathHasPrefix(v.path, in.path_prefix) || !InUse(v, in)) return;
      std::string key = v.name + '\x01' + scope_tag;
      all.emplace_back(std::move(key), std::move(v));
    };
    if (in.scope != PolicyScope::kLocal)
      for (const AwsManagedPolicy* p : AwsManagedPoliciesSorted()) {
        if (!PathHasPrefix(p->path, in.path_prefix)) continue;  // cheap test before the copy
        consider(ViewOf(*p, *s.settings), '0');
      }
    if (in.scope != PolicyScope::kAws)
      for (const auto& [key, p] : s.policies) consider(ViewOf(*p, s.account_id), '1');
    std::sort(all.begin(), all.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    out = PaginateSorted(all, "ListPolicies", page);
  });
  return out;
}

Result<void> DeletePolicy(OpContext& ctx, const std::string& arn) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto ref = FindOwnPolicy(s, arn, "Cannot delete policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(ref.error());
    const ManagedPolicy& p = *ref->customer;
    // A policy set as a permissions boundary counts as attached (gruntwork-io/cloud-nuke#972
    // reports this DeleteConflict for boundary use).
    if (p.attachment_count > 0 || p.boundary_usage_count > 0 || UsesAsBoundary(s, arn))
      return std::unexpected(
          errors::DeleteConflict("Cannot delete a policy attached to entities."));
    if (p.versions.size() > 1)
      return std::unexpected(errors::DeleteConflict(std::string(kMoreThanOneVersion)));
    return Change().Remove<ManagedPolicy>(ref->key);
  });
}

Result<PolicyVersionView> CreatePolicyVersion(OpContext& ctx, const std::string& arn,
                                              const std::string& document, bool set_as_default) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  auto compiled = CompileManaged(document);
  PolicyVersionView out;
  auto done = ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    // Unrecorded for CreatePolicyVersion; the message AWS gives SetDefaultPolicyVersion.
    auto ref = FindOwnPolicy(s, arn, "Cannot update policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(ref.error());
    if (!compiled) return std::unexpected(compiled.error());
    ManagedPolicy p = *ref->customer;
    if (p.versions.size() >= kMaxPolicyVersions)
      return std::unexpected(errors::LimitExceeded(
          "A managed policy can have up to 5 versions. Before you create a new version, you "
          "must delete an existing version."));
    PolicyVersion v{"v" + std::to_string(p.next_version++),
                    PolicyDocument(document, policy::PolicyKind::kIdentity), ctx.clock.Now()};
    // "When a policy has more than one version, [UpdateDate] contains the date and time when
    // the most recent policy version was created." (API reference, Policy)
    p.update_date = v.create_date;
    if (set_as_default) p.default_version_id = v.id;
    p.versions.push_back(v);
    out = VersionView(p, v);
    return Change().Upsert(ref->key, p);
  });
  if (!done) return std::unexpected(done.error());
  return out;
}

Result<PolicyVersionView> GetPolicyVersion(OpContext& ctx, const std::string& arn,
                                           const std::string& version_id) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  Result<PolicyVersionView> out = std::unexpected(NoSuchVersion(arn, version_id));
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto ref = FindPolicyByArn(s, arn, NotFound);
    if (!ref) return;
    if (ref->aws) {
      if (const auto* v = ref->aws->FindVersion(version_id)) out = VersionView(*v);
    } else if (const auto* v = FindVersion(*ref->customer, version_id)) {
      out = VersionView(*ref->customer, *v);
    }
  });
  return out;
}

Result<Page<PolicyVersionView>> ListPolicyVersions(OpContext& ctx, const std::string& arn,
                                                   const PageRequest& page) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  Result<Page<PolicyVersionView>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto ref = FindPolicyByArn(s, arn, NotFound);
    if (!ref) {
      out = std::unexpected(ref.error());
      return;
    }
    out = PaginateVector(VersionsOfPolicy(*ref), "ListPolicyVersions", page);
  });
  return out;
}

Result<void> DeletePolicyVersion(OpContext& ctx, const std::string& arn,
                                 const std::string& version_id) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto ref = FindOwnPolicy(
        s, arn, "Cannot delete policy versions for policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(NoSuchVersionOr(ref.error(), arn, version_id));
    ManagedPolicy p = *ref->customer;
    if (!FindVersion(p, version_id)) return std::unexpected(NoSuchVersion(arn, version_id));
    if (version_id == p.default_version_id)
      return std::unexpected(
          errors::DeleteConflict("Cannot delete the default version of a policy."));
    std::erase_if(p.versions, [&](const PolicyVersion& v) { return v.id == version_id; });
    p.update_date = p.create_date;
    for (const auto& v : p.versions) p.update_date = std::max(p.update_date, v.create_date);
    return Change().Upsert(ref->key, p);
  });
}

Result<void> SetDefaultPolicyVersion(OpContext& ctx, const std::string& arn,
                                     const std::string& version_id) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto ref = FindOwnPolicy(s, arn, "Cannot update policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(NoSuchVersionOr(ref.error(), arn, version_id));
    ManagedPolicy p = *ref->customer;
    if (!FindVersion(p, version_id)) return std::unexpected(NoSuchVersion(arn, version_id));
    p.default_version_id = version_id;
    return Change().Upsert(ref->key, p);
  });
}

Result<void> TagPolicy(OpContext& ctx, const std::string& arn, const Tags& tags) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    // AccessDenied for AWS managed policies: unrecorded, AWS's wording for other updates.
    auto ref = FindOwnPolicy(s, arn, "Cannot update policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(ref.error());
    auto merged = MergePolicyTags(ref->customer->tags, tags);
    if (!merged) return std::unexpected(merged.error());
    ManagedPolicy p = *ref->customer;
    p.tags = std::move(*merged);
    return Change().Upsert(ref->key, p);
  });
}

Result<void> UntagPolicy(OpContext& ctx, const std::string& arn,
                         const std::vector<std::string>& keys) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  return ctx.store.Mutate(ctx.account(), [&](const AccountState& s) -> Result<Change> {
    auto ref = FindOwnPolicy(s, arn, "Cannot update policies outside your own account.", NotFound);
    if (!ref) return std::unexpected(ref.error());
    ManagedPolicy p = *ref->customer;
    p.tags = RemoveTags(p.tags, keys);
    return Change().Upsert(ref->key, p);
  });
}

Result<Page<Tag>> ListPolicyTags(OpContext& ctx, const std::string& arn, const PageRequest& page) {
  if (auto ok = CheckManagedPolicyArn(arn); !ok) return std::unexpected(ok.error());
  Result<Page<Tag>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto ref = FindPolicyByArn(s, arn, NotFound);
    if (!ref) {
      out = std::unexpected(ref.error());
      return;
    }
    Tags tags = ref->customer ? ref->customer->tags : Tags{};
    // Recorded: keys "abc", "b", "z", "a" list as a, b, z, abc; "a", "A" as A, a.
    std::sort(tags.begin(), tags.end(), [](const Tag& a, const Tag& b) {
      if (a.key.size() != b.key.size()) return a.key.size() < b.key.size();
      return a.key < b.key;
    });
    out = PaginateVector(tags, "ListPolicyTags", page);
  });
  return out;
}

Result<Page<PolicyEntity>> ListEntitiesForPolicy(OpContext& ctx, const ListEntitiesInput& in,
                                                 const PageRequest& page) {
  if (auto ok = CheckManagedPolicyArn(in.policy_arn); !ok) return std::unexpected(ok.error());
  Result<Page<PolicyEntity>> out;
  ctx.store.Read(ctx.account(), [&](const AccountState& s) {
    auto ref = FindPolicyByArn(s, in.policy_arn, NotAttachable);
    if (!ref) {
      out = std::unexpected(ref.error());
      return;
    }
    const std::string& arn = in.policy_arn;
    bool attached = in.usage != PolicyUsage::kPermissionsBoundary;
    bool boundary = in.usage != PolicyUsage::kPermissionsPolicy;
    auto uses = [&](const auto& e, const std::string& boundary_arn) {
      if (!PathHasPrefix(e.path, in.path_prefix)) return false;
      bool is_attached = std::find(e.attached_policies.begin(), e.attached_policies.end(), arn) !=
                         e.attached_policies.end();
      return (attached && is_attached) || (boundary && boundary_arn == arn);
    };
    auto wants = [&](EntityFilter f) { return in.filter == EntityFilter::kAll || in.filter == f; };
    // Keys: "0" groups, "1" users, "2" roles, then the entity's key.
    std::vector<std::pair<std::string, PolicyEntity>> all;
    if (wants(EntityFilter::kGroup))
      for (const auto& [key, g] : s.groups)
        if (uses(*g, std::string()))
          all.push_back({"0" + key, {PolicyEntity::Kind::kGroup, g->name, g->id}});
    if (wants(EntityFilter::kUser))
      for (const auto& [key, u] : s.users)
        if (uses(*u, u->permissions_boundary))
          all.push_back({"1" + key, {PolicyEntity::Kind::kUser, u->name, u->id}});
    if (wants(EntityFilter::kRole))
      for (const auto& [key, r] : s.roles)
        if (uses(*r, r->permissions_boundary))
          all.push_back({"2" + key, {PolicyEntity::Kind::kRole, r->name, r->id}});
    out = PaginateSorted(all, "ListEntitiesForPolicy", page);
  });
  return out;
}

}  // namespace iamlite::ops
