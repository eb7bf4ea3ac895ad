// Requests for SigV4 unit tests: AWS's get-vanilla vector as a base, and a test-side signer
// built from the library's own stages (the vectors in sigv4_vectors_test.cc anchor those).
#pragma once

#include <string>

#include "core/sigv4/amz_date.h"
#include "core/sigv4/sigv4.h"

namespace iamlite::sigv4::testing {

inline constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
inline constexpr char kVanillaAuth[] =
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
    "SignedHeaders=host;x-amz-date, "
    "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";

inline TimeMs VanillaNow() { return *ParseAmzDate("20150830T123600Z"); }

// AWS's get-vanilla request, with `authorization` as its Authorization header (none if empty).
inline Request Vanilla(const std::string& authorization = kVanillaAuth) {
  Request r{
      "GET", "/", "", {{"Host", "example.amazonaws.com"}, {"X-Amz-Date", "20150830T123600Z"}}, ""};
  if (!authorization.empty()) r.headers.push_back({"Authorization", authorization});
  return r;
}

// Signs `r` in place: sets (or replaces) its Authorization header for `credential` and
// `signed_headers`, with the date taken from the request as ParseSignedRequest reads it.
inline void SignInPlace(
    Request& r, const std::string& secret, TimeMs now,
    const std::string& credential = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request",
    const std::string& signed_headers = "host;x-amz-date") {
  std::erase_if(r.headers,
                [](const Header& h) { return EqualsIgnoreCase(h.name, "Authorization"); });
  std::string prefix = "AWS4-HMAC-SHA256 Credential=" + credential +
                       ", SignedHeaders=" + signed_headers + ", Signature=";
  r.headers.push_back({"Authorization", prefix + std::string(64, '0')});
  auto info = ParseSignedRequest(r, now);
  if (!info) return;  // the caller's assertion on Parse will show why
  auto stages = ComputeSigningStages(*info, r, secret);
  if (!stages) return;
  r.headers.back().value = prefix + stages->signature;
}

}  // namespace iamlite::sigv4::testing
