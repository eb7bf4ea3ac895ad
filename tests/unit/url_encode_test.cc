#include "core/url_encode.h"

#include <gtest/gtest.h>

namespace iamlite {
namespace {

TEST(UrlEncodePolicy, EncodesAllButTheUnreservedCharacters) {
  struct Case {
    std::string in;
    std::string out;
  };
  std::vector<Case> cases = {
      {"", ""},
      {"AZaz09-._~", "AZaz09-._~"},
      // As AWS returns a trust policy (aws-sdk-java#730, aws-sdk-go#1513).
      {R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":)"
       R"({"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"}]})",
       "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%"
       "2C%22Principal%22%3A%7B%22Service%22%3A%22ec2.amazonaws.com%22%7D%2C%22Action%22%3A%22sts%"
       "3AAssumeRole%22%7D%5D%7D"},
      {"a b\n\t\r", "a%20b%0A%09%0D"},
      {"s3:*/x?", "s3%3A%2A%2Fx%3F"},
      // A document that already holds percent-escapes must survive the round trip.
      {"arn%3Aaws", "arn%253Aaws"},
      {"+&=#!'()$,;@", "%2B%26%3D%23%21%27%28%29%24%2C%3B%40"},
      {"\xC3\xA9", "%C3%A9"},  // UTF-8 of é
  };
  for (const auto& c : cases) EXPECT_EQ(UrlEncodePolicy(c.in), c.out) << c.in;
}

}  // namespace
}  // namespace iamlite
