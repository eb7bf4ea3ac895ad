// The pieces of the canonical request, the dates and the crypto, each against known answers.
#include <gtest/gtest.h>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/canonical_request.h"
#include "core/sigv4/query_string.h"
#include "core/sigv4/signing.h"
#include "core/sigv4/sigv4_errors.h"

namespace iamlite::sigv4 {
namespace {

TEST(SigV4CanonicalTest, UriEncodeKeepsOnlyUnreserved) {
  struct {
    std::string in;
    bool keep_slash;
    std::string want;
  } cases[] = {
      {"AZaz09-._~", false, "AZaz09-._~"},
      {"a b+c*d", false, "a%20b%2Bc%2Ad"},
      {"/x/y", false, "%2Fx%2Fy"},
      {"/x/y", true, "/x/y"},
      {"%20", true, "%2520"},
      {"\xe1\x88\xb4", false, "%E1%88%B4"},
      {std::string("\0\xff", 2), false, "%00%FF"},
      {"", false, ""},
  };
  for (const auto& c : cases) EXPECT_EQ(UriEncode(c.in, c.keep_slash), c.want) << c.in;
}

TEST(SigV4CanonicalTest, PathIsNormalizedThenEncodedAgain) {
  struct {
    const char* raw;
    const char* want;
  } cases[] = {
      {"", "/"},
      {"/", "/"},
      {"//", "/"},
      {"/./", "/"},
      {"/example/..", "/"},
      {"/example1/example2/../..", "/"},
      {"/../../x", "/x"},
      {"//example//", "/example/"},
      {"/./example", "/example"},
      {"/a/./b/../c/", "/a/c/"},
      {"/example space/", "/example%20space/"},    // raw bytes: encoded once
      {"/some%20dir/file", "/some%2520dir/file"},  // sent encoded: encoded twice
      {"/..a/.b./...", "/..a/.b./..."},            // only exact dot segments are special
  };
  for (const auto& c : cases) EXPECT_EQ(CanonicalUri(c.raw), c.want) << c.raw;
}

TEST(SigV4CanonicalTest, QueryIsDecodedReencodedAndSorted) {
  struct {
    const char* raw;
    bool presigned;
    const char* want;
  } cases[] = {
      {"", false, ""},
      {"Param2=value2&Param1=value1", false, "Param1=value1&Param2=value2"},
      {"Param1=value2&Param1=Value1", false, "Param1=Value1&Param1=value2"},
      {"b&a=", false, "a=&b="},
      {"a=1&&b=2&", false, "a=1&b=2"},
      {"a=x+y&c=x%20y&d=%2b", false, "a=x%2By&c=x%20y&d=%2B"},
      {"%E1%88%B4=1&Z=2&a=3", false, "%E1%88%B4=1&Z=2&a=3"},
      {"k=%zz&k2=%4", false, "k=%25zz&k2=%254"},
      {"k=a=b", false, "k=a%3Db"},
      {"X-Amz-Signature=abc&A=1", false, "A=1&X-Amz-Signature=abc"},
      {"X-Amz-Signature=abc&A=1", true, "A=1"},
  };
  for (const auto& c : cases) EXPECT_EQ(CanonicalQuery(c.raw, c.presigned), c.want) << c.raw;
}

TEST(SigV4CanonicalTest, HeaderValuesAreTrimmedAndFolded) {
  struct {
    const char* in;
    const char* want;
  } cases[] = {
      {"value", "value"}, {"  value  ", "value"}, {"\"a   b   c\"", "\"a b c\""},
      {"a\t \tb", "a b"}, {"a\r\n b", "a b"},     {"", ""},
      {"   ", ""},
  };
  for (const auto& c : cases) EXPECT_EQ(CanonicalHeaderValue(c.in), c.want) << c.in;
}

TEST(SigV4CanonicalTest, RepeatedHeadersJoinInOrderReceived) {
  Request r{"GET",
            "/",
            "",
            {{"My-Header1", "value4"},
             {"my-header1", " value1 "},
             {"Host", "h"},
             {"MY-HEADER1", "value3"}},
            ""};
  EXPECT_EQ(CanonicalHeaders(r, {"host", "my-header1", "absent"}),
            "host:h\nmy-header1:value4,value1,value3\nabsent:\n");
}

TEST(SigV4CanonicalTest, PayloadHashFromBodyOrStatedHeader) {
  const std::string empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  Request r{"POST", "/", "", {}, ""};
  EXPECT_EQ(PayloadHash(r, false).value(), empty);
  r.body = "Param1=value1";
  EXPECT_EQ(PayloadHash(r, false).value(),
            "9095672bbd1f56dfc5b65f3e153adc8731a4a654192329106275f4c7b24d0b6e");
  r.headers = {{"X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD"}};
  EXPECT_EQ(PayloadHash(r, false).value(), "UNSIGNED-PAYLOAD");
  r.headers = {
      {"x-amz-content-sha256", "9095672BBD1F56DFC5B65F3E153ADC8731A4A654192329106275F4C7B24D0B6E"}};
  EXPECT_EQ(PayloadHash(r, false).value(),
            "9095672BBD1F56DFC5B65F3E153ADC8731A4A654192329106275F4C7B24D0B6E");
  r.headers = {{"X-Amz-Content-Sha256", empty}};  // claims an empty body
  EXPECT_EQ(PayloadHash(r, false).error().code, "SignatureDoesNotMatch");
  r.headers = {{"X-Amz-Content-Sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"}};
  EXPECT_EQ(PayloadHash(r, false).error().code, "SignatureDoesNotMatch");
  Request presigned{"GET", "/", "X-Amz-Content-Sha256=UNSIGNED-PAYLOAD", {}, "x"};
  EXPECT_EQ(PayloadHash(presigned, true).value(), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(PayloadHash(presigned, false).value(), Sha256Hex("x"));
}

TEST(SigV4CanonicalTest, PercentDecodeLeavesBrokenEscapes) {
  EXPECT_EQ(PercentDecode("a%20b%2fc%2F"), "a b/c/");
  EXPECT_EQ(PercentDecode("%"), "%");
  EXPECT_EQ(PercentDecode("%4"), "%4");
  EXPECT_EQ(PercentDecode("%G1%1G"), "%G1%1G");
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("%00"), std::string(1, '\0'));
}

TEST(SigV4CanonicalTest, AmzDatesParseStrictly) {
  EXPECT_EQ(ParseAmzDate("19700101T000000Z"), 0);
  EXPECT_EQ(ParseAmzDate("20150830T123600Z"), 1440938160000);
  EXPECT_EQ(ParseAmzDate("20240229T235959Z"), 1709251199000);
  for (const char* bad :
       {"", "20150830T123600", "20150830T123600z", "2015-08-30T12:36:00Z", "20150230T123600Z",
        "20230229T000000Z", "20150830T243600Z", "20150830T126000Z", "20150830T123660Z",
        "2015083OT123600Z", "20150830 123600Z", "+0150830T123600Z"})
    EXPECT_FALSE(ParseAmzDate(bad).has_value()) << bad;
  EXPECT_EQ(FormatAmzDate(1440938160999), "20150830T123600Z");
}

TEST(SigV4CanonicalTest, HttpDatesParseStrictly) {
  EXPECT_EQ(ParseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT"), 1440938160000);
  for (const char* bad : {"", "Sun, 30 Aug 2015 12:36:00 UTC", "Sun 30 Aug 2015 12:36:00 GMT",
                          "Sun, 30 Foo 2015 12:36:00 GMT", "Xyz, 30 Aug 2015 12:36:00 GMT",
                          "Sun, 31 Sep 2015 12:36:00 GMT", "Sunday, 30-Aug-15 12:36:00 GMT"})
    EXPECT_FALSE(ParseHttpDate(bad).has_value()) << bad;
}

TEST(SigV4CanonicalTest, CryptoKnownAnswers) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // RFC 4231 test cases 1, 2, 3, 6 (a key longer than the block) and 7.
  EXPECT_EQ(SignatureHex(std::string(20, '\x0b'), "Hi There"),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(SignatureHex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(SignatureHex(std::string(20, '\xaa'), std::string(50, '\xdd')),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  EXPECT_EQ(SignatureHex(std::string(131, '\xaa'),
                         "Test Using Larger Than Block-Size Key - Hash Key First"),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(SignatureHex(std::string(131, '\xaa'),
                         "This is a test using a larger than block-size key and a larger than "
                         "block-size data. The key needs to be hashed before being used by the "
                         "HMAC algorithm."),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
  // Keys of one block (used as they are) and one byte more (hashed first), against Python's hmac.
  EXPECT_EQ(SignatureHex(std::string(64, 'k'), "m"),
            "3b7a8d453e76edb519238a515105a57508d0f169f480ebeee120a9e7803289fa");
  EXPECT_EQ(SignatureHex(std::string(65, 'k'), "m"),
            "c2d7d4c2256ddb097409ec0c67e1d58fa1a007fc6932cac0d892a525d08af7cc");
  // The signing key of AWS's documented example (secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY,
  // 20150830/us-east-1/iam), as printed in the SigV4 documentation.
  std::string key =
      DeriveSigningKey("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam");
  std::string hex;
  for (unsigned char c : key) {
    static constexpr char kHex[] = "0123456789abcdef";
    hex += kHex[c >> 4];
    hex += kHex[c & 15];
  }
  EXPECT_EQ(hex, "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
}

TEST(SigV4CanonicalTest, ClockErrorsAsAwsWordsThem) {
  TimeMs now = *ParseAmzDate("20240101T001600Z");
  EXPECT_EQ(errors::SignatureExpired(*ParseAmzDate("20240101T000000Z"), now, 15 * 60'000).message,
            "Signature expired: 20240101T000000Z is now earlier than 20240101T000100Z "
            "(20240101T001600Z - 15 min.)");
  EXPECT_EQ(
      errors::SignatureNotYetCurrent(*ParseAmzDate("20240101T003200Z"), now, 15 * 60'000).message,
      "Signature not yet current: 20240101T003200Z is still later than 20240101T003100Z "
      "(20240101T001600Z + 15 min.)");
  EXPECT_EQ(errors::InvalidClientTokenId().http_status, 403);
  EXPECT_EQ(errors::InvalidClientTokenId().message,
            "The security token included in the request is invalid.");
  EXPECT_EQ(errors::ExpiredToken().code, "ExpiredToken");
  EXPECT_EQ(errors::ExpiredToken().message,
            "The security token included in the request is expired");
  EXPECT_EQ(errors::MissingAuthenticationToken().http_status, 403);
  EXPECT_EQ(errors::IncompleteSignature("x").http_status, 400);
}

}  // namespace
}  // namespace iamlite::sigv4
