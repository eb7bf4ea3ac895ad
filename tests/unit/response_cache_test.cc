// The kept listing answers: the cache alone, then through the App (a listing is reused while
// the account is unchanged and rebuilt after any change, reset or import).
#include "server/response_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "server/app.h"

namespace iamlite {
namespace {

TEST(ResponseCacheTest, SplicesTheNewRequestIdIntoTheKeptBody) {
  ResponseCache cache;
  EXPECT_FALSE(cache.Find("k", 1, "id-2"));
  cache.Put("k", 1, "<a>id-1</a><RequestId>id-1</RequestId></r>", "id-1");
  // Only the last occurrence is the request id; an earlier equal text is content.
  EXPECT_EQ(cache.Find("k", 1, "id-2").value(), "<a>id-1</a><RequestId>id-2</RequestId></r>");
  EXPECT_EQ(cache.size(), 1u);
}

TEST(ResponseCacheTest, AnotherGenerationMissesAndDropsTheEntry) {
  ResponseCache cache;
  cache.Put("k", 7, "body rid", "rid");
  EXPECT_FALSE(cache.Find("k", 8, "x"));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(cache.Find("k", 7, "x"));  // gone, not only hidden
}

TEST(ResponseCacheTest, RefusesBodiesWithoutTheIdOrOverTheEntryLimit) {
  ResponseCache cache(
      ResponseCache::Limits{.max_entries = 4, .max_bytes = 100, .max_entry_bytes = 20});
  cache.Put("a", 1, "no id here", "rid");
  cache.Put("b", 1, std::string(30, 'x') + "rid", "rid");
  cache.Put("c", 1, "rid", "");
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(ResponseCacheTest, EvictsTheOldestToStayWithinItsLimits) {
  ResponseCache cache(
      ResponseCache::Limits{.max_entries = 3, .max_bytes = 25, .max_entry_bytes = 20});
  cache.Put("a", 1, "aaaaaaaaa-rid", "rid");  // 10 bytes kept
  cache.Put("b", 1, "bbbbbbbbb-rid", "rid");  // 20
  cache.Put("c", 1, "ccccc-rid", "rid");      // 26 > 25: "a" goes
  EXPECT_FALSE(cache.Find("a", 1, "x"));
  EXPECT_TRUE(cache.Find("b", 1, "x"));
  EXPECT_TRUE(cache.Find("c", 1, "x"));
  EXPECT_EQ(cache.bytes(), 16u);
  cache.Put("d", 1, "d-rid", "rid");
  cache.Put("e", 1, "e-rid", "rid");  // a fourth entry: "b", the oldest, goes
  EXPECT_EQ(cache.size(), 3u);
  EXPECT_FALSE(cache.Find("b", 1, "x"));
  // Putting a key again replaces its entry.
  cache.Put("e", 2, "E-rid", "rid");
  EXPECT_EQ(cache.Find("e", 2, "x").value(), "E-x");
  EXPECT_EQ(cache.size(), 3u);
}

TEST(ResponseCacheTest, OnlyWholeAccountListingsAreCacheable) {
  EXPECT_TRUE(ResponseCache::Cacheable("ListUsers"));
  EXPECT_TRUE(ResponseCache::Cacheable("GetAccountAuthorizationDetails"));
  EXPECT_FALSE(ResponseCache::Cacheable("GetUser"));  // without a name: the caller's own user
  EXPECT_FALSE(ResponseCache::Cacheable("GetCredentialReport"));
  EXPECT_FALSE(ResponseCache::Cacheable("CreateUser"));
}

class AppResponseCacheTest : public ::testing::Test {
 protected:
  App app_{AppOptions{.quiet = true}, std::make_unique<FakeClock>(1'714'564'800'000),
           std::make_unique<SeededIdGenerator>(1)};

  HttpResponse Call(const std::string& method, const std::string& target, const std::string& body,
                    const std::string& account = "") {
    HttpRequest r;
    r.method = method;
    r.target = target;
    r.headers = {{"content-type", "application/x-www-form-urlencoded"}};
    if (!account.empty())
      r.headers.push_back({"authorization", "AWS4-HMAC-SHA256 Credential=" + account +
                                                "/20240101/us-east-1/iam/aws4_request, "
                                                "SignedHeaders=host, Signature=00"});
    if (!account.empty()) r.headers.push_back({"x-amz-date", "20240101T000000Z"});
    r.body = body;
    return app_.Handle(r);
  }
  HttpResponse Iam(const std::string& body, const std::string& account = "") {
    return Call("POST", "/", body + "&Version=2010-05-08", account);
  }
  // The body without its RequestId, which differs per answer.
  static std::string WithoutRequestId(const std::string& body) {
    auto at = body.rfind("<RequestId>");
    auto end = body.find("</RequestId>", at);
    EXPECT_NE(at, std::string::npos);
    return body.substr(0, at) + body.substr(end);
  }
  static std::string RequestId(const std::string& body) {
    auto at = body.rfind("<RequestId>") + 11;
    return body.substr(at, body.find("</RequestId>", at) - at);
  }
};

TEST_F(AppResponseCacheTest, ARepeatedListingIsTheSameAnswerWithItsOwnRequestId) {
  ASSERT_EQ(Iam("Action=CreateUser&UserName=sally").status, 200);
  HttpResponse first = Iam("Action=ListUsers");
  EXPECT_EQ(app_.response_cache().size(), 1u);
  HttpResponse second = Iam("Action=ListUsers");
  EXPECT_EQ(second.status, 200);
  EXPECT_EQ(second.content_type, "text/xml");
  EXPECT_EQ(WithoutRequestId(second.body), WithoutRequestId(first.body));
  EXPECT_NE(RequestId(second.body), RequestId(first.body));
  EXPECT_EQ(RequestId(second.body).size(), 36u);
  EXPECT_EQ(app_.response_cache().size(), 1u);
  // Other input, other entry.
  HttpResponse page = Iam("Action=ListUsers&MaxItems=1");
  EXPECT_NE(page.body.find("<UserName>sally</UserName>"), std::string::npos);
  EXPECT_EQ(app_.response_cache().size(), 2u);
}

TEST_F(AppResponseCacheTest, EveryKindOfChangeIsSeenByTheNextListing) {
  ASSERT_EQ(Iam("Action=CreateUser&UserName=sally").status, 200);
  EXPECT_NE(Iam("Action=ListUsers").body.find("<UserName>sally</UserName>"), std::string::npos);

  ASSERT_EQ(Iam("Action=CreateUser&UserName=john").status, 200);
  EXPECT_NE(Iam("Action=ListUsers").body.find("<UserName>john</UserName>"), std::string::npos);

  ASSERT_EQ(Iam("Action=UpdateUser&UserName=john&NewPath=/web/").status, 200);
  EXPECT_NE(Iam("Action=ListUsers").body.find("<Path>/web/</Path>"), std::string::npos);

  ASSERT_EQ(Iam("Action=CreateGroup&GroupName=web").status, 200);
  ASSERT_EQ(Iam("Action=AddUserToGroup&GroupName=web&UserName=john").status, 200);
  std::string details = Iam("Action=GetAccountAuthorizationDetails").body;
  EXPECT_NE(details.find("<GroupList><member>web</member></GroupList>"), std::string::npos)
      << details;
  ASSERT_EQ(Iam("Action=RemoveUserFromGroup&GroupName=web&UserName=john").status, 200);
  details = Iam("Action=GetAccountAuthorizationDetails").body;
  EXPECT_EQ(details.find("<member>web</member>"), std::string::npos) << details;

  ASSERT_EQ(Call("POST", "/iamlite/reset", "").status, 200);
  std::string after_reset = Iam("Action=ListUsers").body;
  EXPECT_EQ(after_reset.find("<UserName>"), std::string::npos) << after_reset;
}

TEST_F(AppResponseCacheTest, AnImportIsSeenByTheNextListing) {
  ASSERT_EQ(Iam("Action=CreateUser&UserName=sally").status, 200);
  HttpResponse exported = Call("GET", "/iamlite/state", "");
  ASSERT_EQ(exported.status, 200);
  ASSERT_EQ(Iam("Action=CreateUser&UserName=maria").status, 200);
  EXPECT_NE(Iam("Action=ListUsers").body.find("maria"), std::string::npos);
  ASSERT_EQ(Call("PUT", "/iamlite/state", exported.body).status, 200);
  std::string listing = Iam("Action=ListUsers").body;
  EXPECT_EQ(listing.find("maria"), std::string::npos) << listing;
  EXPECT_NE(listing.find("sally"), std::string::npos) << listing;
}

TEST_F(AppResponseCacheTest, AccountsDoNotShareAnswers) {
  ASSERT_EQ(Iam("Action=CreateUser&UserName=sally").status, 200);
  ASSERT_EQ(Iam("Action=CreateUser&UserName=peter", "210987654321").status, 200);
  std::string mine = Iam("Action=ListUsers").body;
  std::string theirs = Iam("Action=ListUsers", "210987654321").body;
  EXPECT_NE(mine.find("sally"), std::string::npos);
  EXPECT_EQ(mine.find("peter"), std::string::npos);
  EXPECT_NE(theirs.find("peter"), std::string::npos);
  EXPECT_EQ(theirs.find("sally"), std::string::npos);
  // A change in one account leaves the other's entry in use.
  ASSERT_EQ(Iam("Action=CreateUser&UserName=jane").status, 200);
  EXPECT_EQ(WithoutRequestId(Iam("Action=ListUsers", "210987654321").body),
            WithoutRequestId(theirs));
}

TEST_F(AppResponseCacheTest, ErrorsAreNotKept) {
  EXPECT_EQ(Iam("Action=ListUsers&Marker=bogus").status, 400);
  EXPECT_EQ(app_.response_cache().size(), 0u);
}

}  // namespace
}  // namespace iamlite
