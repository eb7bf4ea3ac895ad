// Percent-encoding of policy documents as IAM returns them.
#pragma once

#include <string>
#include <string_view>

namespace iamlite {

// `text` percent-encoded the way IAM encodes the policy documents it returns
// (AssumeRolePolicyDocument, PolicyVersion.Document, Get*Policy's PolicyDocument): every byte
// but the RFC 3986 unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX with upper-case hex,
// so a space is %20 (never '+'), '*' is %2A and '%' is %25. The IAM API Reference says "URL-encoded
// according to RFC 3986"; responses captured from real AWS show %20, %0A, %2A, %2F, %25 and
// unescaped '.', '-', '_' (aws-sdk-java#730, aws-sdk-go#1513, getmoto/moto#8157). Bytes outside
// ASCII (the UTF-8 of Latin-1 characters a document may hold) are encoded byte by byte.
std::string UrlEncodePolicy(std::string_view text);

}  // namespace iamlite
