// Reading the signature parts a request states, from the Authorization header or from a
// presigned URL's query string, with AWS's IncompleteSignature / MissingAuthenticationToken
// answers when parts are absent or unreadable. No validation of the parts' contents here
// (see sigv4.h's ParseSignedRequest for the order AWS checks them in).
#pragma once

#include <optional>
#include <string>

#include "core/error.h"
#include "core/sigv4/request.h"

namespace iamlite::sigv4 {

// Where a request carries its signature.
enum class AuthLocation {
  kNone,    // neither: an unsigned (anonymous) request
  kHeader,  // an Authorization header
  kQuery,   // X-Amz-Algorithm / -Credential / -Signature / -SignedHeaders in the query string
};

// The header wins when both are present: its parameters are then checked, and the query's
// X-Amz-* are ordinary (signed) parameters.
AuthLocation FindAuthLocation(const Request& request);

struct AuthParts {
  std::string algorithm;           // "AWS4-HMAC-SHA256"
  std::string credential;          // "AKID/20150830/us-east-1/iam/aws4_request", decoded
  std::string signed_headers;      // "host;x-amz-date"
  std::string signature;           // hex, as sent
  std::string date;                // the X-Amz-Date (or Date header) text
  bool date_is_http_date = false;  // taken from a Date header (RFC 7231 form allowed)
  std::optional<std::string> session_token;
  std::optional<std::string> expires;  // X-Amz-Expires text (presigned)
  bool presigned = false;
};

// Reads the parts at FindAuthLocation(request). Errors:
// - MissingAuthenticationToken: no signature, or an Authorization header that is not an
//   "AWS4-..." one;
// - IncompleteSignature: repeated Authorization headers or parameters, a header token without
//   '=', missing Credential/Signature/SignedHeaders or date, or missing X-Amz-* parameters.
Result<AuthParts> ReadAuthParts(const Request& request);

}  // namespace iamlite::sigv4
