// libFuzzer target: SigV4 parsing and verification, Authorization header and presigned URL
// alike. Input: an HTTP request as text (the format of tests/data/sigv4/*/request.http):
// "METHOD TARGET HTTP/1.1\nName:value\n...\n\nbody". The clock is the test suite's
// (2015-08-30T12:36:00Z), so seeded requests get past the clock window to the signature.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/sigv4/auth_parts.h"
#include "core/sigv4/sigv4.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite::sigv4;
  std::string_view text(reinterpret_cast<const char*>(data), size);
  Request request;
  std::size_t eol = text.find('\n');
  std::string_view line = text.substr(0, eol);
  text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
  const std::size_t sp1 = line.find(' ');
  request.method = std::string(line.substr(0, sp1));
  if (sp1 != std::string_view::npos) {
    std::string_view target = line.substr(sp1 + 1);
    target = target.substr(0, target.rfind(' '));
    const std::size_t q = target.find('?');
    request.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) request.query = std::string(target.substr(q + 1));
  }
  while (!text.empty()) {
    eol = text.find('\n');
    line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    request.headers.push_back(
        {std::string(line.substr(0, colon)),
         colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1))});
  }
  request.body = std::string(text);

  const iamlite::TimeMs now = 1'440'938'160'000;  // 2015-08-30T12:36:00Z
  (void)FindAuthLocation(request);
  (void)ReadAuthParts(request);
  for (bool explain : {false, true}) {
    VerifyOptions options{.expected_region = explain ? "us-east-1" : "",
                          .expected_service = explain ? "iam" : "",
                          .explain_mismatch = explain};
    auto info = ParseSignedRequest(request, now, options);
    if (!info) continue;
    (void)ComputeSigningStages(*info, request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    (void)Verify(*info, request, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", now, options);
  }
  return 0;
}
