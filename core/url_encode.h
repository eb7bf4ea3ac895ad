// Percent-encoding of policy documents as IAM returns them (GetPolicyVersion, Get*Policy,
// GetRole's trust policy, GetAccountAuthorizationDetails).
#pragma once

#include <string>
#include <string_view>

namespace iamlite {

// `text` percent-encoded byte by byte, RFC 3986 style: the unreserved characters
// A-Z a-z 0-9 - . _ ~ stay as they are, and so does '*', which AWS also leaves unencoded in
// the documents it returns ("%22Resource%22%3A%20%22*%22"); every other byte, space
// included, becomes %XX with upper-case hex digits (space is %20, never '+'). Clients decode
// it with any URL decoder; boto3 and the AWS CLI do so automatically.
std::string UrlEncodePolicy(std::string_view text);

}  // namespace iamlite
