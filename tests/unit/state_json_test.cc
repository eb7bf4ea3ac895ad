// Serialization of the state: entities, accounts and the versioned document, and the
// strictness of import.
#include <gtest/gtest.h>

#include <random>

#include "core/password_hash.h"
#include "core/state/change_json.h"
#include "core/state/document.h"
#include "core/state/entity_json.h"
#include "tests/unit/op_test_base.h"
#include "tests/unit/state_test_util.h"

namespace iamlite {
namespace {

using nlohmann::json;
using state::DecodeContext;
using state::JsonIn;

class StateJsonTest : public testing::OpTest {
 protected:
  void SetUp() override {
    testing::BuildRichAccount(ctx_, clock_);
    Caller other = Caller::Root("210987654321");
    OpContext ctx2{store_, clock_, ids_, other};
    testing::BuildRichAccount(ctx2, clock_);
  }
  json Export(bool secrets = true) {
    return state::ExportDocument(store_.Snapshot(), state::ExportOptions{secrets});
  }
  AccountState Account() { return store_.Snapshot().at("123456789012"); }
};

// export -> import -> export gives the same document, for every entity kind and field.
TEST_F(StateJsonTest, DocumentRoundTripIsExact) {
  json first = Export();
  auto imported = state::ImportDocumentText(first.dump(), state::ImportOptions{});
  ASSERT_TRUE(imported.has_value()) << imported.error().ToString();
  EXPECT_EQ(state::ExportDocument(imported->accounts, {true}), first);
  EXPECT_TRUE(imported->notes.generated_secrets.empty());
  // Every field the builder set made it into the export.
  const json& a = first["accounts"]["123456789012"];
  for (const char* key : {"created", "users", "groups", "roles", "policies", "access_keys",
                          "instance_profiles", "settings"})
    EXPECT_TRUE(a.contains(key)) << key;
  const json& sally = a["users"][2];
  EXPECT_EQ(sally["name"], "Sally");
  for (const char* key : {"permissions_boundary", "tags", "password_last_used", "groups",
                          "login_profile", "access_keys", "other_credentials"})
    EXPECT_TRUE(sally.contains(key)) << key;
  const json& settings = a["settings"];
  for (const char* key : {"password_policy", "aliases", "aws_policy_attachments",
                          "aws_policy_boundary_usage", "credential_report"})
    EXPECT_TRUE(settings.contains(key)) << key;
  EXPECT_EQ(settings["aws_policy_attachments"]["arn:aws:iam::aws:policy/AmazonS3FullAccess"], 3);
}

// The imported state is the same state: entities compare equal field by field, and policy
// documents are compiled again.
TEST_F(StateJsonTest, ImportedEntitiesMatchTheOriginals) {
  AccountState before = Account();
  auto imported = state::ImportDocumentText(Export().dump(), state::ImportOptions{});
  ASSERT_TRUE(imported.has_value());
  const AccountState& after = imported->accounts.at("123456789012");
  EXPECT_EQ(after.created, before.created);
  ASSERT_EQ(after.users.size(), before.users.size());
  const User& u = *after.users.at("sally");
  const User& v = *before.users.at("sally");
  EXPECT_EQ(u.id, v.id);
  EXPECT_EQ(u.groups, v.groups);
  EXPECT_EQ(u.access_keys, v.access_keys);
  EXPECT_EQ(u.login_profile->password_hash, v.login_profile->password_hash);
  EXPECT_TRUE(VerifyPassword("Correct-Horse-42!", u.login_profile->password_hash));
  EXPECT_EQ(u.password_last_used, v.password_last_used);
  const Role& r = *after.roles.at("app");
  ASSERT_NE(r.assume_role_policy.Parsed(), nullptr);
  EXPECT_EQ(r.assume_role_policy.text(), testing::kTrustPolicy);
  EXPECT_EQ(r.last_used->region, "eu-west-1");
  const ManagedPolicy& p = *after.policies.at("reads3");
  ASSERT_EQ(p.versions.size(), 2u);
  EXPECT_NE(p.versions[1].document.Parsed(), nullptr);
  EXPECT_EQ(p.default_version_id, "v2");
  EXPECT_EQ(p.next_version, 3);
  EXPECT_EQ(p.attachment_count, 2);
  const ManagedPolicy& b = *after.policies.at("boundary");
  EXPECT_EQ(b.boundary_usage_count, 2);
  for (const auto& [id, key] : before.access_keys) {
    EXPECT_EQ(after.access_keys.at(id)->secret, key->secret);
    EXPECT_EQ(after.access_keys.at(id)->active, key->active);
  }
  EXPECT_NE(after.users.at("bob")->inline_policies.at("a").Parsed(), nullptr);
}

// Each entity kind alone: encode -> decode -> encode is stable.
TEST_F(StateJsonTest, EachEntityKindRoundTrips) {
  AccountState s = Account();
  DecodeContext ctx;
  for (const auto& [k, u] : s.users) {
    json j = state::ToJson(*u, {});
    EXPECT_EQ(state::ToJson(state::DecodeUser(JsonIn(j), ctx), {}), j) << k;
  }
  for (const auto& [k, g] : s.groups) {
    json j = state::ToJson(*g);
    EXPECT_EQ(state::ToJson(state::DecodeGroup(JsonIn(j), ctx)), j) << k;
  }
  for (const auto& [k, r] : s.roles) {
    json j = state::ToJson(*r);
    EXPECT_EQ(state::ToJson(state::DecodeRole(JsonIn(j), ctx)), j) << k;
  }
  for (const auto& [k, p] : s.policies) {
    json j = state::ToJson(*p);
    EXPECT_EQ(state::ToJson(state::DecodeManagedPolicy(JsonIn(j), ctx)), j) << k;
  }
  for (const auto& [k, key] : s.access_keys) {
    json j = state::ToJson(*key, {});
    EXPECT_EQ(state::ToJson(state::DecodeAccessKey(JsonIn(j), ctx), {}), j) << k;
  }
  for (const auto& [k, p] : s.instance_profiles) {
    json j = state::ToJson(*p);
    EXPECT_EQ(state::ToJson(state::DecodeInstanceProfile(JsonIn(j), ctx)), j) << k;
  }
  json settings = state::ToJson(*s.settings);
  EXPECT_EQ(state::ToJson(state::DecodeSettings(JsonIn(settings))), settings);
}

// Every ChangeOp kind survives the journal's JSON.
TEST_F(StateJsonTest, ChangeOpsRoundTrip) {
  AccountState s = Account();
  Change c;
  c.Upsert("sally", *s.users.at("sally")).Remove<User>("bob");
  c.Upsert("developers", *s.groups.at("developers")).Remove<Group>("admins");
  c.Upsert("app", *s.roles.at("app")).Remove<Role>("gone");
  c.Upsert("reads3", *s.policies.at("reads3")).Remove<ManagedPolicy>("boundary");
  const auto& key = *s.access_keys.begin()->second;
  c.Upsert(key.id, key).Remove<AccessKey>("AKIAGONE");
  c.Upsert("appprofile", *s.instance_profiles.at("appprofile")).Remove<InstanceProfile>("x");
  c.SetSettings(*s.settings);
  json j = state::ToJson(c);
  ASSERT_EQ(j.size(), 13u);
  auto back = state::ChangeFromJson(j);
  ASSERT_TRUE(back.has_value()) << back.error().ToString();
  ASSERT_EQ(back->ops.size(), c.ops.size());
  for (std::size_t i = 0; i < c.ops.size(); ++i)
    EXPECT_EQ(back->ops[i].index(), c.ops[i].index()) << i;
  EXPECT_EQ(state::ToJson(*back), j);
  // Applying the decoded change gives what applying the original gives.
  AccountState x = s, y = s;
  ApplyChange(x, c);
  ApplyChange(y, *back);
  EXPECT_EQ(state::ToJson(x, {}), state::ToJson(y, {}));
}

TEST_F(StateJsonTest, ChangeRecordsAreStrict) {
  struct Case {
    std::string record;
    std::string message;
  } cases[] = {
      {R"([{"op":"put","type":"user","key":"a"}])", "missing required field \"value\""},
      {R"([{"op":"drop","type":"user","key":"a"}])", "expected \"put\" or \"erase\""},
      {R"([{"op":"erase","type":"settings"}])", "settings are replaced, never erased"},
      {R"([{"op":"erase","type":"widget","key":"a"}])", "unknown entity type \"widget\""},
      {R"([{"op":"erase","type":"user","key":""}])", "must not be empty"},
      {R"({"op":"erase"})", "expected an array"},
  };
  for (const auto& c : cases) {
    auto r = state::ChangeFromJson(json::parse(c.record));
    ASSERT_FALSE(r.has_value()) << c.record;
    EXPECT_NE(r.error().message.find(c.message), std::string::npos)
        << c.record << " -> " << r.error().ToString();
  }
}

// An export without secrets imports with fresh secrets (reported) and locked login profiles.
TEST_F(StateJsonTest, ExportWithoutSecretsImportsWithFreshOnes) {
  json doc = Export(/*secrets=*/false);
  std::string text = doc.dump();
  EXPECT_EQ(text.find("\"secret\""), std::string::npos);
  EXPECT_EQ(text.find("password_hash"), std::string::npos);
  EXPECT_EQ(doc["secrets"], false);
  // Without an id generator a missing secret is an error (journals and snapshots).
  auto strict = state::ImportDocumentText(text, state::ImportOptions{});
  ASSERT_FALSE(strict.has_value());
  EXPECT_EQ(strict.error().message, "missing required field \"password_hash\"");
  EXPECT_EQ(strict.error().path, "$.accounts[\"123456789012\"].users[2].login_profile");

  auto imported = state::ImportDocumentText(text, state::ImportOptions{&ids_, 0});
  ASSERT_TRUE(imported.has_value()) << imported.error().ToString();
  EXPECT_EQ(imported->notes.generated_secrets.size(), 6u);  // 3 keys in each of 2 accounts
  EXPECT_EQ(imported->notes.locked_login_profiles.size(), 2u);
  const auto& n = imported->notes.generated_secrets[0];
  const auto& key = imported->accounts.at(n.account).access_keys.at(n.access_key_id);
  EXPECT_EQ(key->secret, n.secret_access_key);
  EXPECT_EQ(key->secret.size(), 40u);
  const auto& sally = imported->accounts.at("123456789012").users.at("sally");
  ASSERT_TRUE(sally->login_profile.has_value());
  EXPECT_FALSE(VerifyPassword("Correct-Horse-42!", sally->login_profile->password_hash));
  json summary = state::ImportSummary(*imported);
  EXPECT_EQ(summary["generated_secrets"].size(), 6u);
  EXPECT_EQ(summary["locked_login_profiles"][0]["user_name"], "Sally");
}

struct BadDoc {
  const char* name;
  std::function<void(json&)> mutate;
  std::string path;     // expected JSON path (exact)
  std::string message;  // expected to appear in the message
};

TEST_F(StateJsonTest, BadDocumentsNameThePathAndTheProblem) {
  const std::string a = "$.accounts[\"123456789012\"]";
  auto acct = [](json& d) -> json& { return d["accounts"]["123456789012"]; };
  std::vector<BadDoc> cases = {
      {"wrong format", [](json& d) { d["format"] = "other"; }, "$.format", "iamlite-state"},
      {"future version", [](json& d) { d["version"] = 2; }, "$.version", "newer than"},
      {"version not a number", [](json& d) { d["version"] = "1"; }, "$.version",
       "expected an integer"},
      {"unknown top field", [](json& d) { d["extra"] = 1; }, "$.extra", "unknown field"},
      {"bad account id", [](json& d) { d["accounts"]["12345"] = json::object(); },
       "$.accounts[\"12345\"]", "twelve digits"},
      {"unknown user field", [&](json& d) { acct(d)["users"][0]["nickname"] = "x"; },
       a + ".users[0].nickname", "unknown field"},
      {"user name missing", [&](json& d) { acct(d)["users"][0].erase("name"); }, a + ".users[0]",
       "missing required field \"name\""},
      {"user name not a string", [&](json& d) { acct(d)["users"][0]["name"] = 7; },
       a + ".users[0].name", "expected a string"},
      {"duplicate user name", [&](json& d) { acct(d)["users"][1]["name"] = "BOB"; },
       a + ".users[1]", "a second user \"bob\""},
      {"bad time", [&](json& d) { acct(d)["users"][0]["create_date"] = "yesterday"; },
       a + ".users[0].create_date", "expected a time"},
      {"bad path", [&](json& d) { acct(d)["users"][0]["path"] = "eng"; }, a + ".users[0].path",
       "begin and end with /"},
      {"unknown group", [&](json& d) { acct(d)["users"][2]["groups"][0] = "nobody"; },
       a + ".users[2].groups[0]", "no such group"},
      {"membership on one side only",
       [&](json& d) { acct(d)["groups"][1]["members"] = json::array({"sally"}); },
       a + ".users[0].groups[0]", "does not list bob among its members"},
      {"bad inline policy",
       [&](json& d) { acct(d)["users"][0]["inline_policies"]["a"] = "{not json"; },
       a + ".users[0].inline_policies.a", "not a valid policy document"},
      {"bad trust policy",
       [&](json& d) { acct(d)["roles"][0]["assume_role_policy"] = testing::kS3Read; },
       a + ".roles[0].assume_role_policy", "not a valid policy document"},
      {"unknown attached policy",
       [&](json& d) {
         acct(d)["users"][0]["attached_policies"][0] = "arn:aws:iam::aws:policy/Nope";
       },
       a + ".users[0].attached_policies[0]", "no managed policy arn:aws:iam::aws:policy/Nope"},
      {"wrong attachment count", [&](json& d) { acct(d)["policies"][1]["attachment_count"] = 5; },
       a + ".policies[1].attachment_count", "is 5 but"},
      {"wrong aws attachment count",
       [&](json& d) {
         acct(d)["settings"]["aws_policy_attachments"]
                ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] = 1;
       },
       a + ".settings.aws_policy_attachments", "gives 1 for"},
      {"default version missing",
       [&](json& d) { acct(d)["policies"][1]["default_version_id"] = "v9"; },
       a + ".policies[1].default_version_id", "not one of the policy's versions"},
      {"key of a missing user",
       [&](json& d) {
         json key = acct(d)["access_keys"][0];
         key["id"] = "AKIAGHOST00000000000";
         key["user"] = "ghost";
         acct(d)["access_keys"].push_back(key);
       },
       a + ".access_keys[3].user", "no such user"},
      {"key missing from its user's list",
       [&](json& d) {
         json key = acct(d)["access_keys"][0];
         key["id"] = "AKIAEXTRA00000000000";
         acct(d)["access_keys"].push_back(key);
       },
       a + ".access_keys[3].user", "does not list this key"},
      {"key status", [&](json& d) { acct(d)["access_keys"][0]["status"] = "Expired"; },
       a + ".access_keys[0].status", "Active or Inactive"},
      {"key id shared with another account",
       [&](json& d) {
         json& other = d["accounts"]["210987654321"];
         json key = acct(d)["access_keys"][0];
         key["user"] = "bob";
         other["access_keys"].push_back(key);
         for (auto& u : other["users"])
           if (u["name"].get<std::string>() == "bob") u["access_keys"].push_back(key["id"]);
       },
       "$.accounts[\"210987654321\"].access_keys", "unique across accounts"},
      {"session duration out of range",
       [&](json& d) { acct(d)["roles"][0]["max_session_duration"] = 60; },
       a + ".roles[0].max_session_duration", "between 3600 and 43200"},
      {"huge number", [&](json& d) { acct(d)["roles"][0]["max_session_duration"] = 1e300; },
       a + ".roles[0].max_session_duration", "expected an integer"},
      {"instance profile link on one side only",
       [&](json& d) { acct(d)["roles"][0].erase("instance_profiles"); },
       a + ".instance_profiles[0].roles[0]", "does not list instance profile"},
      {"duplicate tag",
       [&](json& d) {
         acct(d)["roles"][0]["tags"].push_back({{"key", "app"}});
       },
       a + ".roles[0].tags[1].key", "duplicate tag key"},
      {"accounts not an object", [](json& d) { d["accounts"] = json::array(); }, "$.accounts",
       "expected an object"},
  };
  const json good = Export();
  for (const auto& c : cases) {
    json doc = good;
    c.mutate(doc);
    auto r = state::ImportDocumentText(doc.dump(), state::ImportOptions{&ids_, 0});
    ASSERT_FALSE(r.has_value()) << c.name;
    EXPECT_EQ(r.error().path, c.path) << c.name << ": " << r.error().ToString();
    EXPECT_NE(r.error().message.find(c.message), std::string::npos)
        << c.name << ": " << r.error().ToString();
  }
}

TEST_F(StateJsonTest, NotJsonNamesLineAndColumn) {
  auto r = state::ImportDocumentText(std::string("{\n  \"format\": \"iamlite-state\",\n  oops\n}"),
                                     state::ImportOptions{});
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("not JSON"), std::string::npos) << r.error().message;
  EXPECT_NE(r.error().message.find("(line 3, column 3)"), std::string::npos) << r.error().message;
}

// Hostile input never crashes: every prefix of a valid document fails cleanly, byte flips
// either fail cleanly or still decode, and deep nesting is refused.
TEST_F(StateJsonTest, TruncatedAndGarbledDocumentsFailCleanly) {
  std::string text = Export().dump();
  for (std::size_t n = 0; n < text.size(); n += 1 + n / 50) {
    auto r = state::ImportDocumentText(std::string_view(text).substr(0, n), state::ImportOptions{});
    EXPECT_FALSE(r.has_value()) << "prefix of " << n << " bytes";
  }
  std::mt19937 rng(5);
  for (int i = 0; i < 300; ++i) {
    std::string bad = text;
    for (int k = 0; k < 3; ++k) bad[rng() % bad.size()] = static_cast<char>(rng() % 256);
    (void)state::ImportDocumentText(bad, state::ImportOptions{&ids_, 0});  // must not crash
  }
  std::string deep(100000, '[');
  EXPECT_FALSE(state::ImportDocumentText(deep, state::ImportOptions{}).has_value());
  std::string deep_doc = R"({"format":"iamlite-state","version":1,"accounts":)" +
                         std::string(50000, '[') + std::string(50000, ']') + "}";
  EXPECT_FALSE(state::ImportDocumentText(deep_doc, state::ImportOptions{}).has_value());
}

TEST_F(StateJsonTest, MissingCountsAreComputed) {
  json doc = Export();
  json& acct = doc["accounts"]["123456789012"];
  for (auto& p : acct["policies"]) {
    p.erase("attachment_count");
    p.erase("boundary_usage_count");
  }
  acct["settings"].erase("aws_policy_attachments");
  auto r = state::ImportDocumentText(doc.dump(), state::ImportOptions{});
  ASSERT_TRUE(r.has_value()) << r.error().ToString();
  EXPECT_EQ(state::ExportDocument(r->accounts, {true}), Export());
}

TEST(StateTimeTest, FormatAndParse) {
  EXPECT_EQ(state::FormatTime(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(state::FormatTime(1'700'000'000'123), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(state::ParseTime("2023-11-14T22:13:20.123Z"), 1'700'000'000'123);
  EXPECT_EQ(state::ParseTime("2023-11-14T22:13:20Z"), 1'700'000'000'000);
  EXPECT_EQ(state::ParseTime("2024-02-29T00:00:00Z"), 1'709'164'800'000);
  for (const char* bad : {"", "2023-11-14", "2023-11-14T22:13:20", "2023-13-01T00:00:00Z",
                          "2023-02-30T00:00:00Z", "2023-11-14T24:00:00Z", "2023-11-14T22:13:20.1Z",
                          "2023-11-14T22:13:20.123Zx", "2023-11-14 22:13:20Z"})
    EXPECT_FALSE(state::ParseTime(bad).has_value()) << bad;
}

}  // namespace
}  // namespace iamlite
