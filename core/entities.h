// The IAM entities held in an account's state. Plain immutable values: the store shares
// them as shared_ptr<const T> and every change replaces a whole entity (see change.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"

namespace iamlite {

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};
using Tags = std::vector<Tag>;

struct User {
  std::string id;    // AIDA...
  std::string name;  // as created (case preserved)
  std::string path = "/";
  TimeMs create_date = 0;
  std::string permissions_boundary;  // policy ARN; empty when none
  Tags tags;
  std::optional<TimeMs> password_last_used;
  // Dependents that block DeleteUser (AWS's DeleteConflict rules). Filled as the identity
  // API grows: inline policy names, attached managed policy ARNs, group names.
  std::vector<std::string> inline_policies;
  std::vector<std::string> attached_policies;
  std::vector<std::string> groups;
  bool has_login_profile = false;
  int access_keys = 0;
  int other_credentials = 0;  // MFA, SSH keys, certificates, service-specific credentials

  std::string Arn(const std::string& account) const {
    return "arn:aws:iam::" + account + ":user" + path + name;
  }
};

}  // namespace iamlite
