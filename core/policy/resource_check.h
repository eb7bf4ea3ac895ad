// Checks on the strings of Resource and NotResource, in the two passes AWS runs.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace iamlite::policy {

// True when AWS's legacy parser refuses the resource ("The policy failed legacy parsing"):
// an ARN with a known partition whose service is empty, or with four or five fields
// ("arn:aws:s3::bucket"). Resources with other faults are left to ResourceFormatError.
bool FailsLegacyResourceParse(std::string_view resource);

// The MalformedPolicyDocument message AWS gives for a malformed resource, or nullopt:
//   Resource {r} must be in ARN format or "*".
//   Partition "{p}" is not valid for resource "arn:{p}:{service}:{region}:{account}:{rest}".
//   Resource vendor must be fully qualified and cannot contain regexes.
//   IAM resource {r} cannot contain region information.
//   Resource {r} can not contain region information.            (S3)
//   IAM resource path must either be "*", root, or start with user/, ... access-report/.
std::optional<std::string> ResourceFormatError(std::string_view resource);

}  // namespace iamlite::policy
