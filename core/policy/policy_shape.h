// The first pass over a policy document: its shape. Everything IAM answers with "Syntax
// errors in policy." is decided here; the later passes (parser.cc) read the result.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/policy/json_reader.h"
#include "core/policy/policy.h"

namespace iamlite::policy {

// A statement as read, with the facts later passes need beyond the compiled form.
struct StatementDraft {
  Statement statement;
  std::string effect_text;        // as written; "denY" passes the shape, the legacy pass refuses it
  bool has_resource = false;      // a Resource element is present (even an empty list)
  bool has_not_resource = false;  // a NotResource element is present
};

struct PolicyDraft {
  Policy policy;  // version and id; statements are moved in from `statements` at the end
  bool has_version = false;
  std::vector<StatementDraft> statements;
};

// Reads the shape IAM's grammar requires, or nullopt for "Syntax errors in policy.":
// - the document: an object of Version ("2012-10-17" or "2008-10-17"), Id (a string) and
//   Statement (an object, or a non-empty list of objects); no other keys;
// - a statement: Sid (a string), Effect ("Allow"/"Deny" in any case; required), at most one
//   of Action/NotAction, of Resource/NotResource, of Principal/NotPrincipal, each a string or
//   a list of strings (Principal: "*" or an object of AWS/Service/Federated/CanonicalUser),
//   and Condition: an object of operator -> object of key -> scalar or list of scalars, where
//   an operator with any keys must be one IAM knows;
// - with duplicate keys the last one wins.
// `text` is the document the tree was read from; statement spans are located in it.
std::optional<PolicyDraft> ReadPolicyShape(const JsonNode& root, std::string_view text);

}  // namespace iamlite::policy
