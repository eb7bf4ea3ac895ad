// What a SigV4-signed request states about its signer, read before the signature is checked:
// enough for the server to find the access key (and its secret) that must have signed it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace iamlite::sigv4 {

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
inline constexpr std::string_view kScopeTerminator = "aws4_request";

struct SignedRequestInfo {
  std::string access_key_id;   // first element of the credential, e.g. "AKIDEXAMPLE"
  std::string date;            // credential scope date, "20150830"
  std::string region;          // credential scope region, "us-east-1"
  std::string service;         // credential scope service, "iam" / "sts"
  std::string amz_date;        // the request time as signed, "20150830T123600Z"
  TimeMs request_time = 0;     // the same, as TimeMs
  std::string signed_headers;  // as listed: "content-type;host;x-amz-date"
  std::vector<std::string> signed_header_names;  // the same names, lower-cased, in order
  std::string signature;                         // as sent (64 lower-case hex when well formed)
  std::optional<std::string> session_token;      // X-Amz-Security-Token, when present
  bool is_presigned = false;                     // signed in the query string, not a header
  std::optional<std::int64_t> expires_seconds;   // X-Amz-Expires of a presigned URL

  // "20150830/us-east-1/service/aws4_request": the scope the signature was computed for.
  std::string CredentialScope() const {
    return date + "/" + region + "/" + service + "/" + std::string(kScopeTerminator);
  }
};

}  // namespace iamlite::sigv4
