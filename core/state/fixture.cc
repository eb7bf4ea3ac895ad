#include "core/state/fixture.h"

#include <optional>

#include "core/aws_managed_policies.h"
#include "core/caller.h"
#include "core/model.h"
#include "core/names.h"
#include "core/ops/access_keys.h"
#include "core/ops/account.h"
#include "core/ops/attachments.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/instance_profiles.h"
#include "core/ops/login_profiles.h"
#include "core/ops/managed_policies.h"
#include "core/ops/password_policy.h"
#include "core/ops/roles.h"
#include "core/ops/users.h"
#include "core/state/entity_json.h"
#include "core/state/journal.h"
#include "core/state/source_text.h"

namespace iamlite::state {
namespace {

using nlohmann::ordered_json;
using FIn = BasicJsonIn<ordered_json>;
using ops::EntityKind;

constexpr std::string_view kFixtureFormat = "iamlite-fixture";

// Ids as the operations draw them, except that the next access key may be given.
class FixtureIds final : public IdGenerator {
 public:
  explicit FixtureIds(IdGenerator& base) : base_(base) {}
  void GiveNextKey(std::string id, std::string secret) {
    key_id_ = std::move(id);
    secret_ = std::move(secret);
  }
  std::string UniqueId(std::string_view prefix, int length) override {
    if (prefix == id_prefix::kAccessKey && key_id_) {
      std::string id = std::move(*key_id_);
      key_id_.reset();
      return id;
    }
    return base_.UniqueId(prefix, length);
  }
  std::string Secret() override {
    if (secret_) {
      std::string s = std::move(*secret_);
      secret_.reset();
      return s;
    }
    return base_.Secret();
  }
  std::string Uuid() override { return base_.Uuid(); }

 private:
  IdGenerator& base_;
  std::optional<std::string> key_id_, secret_;
};

std::size_t CodePoints(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// Checks `value` against a shape of the IAM model, as the API's decoder would.
std::string Checked(const FIn& at, std::string_view shape_name, std::string value) {
  const Shape* shape = IamModel().FindShape(shape_name);
  if (!shape) return value;
  std::size_t len = CodePoints(value);
  if (shape->min && static_cast<std::int64_t>(len) < *shape->min)
    at.Fail("must be at least " + std::to_string(*shape->min) + " characters long");
  if (shape->max && static_cast<std::int64_t>(len) > *shape->max)
    at.Fail("must be at most " + std::to_string(*shape->max) + " characters long");
  if (!shape->MatchesPattern(value) ||
      (!shape->forbid.empty() && value.find(shape->forbid) != std::string::npos))
    at.Fail("does not match the pattern " + shape->pattern);
  return value;
}

std::string Str(const FIn& in, std::string_view key, std::string_view shape) {
  return Checked(in.At(key), shape, in.At(key).Str());
}
std::string StrOr(const FIn& in, std::string_view key, std::string_view shape,
                  std::string fallback) {
  return in.Has(key) ? Str(in, key, shape) : fallback;
}

// A policy document: a JSON object (written out compactly, in file order) or its text.
std::string DocumentText(const FIn& at) {
  if (at.json().is_string()) return Checked(at, "policyDocumentType", at.Str());
  if (!at.json().is_object()) at.Fail("expected a policy document (an object or its text)");
  return Checked(at, "policyDocumentType", at.json().dump());
}

Tags TagsOf(const FIn& in) {
  if (!in.Has("tags")) return {};
  FIn tags = in.At("tags");
  if (!tags.json().is_object()) tags.Fail("expected an object of tag key to value");
  Tags out;
  for (auto it = tags.json().begin(); it != tags.json().end(); ++it) {
    FIn value = tags.Child(it.key(), it.value());
    Checked(value, "tagKeyType", it.key());
    out.push_back({it.key(), Checked(value, "tagValueType", value.Str())});
  }
  return out;
}

template <class T>
T Must(const FIn& at, Result<T> r) {
  if (!r) at.Fail(r.error().code + ": " + r.error().message);
  if constexpr (!std::is_void_v<T>) return std::move(*r);
}

class Applier {
 public:
  Applier(Store& store, const Clock& clock, IdGenerator& ids)
      : store_(store), clock_(clock), ids_(ids) {}

  void Account(const FIn& in, const std::string& account) {
    caller_ = Caller::Root(account);
    OpContext ctx{store_, clock_, ids_, caller_};
    if (in.Has("password_policy")) PasswordPolicy(ctx, in.At("password_policy"));
    if (in.Has("alias"))
      Must(in.At("alias"), ops::CreateAccountAlias(ctx, Str(in, "alias", "accountAliasType")));
    Each(in, "policies", [&](const FIn& p) { ManagedPolicy(ctx, p); });
    Each(in, "instance_profiles", [&](const FIn& p) { InstanceProfile(ctx, p); });
    Each(in, "groups", [&](const FIn& g) { Group(ctx, g); });
    Each(in, "roles", [&](const FIn& r) { Role(ctx, r); });
    Each(in, "users", [&](const FIn& u) { User(ctx, u); });
  }

 private:
  template <class F>
  static void Each(const FIn& in, std::string_view key, F&& f) {
    if (!in.Has(key)) return;
    FIn list = in.At(key);
    list.Array();
    for (std::size_t i = 0; i < list.Size(); ++i) f(list.Item(i));
  }

  void PasswordPolicy(OpContext& ctx, const FIn& p) {
    p.Object({"minimum_password_length", "require_symbols", "require_numbers", "require_uppercase",
              "require_lowercase", "allow_users_to_change_password", "max_password_age",
              "password_reuse_prevention", "hard_expiry"});
    ops::UpdatePasswordPolicyInput in;
    auto integer = [&](const char* key, int min, int max) -> std::optional<int> {
      if (!p.Has(key)) return std::nullopt;
      return p.At(key).SmallInt(min, max);
    };
    auto boolean = [&](const char* key) -> std::optional<bool> {
      if (!p.Has(key)) return std::nullopt;
      return p.At(key).Bool();
    };
    // The ranges of UpdateAccountPasswordPolicy's input shapes.
    in.minimum_password_length = integer("minimum_password_length", 6, 128);
    in.require_symbols = boolean("require_symbols");
    in.require_numbers = boolean("require_numbers");
    in.require_uppercase = boolean("require_uppercase");
    in.require_lowercase = boolean("require_lowercase");
    in.allow_users_to_change_password = boolean("allow_users_to_change_password");
    in.max_password_age = integer("max_password_age", 1, 1095);
    in.password_reuse_prevention = integer("password_reuse_prevention", 1, 24);
    in.hard_expiry = boolean("hard_expiry");
    Must(p, ops::UpdateAccountPasswordPolicy(ctx, in));
  }

  // An ARN, or the name of a customer policy of the account, or of an AWS managed policy.
  std::string PolicyArn(OpContext& ctx, const FIn& at) {
    std::string v = at.NonEmptyStr();
    if (v.starts_with("arn:")) return Checked(at, "arnType", v);
    std::string arn;
    store_.Read(ctx.account(), [&](const AccountState& s) {
      auto it = s.policies.find(FoldName(v));
      if (it != s.policies.end()) arn = it->second->Arn(ctx.account());
    });
    if (!arn.empty()) return arn;
    for (const AwsManagedPolicy* p : AwsManagedPoliciesSorted())
      if (p->name == v) return p->arn;
    at.Fail("no customer managed policy named " + v +
            " in this account (define it under \"policies\" first) and no AWS managed policy of "
            "that name");
  }

  void Policies(OpContext& ctx, const FIn& in, EntityKind kind, const std::string& name) {
    Each(in, "managed_policies",
         [&](const FIn& p) { Must(p, ops::AttachPolicy(ctx, kind, name, PolicyArn(ctx, p))); });
    if (!in.Has("inline_policies")) return;
    FIn inline_policies = in.At("inline_policies");
    if (!inline_policies.json().is_object())
      inline_policies.Fail("expected an object of policy name to document");
    for (auto it = inline_policies.json().begin(); it != inline_policies.json().end(); ++it) {
      FIn doc = inline_policies.Child(it.key(), it.value());
      Checked(doc, "policyNameType", it.key());
      Must(doc, ops::PutInlinePolicy(ctx, kind, name, it.key(), DocumentText(doc)));
    }
  }

  std::string Boundary(OpContext& ctx, const FIn& in) {
    return in.Has("permissions_boundary") ? PolicyArn(ctx, in.At("permissions_boundary")) : "";
  }

  void ManagedPolicy(OpContext& ctx, const FIn& p) {
    p.Object({"name", "path", "description", "document", "tags"});
    ops::CreatePolicyInput in{Str(p, "name", "policyNameType"),
                              StrOr(p, "path", "policyPathType", "/"),
                              DocumentText(p.At("document")),
                              StrOr(p, "description", "policyDescriptionType", ""), TagsOf(p)};
    Must(p, ops::CreatePolicy(ctx, in));
  }

  void InstanceProfile(OpContext& ctx, const FIn& p) {
    p.Object({"name", "path", "tags"});
    ops::CreateInstanceProfileInput in{Str(p, "name", "instanceProfileNameType"),
                                       StrOr(p, "path", "pathType", "/"), TagsOf(p)};
    Must(p, ops::CreateInstanceProfile(ctx, in));
  }

  void Group(OpContext& ctx, const FIn& g) {
    g.Object({"name", "path", "managed_policies", "inline_policies"});
    std::string name = Str(g, "name", "groupNameType");
    Must(g, ops::CreateGroup(ctx, name, StrOr(g, "path", "pathType", "/")));
    Policies(ctx, g, EntityKind::kGroup, name);
  }

  void Role(OpContext& ctx, const FIn& r) {
    r.Object({"name", "path", "description", "max_session_duration", "trust_policy",
              "permissions_boundary", "tags", "managed_policies", "inline_policies",
              "instance_profiles"});
    ops::CreateRoleInput in;
    in.role_name = Str(r, "name", "roleNameType");
    in.assume_role_policy_document = DocumentText(r.At("trust_policy"));
    in.path = StrOr(r, "path", "pathType", "/");
    in.description = StrOr(r, "description", "roleDescriptionType", "");
    if (r.Has("max_session_duration"))
      in.max_session_duration = r.At("max_session_duration").SmallInt(3600, 43200);
    in.permissions_boundary = Boundary(ctx, r);
    in.tags = TagsOf(r);
    Must(r, ops::CreateRole(ctx, in));
    Policies(ctx, r, EntityKind::kRole, in.role_name);
    Each(r, "instance_profiles", [&](const FIn& p) {
      std::string profile = Checked(p, "instanceProfileNameType", p.Str());
      bool exists = false;
      store_.Read(ctx.account(), [&](const AccountState& s) {
        exists = s.instance_profiles.contains(FoldName(profile));
      });
      if (!exists) Must(p, ops::CreateInstanceProfile(ctx, {profile, "/", {}}));
      Must(p, ops::AddRoleToInstanceProfile(ctx, profile, in.role_name));
    });
  }

  void User(OpContext& ctx, const FIn& u) {
    u.Object({"name", "path", "permissions_boundary", "tags", "groups", "managed_policies",
              "inline_policies", "login_profile", "access_keys"});
    ops::CreateUserInput in{Str(u, "name", "userNameType"), StrOr(u, "path", "pathType", "/"),
                            Boundary(ctx, u), TagsOf(u)};
    Must(u, ops::CreateUser(ctx, in));
    Each(u, "groups", [&](const FIn& g) {
      Must(g, ops::AddUserToGroup(ctx, Checked(g, "groupNameType", g.Str()), in.user_name));
    });
    Policies(ctx, u, EntityKind::kUser, in.user_name);
    if (u.Has("login_profile")) {
      FIn lp = u.At("login_profile");
      lp.Object({"password", "password_reset_required"});
      ops::CreateLoginProfileInput profile{in.user_name, Str(lp, "password", "passwordType"),
                                           lp.BoolOr("password_reset_required", false)};
      Must(lp, ops::CreateLoginProfile(ctx, profile));
    }
    Each(u, "access_keys", [&](const FIn& k) { AccessKey(ctx, k, in.user_name); });
  }

  void AccessKey(OpContext& ctx, const FIn& k, const std::string& user) {
    k.Object({"id", "secret", "status"});
    std::string status = k.StrOr("status", "Active");
    if (status != "Active" && status != "Inactive")
      k.At("status").Fail("expected Active or Inactive");
    FixtureIds ids(ids_);
    if (k.Has("id")) {
      std::string id = Str(k, "id", "accessKeyIdType");
      if (!k.Has("secret")) k.Fail("a key with a given id needs its \"secret\" too");
      std::string secret = k.At("secret").NonEmptyStr();
      for (unsigned char c : secret)
        if (c < 0x21 || c > 0x7E) k.At("secret").Fail("must be printable ASCII without spaces");
      for (const auto& account : store_.AccountIds()) {
        bool used = false;
        store_.Read(account, [&](const AccountState& s) { used = s.access_keys.contains(id); });
        if (used) k.At("id").Fail("access key " + id + " already exists (account " + account + ")");
      }
      ids.GiveNextKey(id, secret);
    } else if (k.Has("secret")) {
      k.At("secret").Fail("a secret needs its key \"id\"");
    }
    OpContext keyed{ctx.store, ctx.clock, ids, ctx.caller};
    auto created = Must(k, ops::CreateAccessKey(keyed, user));
    if (status == "Inactive") Must(k, ops::UpdateAccessKey(ctx, user, created.key.id, "Inactive"));
  }

  Store& store_;
  const Clock& clock_;
  IdGenerator& ids_;
  Caller caller_;
};

const std::initializer_list<std::string_view> kAccountKeys = {
    "password_policy", "alias", "policies", "instance_profiles", "groups", "roles", "users"};

void ApplyRoot(const FIn& root, Applier& applier, const FixtureOptions& options) {
  if (!root.json().is_object()) root.Fail("expected an object");
  if (root.Has("format") && root.At("format").Str() != kFixtureFormat)
    root.At("format").Fail("expected \"" + std::string(kFixtureFormat) + "\"");
  if (root.Has("version") && root.At("version").Int(1, 1'000'000) != 1)
    root.At("version").Fail("this iamlite reads fixture version 1");
  if (root.Has("accounts")) {
    root.Object({"format", "version", "accounts"});
    FIn accounts = root.At("accounts");
    if (!accounts.json().is_object()) accounts.Fail("expected an object of account id to account");
    for (auto it = accounts.json().begin(); it != accounts.json().end(); ++it) {
      FIn account = accounts.Child(it.key(), it.value());
      if (!IsAccountId(it.key())) account.Fail("an account id is twelve digits");
      account.Object(kAccountKeys);
      applier.Account(account, it.key());
    }
    return;
  }
  std::vector<std::string_view> allowed(kAccountKeys);
  for (auto k : {"format", "version", "account"}) allowed.push_back(k);
  for (auto it = root.json().begin(); it != root.json().end(); ++it)
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      root.Child(it.key(), it.value()).Fail("unknown field");
  std::string account = root.Has("account") ? root.At("account").Str() : options.default_account;
  if (!IsAccountId(account)) root.At("account").Fail("an account id is twelve digits");
  applier.Account(root, account);
}

}  // namespace

std::expected<void, std::string> ApplyFixture(std::string_view file_name, std::string_view text,
                                              Store& store, const Clock& clock, IdGenerator& ids,
                                              const FixtureOptions& options) {
  std::string file(file_name);
  const bool yaml = file.ends_with(".yaml") || file.ends_with(".yml");
  auto tree = yaml ? ReadYamlSource(text) : ReadJsonSource(text);
  if (!tree) return std::unexpected(file + ": " + tree.error().ToString());
  Applier applier(store, clock, ids);
  try {
    ApplyRoot(FIn(tree->root), applier, options);
  } catch (const DecodeError& e) {
    int line = tree->LineOf(e.path);
    return std::unexpected(file + ": " + e.path +
                           (line > 0 ? " (line " + std::to_string(line) + ")" : "") + ": " +
                           e.message);
  } catch (const std::exception& e) {
    return std::unexpected(file + ": cannot apply the fixture: " + e.what());
  }
  return {};
}

std::expected<void, std::string> ApplyFixtureFile(const std::string& path, Store& store,
                                                  const Clock& clock, IdGenerator& ids,
                                                  const FixtureOptions& options) {
  auto text = ReadWholeFile(path);
  if (!text) return std::unexpected(text.error());
  return ApplyFixture(path, *text, store, clock, ids, options);
}

}  // namespace iamlite::state
