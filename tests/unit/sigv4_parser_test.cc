// Reading the signature parts: AWS's error for each missing or malformed part, the spacing
// variants real clients send, and hostile input that must yield an error, never a crash.
#include <gtest/gtest.h>

#include <random>

#include "core/sigv4/sigv4.h"
#include "tests/unit/sigv4_test_util.h"

namespace iamlite::sigv4 {
namespace {

using testing::kSecret;
using testing::Vanilla;
using testing::VanillaNow;

constexpr char kCred[] = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
constexpr char kSig[] = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

Result<void> ParseAndVerify(const Request& r) {
  auto info = ParseSignedRequest(r, VanillaNow());
  if (!info) return std::unexpected(info.error());
  return Verify(*info, r, kSecret, VanillaNow());
}

TEST(SigV4ParserTest, SpacingVariantsOfRealClientsAllVerify) {
  const std::string variants[] = {
      std::string("AWS4-HMAC-SHA256 Credential=") + kCred +
          ", SignedHeaders=host;x-amz-date, Signature=" + kSig,  // botocore, Java, Go
      std::string("AWS4-HMAC-SHA256 Credential=") + kCred +
          ",SignedHeaders=host;x-amz-date,Signature=" + kSig,  // no blanks after commas
      std::string("  AWS4-HMAC-SHA256   Credential=") + kCred +
          " ,\tSignedHeaders=host;x-amz-date ,  Signature=" + kSig + "  ",
      std::string("AWS4-HMAC-SHA256 Signature=") + kSig + ", Credential=" + kCred +
          ", SignedHeaders=host;x-amz-date",  // any order
      std::string("AWS4-HMAC-SHA256 Credential=") + kCred +
          "/, SignedHeaders=host;x-amz-date, Signature=" + kSig,  // trailing '/' ignored
      std::string("AWS4-HMAC-SHA256 Credential=") + kCred +
          ", SignedHeaders=host;x-amz-date, Signature=" + kSig + ", Extra=ignored",
  };
  for (const std::string& auth : variants) {
    auto ok = ParseAndVerify(Vanilla(auth));
    EXPECT_TRUE(ok.has_value()) << auth << "\n -> " << ok.error().message;
  }
}

struct ErrorCase {
  const char* label;
  Request request;
  const char* code;
  int status;
  std::string message;
};

std::vector<ErrorCase> ErrorCases() {
  const std::string sig = std::string(", Signature=") + kSig;
  const std::string cred = std::string("Credential=") + kCred;
  Request no_date = Vanilla("AWS4-HMAC-SHA256 Credential=a/b/c/d/e");
  std::erase_if(no_date.headers, [](const Header& h) { return h.name == "X-Amz-Date"; });
  Request two_auth = Vanilla();
  two_auth.headers.push_back({"authorization", testing::kVanillaAuth});
  Request bad_date = Vanilla();
  bad_date.headers[1].value = "2015-08-30T12:36:00Z";
  Request feb30 = Vanilla();
  feb30.headers[1].value = "20150230T123600Z";
  Request bad_http_date = Vanilla();
  bad_http_date.headers.erase(bad_http_date.headers.begin() + 1);
  bad_http_date.headers.push_back({"Date", "yesterday"});
  Request two_dates = Vanilla();
  two_dates.headers.push_back({"X-Amz-Date", "20150830T123600Z"});

  return {
      {"no signature at all", Vanilla(""), "MissingAuthenticationToken", 403,
       "Request is missing Authentication Token"},
      {"not an AWS4 scheme", Vanilla("Bearer abc.def"), "MissingAuthenticationToken", 403,
       "Request is missing Authentication Token"},
      {"SigV2-style header", Vanilla("AWS AKIDEXAMPLE:c2lnbmF0dXJl"), "MissingAuthenticationToken",
       403, "Request is missing Authentication Token"},
      {"algorithm only", Vanilla("AWS4-HMAC-SHA256"), "IncompleteSignature", 400,
       "Authorization header requires 'Credential' parameter. Authorization header requires "
       "'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. "
       "Authorization=AWS4-HMAC-SHA256"},
      {"no date header", no_date, "IncompleteSignature", 400,
       "Authorization header requires 'Signature' parameter. Authorization header requires "
       "'SignedHeaders' parameter. Authorization header requires existence of either a "
       "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=a/b/c/d/e"},
      {"empty signature", Vanilla("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host, Signature="),
       "IncompleteSignature", 400,
       "Authorization header requires 'Signature' parameter. Authorization=AWS4-HMAC-SHA256 " +
           cred + ", SignedHeaders=host, Signature="},
      {"blank after '='",
       Vanilla("AWS4-HMAC-SHA256 Credential= AKID/20150830/us-east-1/service/aws4_request, "
               "SignedHeaders=host, Signature=abc"),
       "IncompleteSignature", 400,
       "'AKID/20150830/us-east-1/service/aws4_request' not a valid key=value pair (missing "
       "equal-sign) in Authorization header: 'AWS4-HMAC-SHA256 Credential= "
       "AKID/20150830/us-east-1/service/aws4_request, SignedHeaders=host, Signature=abc'."},
      {"bare token", Vanilla("AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders"),
       "IncompleteSignature", 400,
       "'Credential' not a valid key=value pair (missing equal-sign) in Authorization header: "
       "'AWS4-HMAC-SHA256 Signature=b,    Credential,    SignedHeaders'."},
      {"duplicate Credential",
       Vanilla("AWS4-HMAC-SHA256 " + cred + ", " + cred + ", SignedHeaders=host;x-amz-date" + sig),
       "IncompleteSignature", 400,
       "Authorization header has more than one 'Credential' parameter. Authorization="
       "AWS4-HMAC-SHA256 " +
           cred + ", " + cred + ", SignedHeaders=host;x-amz-date" + sig},
      {"two Authorization headers", two_auth, "IncompleteSignature", 400,
       "The request has more than one Authorization header."},
      {"extended ISO date", bad_date, "IncompleteSignature", 400,
       "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'. See "
       "http://en.wikipedia.org/wiki/ISO_8601"},
      {"impossible date", feb30, "IncompleteSignature", 400,
       "Date must be in ISO-8601 'basic format'. Got '20150230T123600Z'. See "
       "http://en.wikipedia.org/wiki/ISO_8601"},
      {"unreadable Date header", bad_http_date, "IncompleteSignature", 400,
       "Date must be in ISO-8601 'basic format'. Got 'yesterday'. See "
       "http://en.wikipedia.org/wiki/ISO_8601"},
      {"two X-Amz-Date headers", two_dates, "IncompleteSignature", 400,
       "Date must be in ISO-8601 'basic format'. Got '20150830T123600Z,20150830T123600Z'. See "
       "http://en.wikipedia.org/wiki/ISO_8601"},
      {"host not signed", Vanilla("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=x-amz-date" + sig),
       "SignatureDoesNotMatch", 403, "'Host' must be a 'SignedHeader' in the AWS Authorization."},
      {"empty SignedHeaders", Vanilla("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=" + sig),
       "SignatureDoesNotMatch", 403, "'Host' must be a 'SignedHeader' in the AWS Authorization."},
      {"other algorithm",
       Vanilla("AWS4-HMAC-SHA512 " + cred + ", SignedHeaders=host;x-amz-date" + sig),
       "IncompleteSignature", 400,
       "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA512' (only AWS4-HMAC-SHA256 for now). "},
      {"SigV4a",
       Vanilla("AWS4-ECDSA-P256-SHA256 " + cred + ", SignedHeaders=host;x-amz-date" + sig),
       "IncompleteSignature", 400,
       "Unsupported AWS 'algorithm': 'AWS4-ECDSA-P256-SHA256' (only AWS4-HMAC-SHA256 for now). "},
      {"four credential elements",
       Vanilla("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service, "
               "SignedHeaders=host;x-amz-date" +
               sig),
       "IncompleteSignature", 400,
       "Credential must have exactly 5 slash-delimited elements, e.g. "
       "keyid/date/region/service/term, got 'AKIDEXAMPLE/20150830/us-east-1/service'"},
      {"six credential elements",
       Vanilla("AWS4-HMAC-SHA256 Credential=A/20150830/us-east-1/service/aws4_request/x, "
               "SignedHeaders=host;x-amz-date" +
               sig),
       "IncompleteSignature", 400,
       "Credential must have exactly 5 slash-delimited elements, e.g. "
       "keyid/date/region/service/term, got 'A/20150830/us-east-1/service/aws4_request/x'"},
      {"wrong terminator and date",
       Vanilla("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150831/us-east-1/service/aws5_request, "
               "SignedHeaders=host;x-amz-date" +
               sig),
       "SignatureDoesNotMatch", 403,
       "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "
       "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
       "HTTP: '20150831' != '20150830', from '20150830T123600Z'."},
      {"non-hex signature",
       Vanilla("AWS4-HMAC-SHA256 " + cred + ", SignedHeaders=host;x-amz-date, Signature=zz"),
       "SignatureDoesNotMatch", 403,
       "The request signature we calculated does not match the signature you provided. Check "
       "your AWS Secret Access Key and signing method. Consult the service documentation for "
       "details."},
      {"upper-case hex signature",
       Vanilla("AWS4-HMAC-SHA256 " + cred +
               ", SignedHeaders=host;x-amz-date, "
               "Signature=5FA00FA31553B73EBF1942676E86291E8372FF2A2260956D9B8AAE1D763FBF31"),
       "SignatureDoesNotMatch", 403,
       "The request signature we calculated does not match the signature you provided. Check "
       "your AWS Secret Access Key and signing method. Consult the service documentation for "
       "details."},
  };
}

TEST(SigV4ParserTest, EachMalformedPartGetsAwsError) {
  for (const ErrorCase& c : ErrorCases()) {
    auto result = ParseAndVerify(c.request);
    ASSERT_FALSE(result.has_value()) << c.label;
    EXPECT_EQ(result.error().code, c.code) << c.label;
    EXPECT_EQ(result.error().http_status, c.status) << c.label;
    EXPECT_EQ(result.error().message, c.message) << c.label;
    EXPECT_TRUE(result.error().sender_fault) << c.label;
  }
}

Request Presigned(const std::string& query) {
  return Request{"GET", "/", query, {{"Host", "example.amazonaws.com"}}, ""};
}

TEST(SigV4ParserTest, PresignedQueryErrors) {
  struct Case {
    const char* query;
    const char* code;
    std::string message;
  } cases[] = {
      {"Action=ListUsers&X-Amz-Signature=abc", "IncompleteSignature",
       "AWS query-string parameters must include 'X-Amz-Algorithm'. AWS query-string parameters "
       "must include 'X-Amz-Credential'. AWS query-string parameters must include "
       "'X-Amz-SignedHeaders'. AWS query-string parameters must include 'X-Amz-Date'. "
       "Re-examine the query-string parameters."},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=&X-Amz-Signature=a&"
       "X-Amz-SignedHeaders=host&X-Amz-Date=20150830T123600Z",
       "IncompleteSignature",
       "AWS query-string parameters must include 'X-Amz-Credential'. Re-examine the "
       "query-string parameters."},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=a%2Fb&X-Amz-Signature=a&"
       "X-Amz-Signature=b&X-Amz-SignedHeaders=host&X-Amz-Date=20150830T123600Z",
       "IncompleteSignature",
       "AWS query-string parameter 'X-Amz-Signature' must appear only once. Re-examine the "
       "query-string parameters."},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2F"
       "service%2Faws4_request&X-Amz-Signature=a&X-Amz-SignedHeaders=host&X-Amz-Date=20150830",
       "IncompleteSignature",
       "Date must be in ISO-8601 'basic format'. Got '20150830'. See "
       "http://en.wikipedia.org/wiki/ISO_8601"},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2F"
       "service%2Faws4_request&X-Amz-Signature=a&X-Amz-SignedHeaders=x-amz-date&"
       "X-Amz-Date=20150830T123600Z",
       "SignatureDoesNotMatch", "'Host' must be a 'SignedHeader' in the AWS Authorization."},
      {"X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2F"
       "service%2Faws4_request&X-Amz-Signature=%zz&X-Amz-SignedHeaders=host&"
       "X-Amz-Date=20150830T123600Z&%=%&%%%=&=%G1",
       "SignatureDoesNotMatch",
       "The request signature we calculated does not match the signature you provided. Check "
       "your AWS Secret Access Key and signing method. Consult the service documentation for "
       "details."},
  };
  for (const Case& c : cases) {
    auto result = ParseAndVerify(Presigned(c.query));
    ASSERT_FALSE(result.has_value()) << c.query;
    EXPECT_EQ(result.error().code, c.code) << c.query;
    EXPECT_EQ(result.error().message, c.message) << c.query;
  }
}

TEST(SigV4ParserTest, FindsWhereTheSignatureIs) {
  EXPECT_EQ(FindAuthLocation(Vanilla("")), AuthLocation::kNone);
  EXPECT_EQ(FindAuthLocation(Vanilla()), AuthLocation::kHeader);
  EXPECT_EQ(FindAuthLocation(Presigned("Action=GetCallerIdentity")), AuthLocation::kNone);
  EXPECT_EQ(FindAuthLocation(Presigned("X-Amz-Credential=a")), AuthLocation::kQuery);
  EXPECT_EQ(FindAuthLocation(Presigned("X-Amz-Date=20150830T123600Z")), AuthLocation::kNone);
  Request both = Vanilla();
  both.query = "X-Amz-Algorithm=AWS4-HMAC-SHA256";
  EXPECT_EQ(FindAuthLocation(both), AuthLocation::kHeader);
}

TEST(SigV4ParserTest, HugeValuesFailCleanlyAndEchoABoundedPart) {
  std::string huge(1 << 20, 'A');
  Request big_missing = Vanilla("AWS4-HMAC-SHA256 Credential=" + huge);
  auto r = ParseAndVerify(big_missing);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "IncompleteSignature");
  EXPECT_LT(r.error().message.size(), 5000u);

  Request big_cred =
      Vanilla("AWS4-HMAC-SHA256 Credential=" + huge + ", SignedHeaders=host, Signature=" + huge);
  r = ParseAndVerify(big_cred);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "IncompleteSignature");  // one credential element, not five
  EXPECT_LT(r.error().message.size(), 5000u);

  std::string slashes(1 << 20, '/');
  r = ParseAndVerify(
      Vanilla("AWS4-HMAC-SHA256 Credential=a" + slashes + "b, SignedHeaders=host, Signature=abc"));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "IncompleteSignature");

  std::string many(1 << 20, ';');
  r = ParseAndVerify(Vanilla(std::string("AWS4-HMAC-SHA256 Credential=") + kCred +
                             ", SignedHeaders=host" + many + ", Signature=" + kSig));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, "SignatureDoesNotMatch");

  Request big_header = Vanilla();
  big_header.headers.push_back({"X-Big", huge});
  EXPECT_TRUE(ParseAndVerify(big_header).has_value());  // unsigned headers do not matter
  EXPECT_FALSE(ParseAndVerify(Presigned(huge + "&X-Amz-Signature=" + huge)).has_value());
}

// Random Authorization headers and query strings drawn from the characters the parsers split
// on: whatever comes out must be an error with a code, or (never, in practice) success.
TEST(SigV4ParserTest, RandomHostileInputNeverCrashes) {
  const std::string alphabet = std::string("AWS4-HMAC-SHA256 Credential=SignedHeaders;Signature,") +
                               "/\t%=&?aws4_request20150830T123600Z" + std::string(1, '\0') +
                               "\xff\x80\r\n";
  std::mt19937 rng(20240115);
  std::uniform_int_distribution<size_t> pick(0, alphabet.size() - 1), len(0, 120);
  auto random_text = [&] {
    std::string s = rng() % 2 ? "AWS4-HMAC-SHA256 " : "";
    for (size_t n = len(rng); n > 0; --n) s += alphabet[pick(rng)];
    return s;
  };
  for (int i = 0; i < 3000; ++i) {
    Request r = Vanilla(random_text());
    r.query = random_text();
    if (i % 3 == 0) r.headers.push_back({"X-Amz-Security-Token", random_text()});
    if (i % 5 == 0) r.headers.push_back({"X-Amz-Content-Sha256", random_text()});
    auto result = ParseAndVerify(r);
    if (!result) {
      EXPECT_FALSE(result.error().code.empty());
    }
    Request q = Presigned(random_text());
    auto presigned = ParseAndVerify(q);
    if (!presigned) {
      EXPECT_FALSE(presigned.error().code.empty());
    }
  }
}

}  // namespace
}  // namespace iamlite::sigv4
