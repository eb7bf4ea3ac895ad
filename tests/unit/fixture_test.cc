// Fixtures: applied through the core operations; errors name the file, path and line.
#include "core/state/fixture.h"

#include <gtest/gtest.h>

#include "core/password_hash.h"
#include "core/state/entity_json.h"
#include "core/state/source_text.h"
#include "tests/unit/test_util.h"

namespace iamlite {
namespace {

class FixtureTest : public ::testing::Test {
 protected:
  std::expected<void, std::string> Apply(const std::string& text) {
    return state::ApplyFixture("f.json", text, store_, clock_, ids_, {"123456789012"});
  }
  // Applies `text` to a store of its own.
  void ExpectError(const std::string& text, const std::string& expected) {
    Store fresh;
    auto r = state::ApplyFixture("f.json", text, fresh, clock_, ids_, {"123456789012"});
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error(), expected);
  }
  AccountState Account(const std::string& id = "123456789012") {
    AccountState out;
    store_.Read(id, [&](const AccountState& s) { out = s; });
    return out;
  }
  Store store_;
  FakeClock clock_;
  SeededIdGenerator ids_{9};
};

TEST_F(FixtureTest, FoundingExample) {
  std::string text = testing::ReadSourceFile("scripts/fixtures/founding-example.json");
  ASSERT_FALSE(text.empty());
  auto r = Apply(text);
  ASSERT_TRUE(r.has_value()) << r.error();
  AccountState s = Account();
  EXPECT_EQ(s.users.size(), 5u);
  EXPECT_EQ(s.groups.size(), 4u);
  EXPECT_EQ(s.policies.size(), 1u);
  EXPECT_EQ(s.access_keys.size(), 4u);
  const Group& devops = *s.groups.at("devops");
  EXPECT_EQ(devops.path, "/company/");
  EXPECT_EQ(devops.members, std::vector<std::string>{"sally"});
  EXPECT_EQ(devops.attached_policies.size(), 4u);
  const ManagedPolicy& billing = *s.policies.at("billingbucketreadonly");
  EXPECT_EQ(billing.attachment_count, 1);
  EXPECT_EQ(billing.tags, (Tags{{"team", "finance"}}));
  EXPECT_EQ(billing.versions[0].document.text().substr(0, 40),
            R"({"Version":"2012-10-17","Statement":[{"S)");
  EXPECT_EQ(s.settings->aws_policy_attachments.at("arn:aws:iam::aws:policy/AmazonS3FullAccess"), 3);
  const User& sally = *s.users.at("sally");
  EXPECT_EQ(sally.tags, (Tags{{"job", "DevOps"}}));
  ASSERT_TRUE(sally.login_profile.has_value());
  EXPECT_TRUE(sally.login_profile->password_reset_required);
  EXPECT_TRUE(VerifyPassword("Initial-Passw0rd!", sally.login_profile->password_hash));
  EXPECT_FALSE(s.users.at("jane")->login_profile.has_value());
  EXPECT_TRUE(s.users.at("mary")->access_keys.empty());
  const AccessKey& key = *s.access_keys.at("AKIAFOUNDINGSALLY000");
  EXPECT_EQ(key.user, "sally");
  EXPECT_EQ(key.secret, "FoundingExample/sally/SecretAccessKey+00");
  EXPECT_TRUE(key.active);
}

TEST_F(FixtureTest, EveryEntityKindAndTheSingleAccountForm) {
  auto r = Apply(R"({
    "account": "210987654321",
    "password_policy": {"minimum_password_length": 12, "require_numbers": true},
    "alias": "example-co",
    "policies": [{"name": "Read", "document": "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:Get*\",\"Resource\":\"*\"}]}"}],
    "instance_profiles": [{"name": "Web", "tags": {"tier": "web"}}],
    "roles": [{"name": "App", "description": "d", "max_session_duration": 7200,
               "trust_policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                 "Principal": {"Service": "ec2.amazonaws.com"}, "Action": "sts:AssumeRole"}]},
               "permissions_boundary": "Read", "tags": {"a": "b"},
               "managed_policies": ["AmazonS3ReadOnlyAccess"],
               "inline_policies": {"deny": {"Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}},
               "instance_profiles": ["Web", "Batch"]}],
    "users": [{"name": "ops", "path": "/ops/", "permissions_boundary": "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess",
               "access_keys": [{"id": "AKIATESTOPS000000001", "secret": "s3cr3t", "status": "Inactive"}, {}]}]
  })");
  ASSERT_TRUE(r.has_value()) << r.error();
  AccountState s = Account("210987654321");
  EXPECT_EQ(s.settings->password_policy->minimum_password_length, 12);
  EXPECT_EQ(s.settings->aliases, std::vector<std::string>{"example-co"});
  const Role& app = *s.roles.at("app");
  EXPECT_EQ(app.max_session_duration, 7200);
  EXPECT_EQ(app.permissions_boundary, "arn:aws:iam::210987654321:policy/Read");
  EXPECT_EQ(app.attached_policies,
            std::vector<std::string>{"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"});
  EXPECT_EQ(app.instance_profiles, (std::vector<std::string>{"web", "batch"}));
  EXPECT_EQ(app.inline_policies.count("deny"), 1u);
  EXPECT_EQ(s.policies.at("read")->boundary_usage_count, 1);
  const User& ops = *s.users.at("ops");
  EXPECT_EQ(ops.access_keys.size(), 2u);
  EXPECT_FALSE(s.access_keys.at("AKIATESTOPS000000001")->active);
  EXPECT_TRUE(Account().users.empty());  // the default account is untouched
}

// Errors: file, JSON path, line, problem.
TEST_F(FixtureTest, ErrorsNameFilePathAndLine) {
  ExpectError("{\n  \"users\": [\n    {\"name\": \"a\",\n     \"groups\": [\"nope\"]}\n  ]\n}",
              "f.json: $.users[0].groups[0] (line 4): NoSuchEntity: The group with name nope "
              "cannot be found.");
  ExpectError("{\n  \"users\": [{\"name\": \"a\", \"nickname\": 1}]\n}",
              "f.json: $.users[0].nickname (line 2): unknown field");
  ExpectError("{\"users\": [{\"name\": \"a b\"}]}",
              "f.json: $.users[0].name (line 1): does not match the pattern [\\w+=,.@-]+");
  ExpectError("{\n\"users\": [\n{\"name\": \"a\",\n\"login_profile\": {\"password\": \"short\"}}]}",
              "f.json: $.users[0].login_profile (line 4): PasswordPolicyViolation: Password "
              "should have a minimum length of 8");
  ExpectError("{\"accounts\": {\"123\": {}}}",
              "f.json: $.accounts[\"123\"] (line 1): an account id is twelve digits");
  ExpectError("{\"users\": [{\"name\": \"a\", \"managed_policies\": [\"NoSuchPolicy\"]}]}",
              "f.json: $.users[0].managed_policies[0] (line 1): no customer managed policy named "
              "NoSuchPolicy in this account (define it under \"policies\" first) and no AWS "
              "managed policy of that name");
  ExpectError(
      "{\"users\": [{\"name\": \"a\", \"access_keys\": [{\"id\": \"AKIASHORT\", "
      "\"secret\": \"x\"}]}]}",
      "f.json: $.users[0].access_keys[0].id (line 1): must be at least 16 characters long");
  ExpectError(
      "{\"users\": [{\"name\": \"a\", \"access_keys\": [{\"id\": \"AKIATESTTEST00000001\"}]}]}",
      "f.json: $.users[0].access_keys[0] (line 1): a key with a given id needs its "
      "\"secret\" too");
  ExpectError("{\"policies\": [{\"name\": \"p\", \"document\": {\"Statement\": []}}]}",
              "f.json: $.policies[0] (line 1): MalformedPolicyDocument: Syntax errors in policy.");
  ExpectError("{\"users\": [\n  {\"name\": \"a\"},\n  {\"name\": \"A\"}]}",
              "f.json: $.users[1] (line 3): EntityAlreadyExists: User with name A already exists.");
  ExpectError("{\"format\": \"yaml\"}", "f.json: $.format (line 1): expected \"iamlite-fixture\"");
}

TEST_F(FixtureTest, SyntaxErrorsNameLineAndColumn) {
  auto r = Apply("{\n  \"users\": [\n    {\"name\": \"a\",}\n  ]\n}");
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().starts_with("f.json: not JSON: ")) << r.error();
  EXPECT_NE(r.error().find("(line 3, column 18)"), std::string::npos) << r.error();
  auto deep = Apply(std::string(200, '[') + std::string(200, ']'));
  ASSERT_FALSE(deep.has_value());
  EXPECT_NE(deep.error().find("nested deeper than 64 levels"), std::string::npos) << deep.error();
}

TEST_F(FixtureTest, GivenKeyIdsAreUniqueAcrossAccounts) {
  ASSERT_TRUE(Apply(
      R"({"users": [{"name": "a", "access_keys": [{"id": "AKIATESTTEST00000001", "secret": "x"}]}]})"));
  auto r = Apply(
      R"({"account": "210987654321", "users": [{"name": "b", "access_keys": [{"id": "AKIATESTTEST00000001", "secret": "y"}]}]})");
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(
      r.error(),
      "f.json: $.users[0].access_keys[0].id (line 1): access key AKIATESTTEST00000001 already "
      "exists (account 123456789012)");
}

TEST(SourceTextTest, LinesOfEveryValue) {
  auto tree = state::ReadJsonSource("{\n \"a\": [\n  1,\n  {\"b\": 2}\n ],\n \"c\": \"x\"\n}");
  ASSERT_TRUE(tree.has_value());
  EXPECT_EQ(tree->LineOf("$"), 1);
  EXPECT_EQ(tree->LineOf("$.a"), 2);
  EXPECT_EQ(tree->LineOf("$.a[0]"), 3);
  EXPECT_EQ(tree->LineOf("$.a[1]"), 4);
  EXPECT_EQ(tree->LineOf("$.a[1].b"), 4);
  EXPECT_EQ(tree->LineOf("$.c"), 6);
  EXPECT_EQ(tree->LineOf("$.a[1].b.nothing"), 4);
  // Members keep file order.
  EXPECT_EQ(tree->root.begin().key(), "a");
}

}  // namespace
}  // namespace iamlite

namespace iamlite {
namespace {

constexpr const char* kYamlFixture = R"(# The same company as the JSON below.
format: iamlite-fixture
accounts:
  "123456789012":
    policies:
      - name: Read
        path: /company/
        document:
          Version: "2012-10-17"
          Statement:
            - Effect: Allow
              Action: [s3:GetObject]
              Resource: "*"
        tags: {team: finance, on: yes}
    groups:
      - name: Devs
        managed_policies: [Read, AmazonS3ReadOnlyAccess]
    users:
      - name: sally
        groups: [Devs]
        login_profile:
          password: Initial-Passw0rd!
          password_reset_required: true
        access_keys:
          - id: AKIATESTSALLY0000001
            secret: !!str 12345
)";

constexpr const char* kJsonFixture = R"({"format": "iamlite-fixture", "accounts": {"123456789012": {
  "policies": [{"name": "Read", "path": "/company/",
                "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                             "Action": ["s3:GetObject"], "Resource": "*"}]},
                "tags": {"team": "finance", "on": "yes"}}],
  "groups": [{"name": "Devs", "managed_policies": ["Read", "AmazonS3ReadOnlyAccess"]}],
  "users": [{"name": "sally", "groups": ["Devs"],
             "login_profile": {"password": "Initial-Passw0rd!", "password_reset_required": true},
             "access_keys": [{"id": "AKIATESTSALLY0000001", "secret": "12345"}]}]}}})";

std::string Applied(const std::string& file, const std::string& text) {
  Store store;
  FakeClock clock;
  SeededIdGenerator ids(4);
  auto r = state::ApplyFixture(file, text, store, clock, ids, {"123456789012"});
  EXPECT_TRUE(r.has_value()) << (r ? "" : r.error());
  AccountState s = store.Snapshot().at("123456789012");
  // Password hashes are salted: compare everything else.
  User sally = *s.users.at("sally");
  EXPECT_TRUE(VerifyPassword("Initial-Passw0rd!", sally.login_profile->password_hash));
  sally.login_profile->password_hash.clear();
  s.users["sally"] = std::make_shared<const User>(sally);
  return state::ToJson(s, {}).dump();
}

TEST(YamlFixtureTest, SameStateAsTheJsonFixture) {
  EXPECT_EQ(Applied("f.yaml", kYamlFixture), Applied("f.json", kJsonFixture));
}

TEST(YamlFixtureTest, ErrorsNameFilePathAndLine) {
  struct Case {
    std::string text, expected;
  } cases[] = {
      {"users:\n  - name: a\n    groups:\n      - nope\n",
       "f.yml: $.users[0].groups[0] (line 4): NoSuchEntity: The group with name nope cannot be "
       "found."},
      {"users:\n  - name: a\n    name: b\n",
       "f.yml: the key \"name\" appears twice (line 3, column 5)"},
      {"users:\n  - &x {name: a}\n  - *x\n",
       "f.yml: YAML anchors are not supported (line 2, column 5)"},
      {"users: [\n", "f.yml: not YAML: did not find expected node content (line 2, column 1)"},
      {"users:\n  - name: a\n    login_profile: {password: Initial-Passw0rd!, "
       "password_reset_required: yes}\n",
       "f.yml: $.users[0].login_profile.password_reset_required (line 3): expected true or "
       "false"},
      {"a: 1\n---\nb: 2\n", "f.yml: more than one YAML document (line 2, column 1)"},
      {"users: !!map {}\n",
       "f.yml: the YAML tag tag:yaml.org,2002:map is not supported (line 1, column 8)"},
  };
  for (const auto& c : cases) {
    Store store;
    FakeClock clock;
    SeededIdGenerator ids(4);
    auto r = state::ApplyFixture("f.yml", c.text, store, clock, ids, {"123456789012"});
    ASSERT_FALSE(r.has_value()) << c.text;
    EXPECT_EQ(r.error(), c.expected) << c.text;
  }
}

TEST(YamlFixtureTest, ScalarsFollowTheCoreSchema) {
  auto tree = state::ReadYamlSource(
      "a: 12\nb: -3\nc: 1.5\nd: true\ne: ~\nf: yes\ng: '12'\nh: 2012-10-17\ni: \"\"\nj:\n");
  ASSERT_TRUE(tree.has_value()) << tree.error().ToString();
  const auto& r = tree->root;
  EXPECT_EQ(r["a"], 12);
  EXPECT_EQ(r["b"], -3);
  EXPECT_EQ(r["c"], 1.5);
  EXPECT_EQ(r["d"], true);
  EXPECT_TRUE(r["e"].is_null());
  EXPECT_EQ(r["f"], "yes");
  EXPECT_EQ(r["g"], "12");
  EXPECT_EQ(r["h"], "2012-10-17");
  EXPECT_EQ(r["i"], "");
  EXPECT_TRUE(r["j"].is_null());
  EXPECT_EQ(tree->LineOf("$.h"), 8);
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += std::string(static_cast<std::size_t>(i) * 2, ' ') + "a:\n";
  EXPECT_FALSE(state::ReadYamlSource(deep).has_value());
}

}  // namespace
}  // namespace iamlite
