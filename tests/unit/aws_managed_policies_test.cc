#include "core/aws_managed_policies.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace iamlite {
namespace {

using nlohmann::json;

// The values of a statement's Action (or Resource): a string or an array of strings.
std::vector<std::string> Strings(const json& v) {
  if (v.is_string()) return {v.get<std::string>()};
  return v.get<std::vector<std::string>>();
}

// True when some Allow statement of the document grants every action in `actions` (as written,
// wildcards included) on Resource `resource`.
bool Allows(const std::string& document, const std::vector<std::string>& actions,
            const std::string& resource) {
  json doc = json::parse(document);
  for (const json& s : doc.at("Statement")) {
    if (s.at("Effect") != "Allow" || !s.contains("Action") || !s.contains("Resource")) continue;
    auto have = Strings(s["Action"]);
    auto res = Strings(s["Resource"]);
    bool all = std::all_of(actions.begin(), actions.end(), [&](const std::string& a) {
      return std::find(have.begin(), have.end(), a) != have.end();
    });
    if (all && std::find(res.begin(), res.end(), resource) != res.end()) return true;
  }
  return false;
}

TEST(AwsManagedPolicies, CatalogueHoldsAllPolicies) {
  EXPECT_GE(AwsManagedPoliciesSorted().size(), 1400u);
}

struct Known {
  const char* arn;
  std::vector<std::string> actions;  // granted together by one Allow statement on "*"
};

TEST(AwsManagedPolicies, KnownPoliciesHavePlausibleDocuments) {
  const Known cases[] = {
      {"arn:aws:iam::aws:policy/AdministratorAccess", {"*"}},
      {"arn:aws:iam::aws:policy/ReadOnlyAccess", {"s3:Get*", "s3:List*"}},
      {"arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess", {"s3:Get*", "s3:List*"}},
      {"arn:aws:iam::aws:policy/AmazonEC2FullAccess", {"ec2:*"}},
      {"arn:aws:iam::aws:policy/AmazonSQSFullAccess", {"sqs:*"}},
      {"arn:aws:iam::aws:policy/AdministratorAccess-AWSElasticBeanstalk",
       {"cloudformation:Describe*"}},
      {"arn:aws:iam::aws:policy/AmazonCognitoPowerUser", {"cognito-identity:*", "cognito-idp:*"}},
      {"arn:aws:iam::aws:policy/IAMFullAccess", {"iam:*"}},
      {"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
       {"logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"}},
      {"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", {"athena:List*"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.arn);
    const AwsManagedPolicy* p = FindAwsManagedPolicy(c.arn);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->arn, c.arn);
    ASSERT_NE(p->DefaultVersion(), nullptr);
    EXPECT_TRUE(Allows(p->DefaultVersion()->document, c.actions, "*"));
  }
}

TEST(AwsManagedPolicies, AdministratorAccessIsExactlyAllowAll) {
  const AwsManagedPolicy* p = FindAwsManagedPolicy("arn:aws:iam::aws:policy/AdministratorAccess");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "AdministratorAccess");
  EXPECT_EQ(p->path, "/");
  EXPECT_EQ(p->default_version_id, "v1");
  EXPECT_EQ(p->create_date, 1423247986000);  // 2015-02-06T18:39:46Z
  EXPECT_EQ(json::parse(p->DefaultVersion()->document), json::parse(R"({"Version":"2012-10-17",
                            "Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]})"));
}

TEST(AwsManagedPolicies, PathsAreResolved) {
  const struct {
    const char* arn;
    const char* name;
    const char* path;
  } cases[] = {
      {"arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
       "AWSLambdaBasicExecutionRole", "/service-role/"},
      {"arn:aws:iam::aws:policy/aws-service-role/AWSSupportServiceRolePolicy",
       "AWSSupportServiceRolePolicy", "/aws-service-role/"},
      {"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess", "ViewOnlyAccess", "/job-function/"},
      {"arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials",
       "IAMAuditRootUserCredentials", "/root-task/"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.arn);
    const AwsManagedPolicy* p = FindAwsManagedPolicy(c.arn);
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->name, c.name);
    EXPECT_EQ(p->path, c.path);
  }
}

TEST(AwsManagedPolicies, UnknownArnsAreNotFound) {
  const char* cases[] = {
      "",
      "arn:aws:iam::aws:policy/NoSuchPolicyAnywhere",
      "arn:aws:iam::aws:policy/AWSLambdaBasicExecutionRole",  // lives under /service-role/
      "arn:aws:iam::aws:policy/service-role/AdministratorAccess",
      "arn:aws:iam::aws:policy/administratoraccess",  // ARNs are case-sensitive
      "arn:aws:iam::123456789012:policy/AdministratorAccess",
      "arn:aws-cn:iam::aws:policy/AdministratorAccess",
      "AdministratorAccess",
      "arn:aws:iam::aws:policy/AdministratorAccess ",
  };
  for (const char* arn : cases) EXPECT_EQ(FindAwsManagedPolicy(arn), nullptr) << arn;
}

TEST(AwsManagedPolicies, SortedByNameAndConsistentWithLookup) {
  const auto& sorted = AwsManagedPoliciesSorted();
  std::set<std::string> ids;
  for (size_t i = 0; i < sorted.size(); ++i) {
    const AwsManagedPolicy* p = sorted[i];
    SCOPED_TRACE(p->arn);
    if (i > 0) {
      EXPECT_LT(sorted[i - 1]->name, p->name);
    }
    EXPECT_EQ(FindAwsManagedPolicy(p->arn), p);
    EXPECT_EQ(p->arn, std::string(kAwsManagedPolicyArnPrefix) + p->path.substr(1) + p->name);
    EXPECT_TRUE(p->id.starts_with("ANPA")) << p->id;
    EXPECT_EQ(p->id.size(), 21u);
    EXPECT_TRUE(ids.insert(p->id).second) << "duplicate id " << p->id;
    EXPECT_LE(p->create_date, p->update_date);
  }
}

TEST(AwsManagedPolicies, VersionsAndDefaultVersionAgree) {
  for (const AwsManagedPolicy* p : AwsManagedPoliciesSorted()) {
    SCOPED_TRACE(p->arn);
    ASSERT_FALSE(p->versions.empty());
    int defaults = 0;
    for (const auto& v : p->versions) {
      defaults += v.is_default ? 1 : 0;
      EXPECT_EQ(p->FindVersion(v.id), &v);
      EXPECT_GE(v.create_date, p->create_date);
      json doc = json::parse(v.document, nullptr, /*allow_exceptions=*/false);
      ASSERT_TRUE(doc.is_object()) << v.id;
      EXPECT_TRUE(doc.contains("Statement")) << v.id;
    }
    EXPECT_EQ(defaults, 1);
    const auto* def = p->DefaultVersion();
    ASSERT_NE(def, nullptr);
    EXPECT_EQ(def->id, p->default_version_id);
    EXPECT_TRUE(def->is_default);
    EXPECT_EQ(p->FindVersion("v0"), nullptr);
  }
}

TEST(AwsManagedPolicies, DocumentsKeepNonAsciiTextAsUtf8) {
  // The data file is ASCII (\u escapes); documents come out as the UTF-8 they stand for.
  auto parsed = ParseAwsManagedPolicies(
      R"({"policies":[{"name":"P","path":"/","arn":"arn:aws:iam::aws:policy/P",)"
      R"("id":"ANPA00000000000000000","default_version_id":"v1",)"
      R"("create_date":"2020-01-01T00:00:00Z","update_date":"2020-01-01T00:00:00Z",)"
      R"("attachable":true,"versions":[{"id":"v1","is_default":true,)"
      R"("create_date":"2020-01-01T00:00:00Z","document":"{\"Sid\":\"caf\u00e9\"}"}]}]})");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  ASSERT_EQ(parsed->size(), 1u);
  EXPECT_EQ((*parsed)[0].versions[0].document, "{\"Sid\":\"caf\xc3\xa9\"}");
  EXPECT_EQ((*parsed)[0].description, "");
  EXPECT_EQ((*parsed)[0].create_date, 1577836800000);
}

// One valid policy entry, from which each malformed case below changes one thing.
std::string Entry(const std::string& replace_from = "", const std::string& replace_to = "") {
  std::string e =
      R"({"name":"P","path":"/x/","arn":"arn:aws:iam::aws:policy/x/P",)"
      R"("id":"ANPA00000000000000000","default_version_id":"v2",)"
      R"("create_date":"2020-01-01T00:00:00Z","update_date":"2021-02-03T04:05:06Z",)"
      R"("attachable":true,"description":"d","versions":[)"
      R"({"id":"v1","is_default":false,"create_date":"2020-01-01T00:00:00Z","document":"{}"},)"
      R"({"id":"v2","is_default":true,"create_date":"2021-02-03T04:05:06Z","document":"{}"}]})";
  if (!replace_from.empty()) {
    auto at = e.find(replace_from);
    if (at == std::string::npos)
      ADD_FAILURE() << "no " << replace_from << " in the entry";
    else
      e.replace(at, replace_from.size(), replace_to);
  }
  return e;
}

TEST(AwsManagedPolicies, ParseAcceptsAWellFormedCatalogue) {
  auto parsed = ParseAwsManagedPolicies(R"({"count":1,"policies":[)" + Entry() + "]}");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  const AwsManagedPolicy& p = (*parsed)[0];
  EXPECT_EQ(p.description, "d");
  EXPECT_EQ(p.update_date, 1612325106000);
  ASSERT_EQ(p.versions.size(), 2u);
  EXPECT_EQ(p.DefaultVersion(), &p.versions[1]);
  EXPECT_EQ(p.FindVersion("v1"), &p.versions[0]);
}

TEST(AwsManagedPolicies, ParseRejectsMalformedCatalogues) {
  const struct {
    std::string text;
    const char* why;  // a fragment of the error message
  } cases[] = {
      {"", "not a JSON object"},
      {"[]", "not a JSON object"},
      {R"({"policies":{}})", "not a JSON object"},
      {R"({"policies":[)" + Entry() + "]", "not a JSON object"},
      {R"({"policies":[)" + Entry(R"("name":"P",)", "") + "]}", "name"},
      {R"({"policies":[)" + Entry(R"("name":"P")", R"("name":7)") + "]}", "policy #0"},
      {R"({"policies":[7]})", "policy #0"},
      {R"({"policies":[)" + Entry(R"("attachable":true)", R"("attachable":"yes")") + "]}",
       "boolean"},
      {R"({"policies":[)" + Entry("2021-02-03T04:05:06Z", "2021-02-30T04:05:06Z") + "]}",
       "update_date is not a UTC date"},
      {R"({"policies":[)" + Entry("2020-01-01T00:00:00Z", "2020-01-01 00:00:00") + "]}",
       "create_date is not a UTC date"},
      {R"({"policies":[)" + Entry(R"("path":"/x/")", R"("path":"x")") + "]}", "bad path"},
      {R"({"policies":[)" + Entry("policy/x/P", "policy/P") + "]}", "ARN does not match"},
      {R"({"policies":[)" + Entry("ANPA0", "AIDA0") + "]}", "ANPA"},
      {R"({"policies":[)" + Entry(R"("default_version_id":"v2")", R"("default_version_id":"v1")") +
           "]}",
       "default version"},
      {R"({"policies":[)" + Entry(R"("is_default":false)", R"("is_default":true)") + "]}",
       "default version"},
      {R"({"policies":[)" + Entry(R"({"id":"v1")", R"({"id":"v3")") + "]}", "out of order"},
      {R"({"policies":[)" + Entry(R"({"id":"v1")", R"({"id":"one")") + "]}", "bad version id"},
      {R"({"policies":[)" + Entry() + "," + Entry() + "]}", "duplicate ARN"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto parsed = ParseAwsManagedPolicies(c.text);
    ASSERT_FALSE(parsed.has_value());
    EXPECT_EQ(parsed.error().code, "ServiceFailure");
    EXPECT_NE(parsed.error().message.find(c.why), std::string::npos) << parsed.error().message;
  }
}

}  // namespace
}  // namespace iamlite
