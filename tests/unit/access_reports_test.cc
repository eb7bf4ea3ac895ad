#include "core/ops/access_reports.h"

#include <gtest/gtest.h>

#include "core/ops/attachments.h"
#include "core/ops/groups.h"
#include "core/ops/inline_policies.h"
#include "core/ops/users.h"
#include "core/runtime.h"
#include "tests/unit/op_test_base.h"

namespace iamlite {
namespace {

constexpr const char* kS3AndIam = R"({"Version":"2012-10-17","Statement":[
  {"Effect":"Allow","Action":["s3:Get*","iam:ListUsers"],"Resource":"*"},
  {"Effect":"Deny","Action":"ec2:*","Resource":"*"}]})";
constexpr const char* kJaneArn = "arn:aws:iam::123456789012:user/jane";

class AccessReportsTest : public testing::OpTest {
 protected:
  void SetUp() override {
    ctx_.runtime = &runtime_;
    ASSERT_TRUE(ops::CreateUser(ctx_, {"jane", "/", "", {}}));
    ASSERT_TRUE(ops::PutInlinePolicy(ctx_, ops::EntityKind::kUser, "jane", "p", kS3AndIam));
  }
  std::vector<std::string> Namespaces(const std::string& job_id) {
    auto r = ops::GetServiceLastAccessedDetails(ctx_, job_id, {});
    EXPECT_TRUE(r.has_value());
    std::vector<std::string> out;
    for (const auto& s : r->page.items) out.push_back(s.service.ns);
    return out;
  }
  Runtime runtime_;
};

TEST_F(AccessReportsTest, ListsServicesTheAllowStatementsGrant) {
  auto job = ops::GenerateServiceLastAccessedDetails(ctx_, kJaneArn, "");
  ASSERT_TRUE(job.has_value());
  EXPECT_EQ(job->size(), 36u);
  EXPECT_EQ(Namespaces(*job), (std::vector<std::string>{"iam", "s3"}));  // not ec2 (Deny)
}

TEST_F(AccessReportsTest, LastAuthenticatedComesFromRecordedActivity) {
  runtime_.activity.Record("123456789012", kJaneArn, "iam", "ListUsers", "eu-west-1",
                           1'700'000'500'000, true);
  auto job = ops::GenerateServiceLastAccessedDetails(ctx_, kJaneArn, "ACTION_LEVEL");
  ASSERT_TRUE(job.has_value());
  auto r = ops::GetServiceLastAccessedDetails(ctx_, *job, {});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->page.items.size(), 2u);
  const auto& iam = r->page.items[0];
  ASSERT_TRUE(iam.last);
  EXPECT_EQ(*iam.last, 1'700'000'500'000);
  EXPECT_EQ(iam.last_entity, kJaneArn);
  EXPECT_EQ(iam.last_region, "eu-west-1");
  EXPECT_EQ(iam.total_entities, 1);
  ASSERT_EQ(iam.actions.size(), 1u);  // only iam:ListUsers is allowed
  EXPECT_EQ(iam.actions[0].name, "ListUsers");
  EXPECT_TRUE(iam.actions[0].last);
  EXPECT_FALSE(r->page.items[1].last);  // s3: granted, never used
  EXPECT_EQ(r->page.items[1].total_entities, 0);
}

TEST_F(AccessReportsTest, GroupReportCoversMembers) {
  ASSERT_TRUE(ops::CreateGroup(ctx_, "devs"));
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "devs", "jane"));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kGroup, "devs",
                                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
  runtime_.activity.Record("123456789012", kJaneArn, "s3", "GetObject", "us-east-1",
                           1'700'000'100'000, false);
  auto job = ops::GenerateServiceLastAccessedDetails(ctx_, "arn:aws:iam::123456789012:group/devs",
                                                     "SERVICE_LEVEL");
  ASSERT_TRUE(job.has_value());
  auto r = ops::GetServiceLastAccessedDetailsWithEntities(ctx_, *job, "s3", {});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->page.items.size(), 1u);
  EXPECT_EQ(r->page.items[0].entity.name, "jane");
  EXPECT_EQ(r->page.items[0].entity.type, "USER");
  EXPECT_TRUE(r->page.items[0].last);
}

TEST_F(AccessReportsTest, Errors) {
  auto missing =
      ops::GenerateServiceLastAccessedDetails(ctx_, "arn:aws:iam::123456789012:user/nobody", "");
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, "NoSuchEntity");
  EXPECT_EQ(missing.error().message, "The user with name nobody cannot be found.");
  auto bad = ops::GenerateServiceLastAccessedDetails(ctx_, "arn:aws:s3:::bucket/key", "");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, "InvalidInput");
  auto job = ops::GetServiceLastAccessedDetails(ctx_, "00000000-0000-0000-0000-000000000000", {});
  ASSERT_FALSE(job.has_value());
  EXPECT_EQ(job.error().code, "NoSuchEntity");
}

TEST_F(AccessReportsTest, JobsBelongToTheirAccount) {
  auto job = ops::GenerateServiceLastAccessedDetails(ctx_, kJaneArn, "");
  ASSERT_TRUE(job.has_value());
  Caller other = Caller::Root("210987654321");
  OpContext ctx2{store_, clock_, ids_, other, &runtime_};
  EXPECT_FALSE(ops::GetServiceLastAccessedDetails(ctx2, *job, {}).has_value());
}

TEST_F(AccessReportsTest, PoliciesGrantingServiceAccessIncludeGroups) {
  ASSERT_TRUE(ops::CreateGroup(ctx_, "devs"));
  ASSERT_TRUE(ops::AddUserToGroup(ctx_, "devs", "jane"));
  ASSERT_TRUE(ops::AttachPolicy(ctx_, ops::EntityKind::kGroup, "devs",
                                "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"));
  auto r = ops::ListPoliciesGrantingServiceAccess(ctx_, kJaneArn, {"s3", "ec2"});
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].ns, "s3");
  ASSERT_EQ((*r)[0].policies.size(), 2u);
  EXPECT_EQ((*r)[0].policies[0].policy_type, "INLINE");
  EXPECT_EQ((*r)[0].policies[0].entity_type, "USER");
  EXPECT_EQ((*r)[0].policies[1].policy_type, "MANAGED");
  EXPECT_EQ((*r)[0].policies[1].policy_arn, "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess");
  EXPECT_TRUE((*r)[1].policies.empty());
}

TEST(ActivityLogTest, KeepsTheLatestPerServiceAndAction) {
  ActivityLog log;
  log.Record("1", "arn:a", "iam", "GetUser", "us-east-1", 20, true);
  log.Record("1", "arn:a", "iam", "ListUsers", "eu-west-1", 10, true);
  log.Record("1", "arn:a", "sts", "GetCallerIdentity", "us-east-1", 30, false);
  auto a = log.Of("1", "arn:a");
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a["iam"].last, 20);
  EXPECT_EQ(a["iam"].region, "us-east-1");
  EXPECT_EQ(a["iam"].actions.size(), 2u);
  EXPECT_TRUE(a["sts"].actions.empty());
  EXPECT_TRUE(log.Of("2", "arn:a").empty());
  log.Clear();
  EXPECT_TRUE(log.Of("1", "arn:a").empty());
}

}  // namespace
}  // namespace iamlite
