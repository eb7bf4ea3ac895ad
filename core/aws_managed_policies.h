// The catalogue of AWS managed policies (arn:aws:iam::aws:policy/...): AWS's own policies, the
// same in every account, with their published documents and versions. Read-only.
//
// The data is data/aws-managed-policies.json (see scripts/gen-managed-policies for its format
// and origin), embedded into the binary by the build. It is parsed on first use, not at
// start-up: the first call to FindAwsManagedPolicy or AwsManagedPoliciesSorted pays for it
// (tens of milliseconds), later calls are lookups. Both are safe to call from many threads;
// the catalogue is immutable once loaded and lives until the process exits, so the returned
// pointers never dangle.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/error.h"

namespace iamlite {

// Every AWS managed policy ARN starts with this; the path and the name follow.
inline constexpr std::string_view kAwsManagedPolicyArnPrefix = "arn:aws:iam::aws:policy/";

struct AwsManagedPolicy {
  struct Version {
    std::string id;        // "v3"
    std::string document;  // the policy document as JSON text (minified), never URL-encoded
    bool is_default = false;
    TimeMs create_date = 0;
  };

  std::string name;                // "AmazonS3ReadOnlyAccess"
  std::string path;                // "/", "/service-role/", "/aws-service-role/", ...
  std::string arn;                 // kAwsManagedPolicyArnPrefix + path without its '/' + name
  std::string id;                  // "ANPA..." (derived when the source lacks AWS's id)
  std::string default_version_id;  // "v3"
  TimeMs create_date = 0;
  TimeMs update_date = 0;
  bool attachable = true;
  std::string description;        // empty when AWS publishes none
  std::vector<Version> versions;  // ascending version number; exactly one is the default

  // The version with this id (e.g. "v3"), or nullptr.
  const Version* FindVersion(std::string_view version_id) const;
  // The default version. Never nullptr for a policy from this catalogue.
  const Version* DefaultVersion() const;
};

// The AWS managed policy with exactly this ARN (case-sensitive), or nullptr.
const AwsManagedPolicy* FindAwsManagedPolicy(std::string_view arn);

// All AWS managed policies ordered by name (byte order), e.g. for ListPolicies Scope=AWS
// pagination with the name as marker.
const std::vector<const AwsManagedPolicy*>& AwsManagedPoliciesSorted();

// Parses and checks a catalogue in the format scripts/gen-managed-policies writes, in file
// order. Errors (ServiceFailure) name the offending policy. Exposed for tests and for loading
// a catalogue from a file; the functions above use the embedded one.
Result<std::vector<AwsManagedPolicy>> ParseAwsManagedPolicies(std::string_view json_text);

}  // namespace iamlite
