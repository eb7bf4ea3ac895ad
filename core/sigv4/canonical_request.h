// The canonical request of SigV4 ("Create a canonical request", AWS General Reference /
// IAM User Guide): each piece is a pure function of the request as received.
//
//   <METHOD>\n<canonical URI>\n<canonical query>\n<canonical headers>\n<signed headers>\n<payload>
//
// The path rule, for every service but S3: the path as sent (already percent-encoded once by
// the client) is normalized (dot segments and empty segments removed, as RFC 3986 5.2.4 and
// AWS's "remove redundant and relative path components") and then percent-encoded again, so
// "/a b" sent as "/a%20b" is signed as "/a%2520b" — AWS's "each path segment is URI-encoded
// twice". A client that sends raw bytes ("/a b", as in AWS's test suite) gets them encoded once.
// S3 (encode once, no normalization) is not served by iamlite. IAM and STS only ever use "/".
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "core/sigv4/request.h"
#include "core/sigv4/signed_request_info.h"

namespace iamlite::sigv4 {

inline constexpr std::string_view kUnsignedPayload = "UNSIGNED-PAYLOAD";

// RFC 3986 percent-encoding as SigV4 wants it: every byte but A-Z a-z 0-9 - . _ ~ (and '/'
// when keep_slash) becomes %XX with upper-case hex; a space is %20.
std::string UriEncode(std::string_view bytes, bool keep_slash);

// The path with "." and ".." segments resolved and empty segments dropped; a trailing '/' is
// kept when anything remains. "" becomes "/".
std::string NormalizePath(std::string_view raw_path);

// UriEncode(NormalizePath(raw_path), keep_slash=true).
std::string CanonicalUri(std::string_view raw_path);

// The parameters of `raw_query`, each name and value decoded and re-encoded with UriEncode,
// sorted by encoded name and then encoded value, joined as "n=v&n=v". For a presigned request
// (`presigned`), X-Amz-Signature is left out.
std::string CanonicalQuery(std::string_view raw_query, bool presigned);

// A header value as signed: surrounding whitespace removed, inner runs of whitespace folded to
// one space.
std::string CanonicalHeaderValue(std::string_view value);

// "name:value\n" for each of `names` (lower-case, in the given order), the values of repeated
// headers joined with ',' in the order received. A listed header that is absent yields
// "name:\n" (and a signature that cannot match).
std::string CanonicalHeaders(const Request& request, const std::vector<std::string>& names);

// The payload line: the X-Amz-Content-Sha256 header (or, for a presigned request, the query
// parameter of that name) when present, else the hex SHA-256 of the body. A hex value must be
// the body's hash and UNSIGNED-PAYLOAD is taken as is; any other value is refused with
// SignatureDoesNotMatch (iamlite serves no streaming uploads).
Result<std::string> PayloadHash(const Request& request, bool presigned);

// The whole canonical request for `info` (signed headers, presigned or not).
std::string CanonicalRequest(const Request& request, const SignedRequestInfo& info,
                             std::string_view payload_hash);

}  // namespace iamlite::sigv4
