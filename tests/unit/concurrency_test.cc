// Many threads against one App (no sockets): overlapping creates, memberships, attachments and
// deletes of the same entities. Afterwards the store obeys every invariant, and same-name
// creates have exactly one winner. Run under ThreadSanitizer by scripts/test-sanitize thread.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdio>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "core/ids.h"
#include "server/app.h"

namespace iamlite {
namespace {

constexpr int kThreads = 8;
constexpr int kOpsPerThread = 300;
constexpr const char* kAccount = "123456789012";

class ConcurrencyTest : public ::testing::Test {
 protected:
  App app_{AppOptions{.quiet = true}, std::make_unique<SystemClock>(),
           std::make_unique<SeededIdGenerator>(7)};

  HttpResponse Post(const std::string& body) {
    HttpRequest r;
    r.method = "POST";
    r.target = "/";
    r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
    r.body = "Version=2010-05-08&" + body;
    return app_.Handle(r);
  }

  template <class F>
  static void RunThreads(F&& f) {
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) threads.emplace_back(f, i);
    for (auto& t : threads) t.join();
  }

  // Both sides of every membership, attachment counts equal to the real attachments, no
  // reference to an entity that does not exist.
  void ExpectInvariants() {
    app_.store().Read(kAccount, [](const AccountState& s) {
      std::map<std::string, int> attached;
      for (const auto& [key, user] : s.users) {
        for (const std::string& g : user->groups) {
          auto it = s.groups.find(g);
          ASSERT_NE(it, s.groups.end()) << user->name << " in missing group " << g;
          EXPECT_EQ(std::count(it->second->members.begin(), it->second->members.end(), key), 1)
              << user->name << " / " << g;
        }
        for (const std::string& arn : user->attached_policies) ++attached[arn];
      }
      for (const auto& [key, group] : s.groups) {
        for (const std::string& u : group->members) {
          auto it = s.users.find(u);
          ASSERT_NE(it, s.users.end()) << group->name << " lists missing user " << u;
          EXPECT_EQ(std::count(it->second->groups.begin(), it->second->groups.end(), key), 1);
        }
        for (const std::string& arn : group->attached_policies) ++attached[arn];
      }
      for (const auto& [key, policy] : s.policies) {
        EXPECT_EQ(policy->attachment_count, attached[policy->Arn(kAccount)]) << policy->name;
        attached.erase(policy->Arn(kAccount));
      }
      EXPECT_TRUE(attached.empty()) << "attached policy that does not exist: "
                                    << (attached.empty() ? "" : attached.begin()->first);
    });
  }
};

TEST_F(ConcurrencyTest, SameNameCreatesHaveExactlyOneWinner) {
  std::atomic<int> wins[20] = {};
  std::atomic<int> conflicts{0}, other{0};
  RunThreads([&](int) {
    for (int n = 0; n < 20; ++n) {
      HttpResponse r = Post("Action=CreateUser&UserName=race" + std::to_string(n));
      if (r.status == 200) {
        ++wins[n];
      } else if (r.status == 409 &&
                 r.body.find("<Code>EntityAlreadyExists</Code>") != std::string::npos) {
        ++conflicts;
      } else {
        ++other;
      }
    }
  });
  for (int n = 0; n < 20; ++n) EXPECT_EQ(wins[n].load(), 1) << n;
  EXPECT_EQ(conflicts.load(), 20 * (kThreads - 1));
  EXPECT_EQ(other.load(), 0);
}

TEST_F(ConcurrencyTest, OverlappingMutationsKeepInvariants) {
  const std::string doc =
      "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow"
      "%22%2C%22Action%22%3A%22s3%3A*%22%2C%22Resource%22%3A%22*%22%7D%5D%7D";
  for (int p = 0; p < 3; ++p)
    ASSERT_EQ(
        Post("Action=CreatePolicy&PolicyName=p" + std::to_string(p) + "&PolicyDocument=" + doc)
            .status,
        200);
  std::atomic<int> unexpected{0};
  RunThreads([&](int t) {
    std::mt19937 rng(static_cast<unsigned>(t) + 1);
    auto pick = [&](int n) { return std::to_string(rng() % static_cast<unsigned>(n)); };
    for (int i = 0; i < kOpsPerThread; ++i) {
      const std::string u = "UserName=u" + pick(6), g = "GroupName=g" + pick(3);
      const std::string p = "PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fp" + pick(3);
      std::string body;
      switch (rng() % 10) {
        case 0:
          body = "Action=CreateUser&" + u;
          break;
        case 1:
          body = "Action=DeleteUser&" + u;
          break;
        case 2:
          body = "Action=CreateGroup&" + g;
          break;
        case 3:
          body = "Action=DeleteGroup&" + g;
          break;
        case 4:
          body = "Action=AddUserToGroup&" + u + "&" + g;
          break;
        case 5:
          body = "Action=RemoveUserFromGroup&" + u + "&" + g;
          break;
        case 6:
          body = "Action=AttachUserPolicy&" + u + "&" + p;
          break;
        case 7:
          body = "Action=DetachUserPolicy&" + u + "&" + p;
          break;
        case 8:
          body = "Action=AttachGroupPolicy&" + g + "&" + p;
          break;
        default:
          body = "Action=DetachGroupPolicy&" + g + "&" + p;
          break;
      }
      const HttpResponse r = Post(body);
      // Success, or the refusal the state at that moment calls for.
      const bool ok = r.status == 200 ||
                      r.body.find("<Code>NoSuchEntity</Code>") != std::string::npos ||
                      r.body.find("<Code>EntityAlreadyExists</Code>") != std::string::npos ||
                      r.body.find("<Code>DeleteConflict</Code>") != std::string::npos;
      if (!ok) {
        ++unexpected;
        ADD_FAILURE() << body << " -> " << r.status << " " << r.body;
      }
    }
  });
  EXPECT_EQ(unexpected.load(), 0);
  ExpectInvariants();
}

// Listings are answered from kept responses while the account is unchanged (response_cache.h):
// with every thread listing the same way between its own creates and deletes, each listing
// still shows the thread's last acknowledged change.
TEST_F(ConcurrencyTest, ListingsSeeEveryAcknowledgedChange) {
  std::atomic<int> stale{0}, failed{0};
  RunThreads([&](int t) {
    for (int i = 0; i < 40; ++i) {
      const std::string name = "lister" + std::to_string(t) + "-" + std::to_string(i);
      const std::string tag = "<UserName>" + name + "</UserName>";
      if (Post("Action=CreateUser&UserName=" + name).status != 200) ++failed;
      HttpResponse listed = Post("Action=ListUsers&MaxItems=1000");
      if (listed.status != 200) ++failed;
      if (listed.body.find(tag) == std::string::npos) ++stale;
      if (Post("Action=DeleteUser&UserName=" + name).status != 200) ++failed;
      listed = Post("Action=ListUsers&MaxItems=1000");
      if (listed.body.find(tag) != std::string::npos) ++stale;
    }
  });
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(stale.load(), 0);
}

// The simulator keeps each principal's effective policies per account generation
// (core/ops/effective_policies_cache.h): threads rewriting their own user's policy and then
// simulating must each see their last write, while all of them share the cache.
TEST_F(ConcurrencyTest, SimulationsSeeEveryAcknowledgedPolicyChange) {
  const std::string allow =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}})";
  const std::string deny =
      R"({"Version":"2012-10-17","Statement":{"Effect":"Deny","Action":"s3:GetObject","Resource":"*"}})";
  auto encode = [](const std::string& text) {
    std::string out;
    for (char c : text) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        out += c;
      } else {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", static_cast<unsigned char>(c));
        out += hex;
      }
    }
    return out;
  };
  for (int t = 0; t < kThreads; ++t)
    ASSERT_EQ(Post("Action=CreateUser&UserName=sim" + std::to_string(t)).status, 200);
  std::atomic<int> stale{0}, failed{0};
  RunThreads([&](int t) {
    const std::string user = "sim" + std::to_string(t);
    for (int i = 0; i < 30; ++i) {
      const bool allowed = i % 2 == 0;
      if (Post("Action=PutUserPolicy&UserName=" + user +
               "&PolicyName=p&PolicyDocument=" + encode(allowed ? allow : deny))
              .status != 200)
        ++failed;
      HttpResponse r = Post(
          "Action=SimulatePrincipalPolicy&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%"
          "2F" +
          user + "&ActionNames.member.1=s3%3AGetObject");
      if (r.status != 200) ++failed;
      const std::string want = allowed ? "<EvalDecision>allowed</EvalDecision>"
                                       : "<EvalDecision>explicitDeny</EvalDecision>";
      if (r.body.find(want) == std::string::npos) ++stale;
    }
  });
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(stale.load(), 0);
}

}  // namespace
}  // namespace iamlite
