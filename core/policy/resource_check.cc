#include "core/policy/resource_check.h"

#include <algorithm>
#include <array>
#include <vector>

// Every message and rule here was read off real AWS answers recorded by LocalStack
// (tests/aws/services/iam/test_iam_policies.py::TestPolicyDocumentValidity, inputs in that
// file, answers in its .snapshot.json); see tests/unit/policy_parser_test.cc for the cases.

namespace iamlite::policy {
namespace {

// AWS re-reads anything with a colon as arn:partition:service:region:account:resource;
// the first field is not checked and the sixth keeps any further colons.
std::vector<std::string_view> SplitArn(std::string_view r) {
  std::vector<std::string_view> parts;
  while (parts.size() < 5) {
    const auto colon = r.find(':');
    if (colon == std::string_view::npos) break;
    parts.push_back(r.substr(0, colon));
    r.remove_prefix(colon + 1);
  }
  parts.push_back(r);
  return parts;
}

constexpr std::array<std::string_view, 8> kPartitions = {
    "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f", "aws-eusc"};

bool IsKnownPartition(std::string_view p) {
  return std::find(kPartitions.begin(), kPartitions.end(), p) != kPartitions.end();
}

std::string PartitionError(const std::vector<std::string_view>& parts) {
  std::string rebuilt = "arn";
  for (std::size_t i = 1; i < 6; ++i) {
    rebuilt += ':';
    rebuilt += i < parts.size() ? std::string(parts[i]) : "*";
  }
  return "Partition \"" + std::string(parts[1]) + "\" is not valid for resource \"" + rebuilt +
         "\".";
}

constexpr std::array<std::string_view, 13> kIamPathPrefixes = {"user/",
                                                               "federated-user/",
                                                               "role/",
                                                               "group/",
                                                               "instance-profile/",
                                                               "mfa/",
                                                               "server-certificate/",
                                                               "policy/",
                                                               "sms-mfa/",
                                                               "saml-provider/",
                                                               "oidc-provider/",
                                                               "report/",
                                                               "access-report/"};

bool IsIamPath(std::string_view path) {
  if (path == "*" || path == "root") return true;
  return std::any_of(kIamPathPrefixes.begin(), kIamPathPrefixes.end(),
                     [&](std::string_view p) { return path.starts_with(p); });
}

std::optional<std::string> IamError(std::string_view r,
                                    const std::vector<std::string_view>& parts) {
  if (parts.size() > 3 && !parts[3].empty()) {
    return "IAM resource " + std::string(r) + " cannot contain region information.";
  }
  if (parts.size() == 6 && !IsIamPath(parts[5])) {
    return "IAM resource path must either be \"*\", root, or start with user/, federated-user/, "
           "role/, group/, instance-profile/, mfa/, server-certificate/, policy/, sms-mfa/, "
           "saml-provider/, oidc-provider/, report/, access-report/.";
  }
  return std::nullopt;
}

// Bucket and object ARNs carry neither region nor account; ARNs that name a region (access
// points, jobs, Storage Lens) also name an account, and AWS accepts those.
std::optional<std::string> S3Error(std::string_view r, const std::vector<std::string_view>& parts) {
  const bool region = parts.size() > 3 && !parts[3].empty();
  const bool account = parts.size() > 4 && !parts[4].empty();
  if (region && !account) {
    return "Resource " + std::string(r) + " can not contain region information.";
  }
  return std::nullopt;
}

}  // namespace

bool FailsLegacyResourceParse(std::string_view resource) {
  if (resource == "*") return false;
  const auto parts = SplitArn(resource);
  if (parts.size() < 3 || !IsKnownPartition(parts[1])) return false;
  return parts[2].empty() || parts.size() == 4 || parts.size() == 5;
}

std::optional<std::string> ResourceFormatError(std::string_view resource) {
  if (resource == "*") return std::nullopt;
  if (resource.find(':') == std::string_view::npos) {
    return "Resource " + std::string(resource) + " must be in ARN format or \"*\".";
  }
  const auto parts = SplitArn(resource);
  if (!IsKnownPartition(parts[1])) return PartitionError(parts);
  if (parts.size() < 3)
    return "Resource vendor must be fully qualified and cannot contain regexes.";
  if (parts[2] == "iam") return IamError(resource, parts);
  if (parts[2] == "s3") return S3Error(resource, parts);
  return std::nullopt;
}

}  // namespace iamlite::policy
