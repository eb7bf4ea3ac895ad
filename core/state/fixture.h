// Declarative fixtures: JSON (or YAML, for files named *.yaml or *.yml) files describing accounts
// and their users, groups, roles, policies, boundaries, tags, login profiles and access keys (with
// given key ids and secrets, so tests can hard-code them), applied at start-up (iamlite serve
// --fixture FILE).
//
// A fixture is applied through the same core operations the API uses (CreateUser,
// AddUserToGroup, AttachPolicy, CreateLoginProfile, ...), so every AWS rule holds: names and
// paths match the model's patterns, quotas apply, passwords meet the password policy,
// documents are validated. The format is described in README.md ("Fixtures"); in short:
//
//   {"accounts": {"123456789012": {
//      "password_policy": {...}, "alias": "...",
//      "policies":  [{"name", "path", "description", "document", "tags"}],
//      "instance_profiles": [{"name", "path", "tags"}],
//      "groups":    [{"name", "path", "managed_policies", "inline_policies"}],
//      "roles":     [{"name", "path", "description", "max_session_duration", "trust_policy",
//                     "permissions_boundary", "tags", "managed_policies", "inline_policies",
//                     "instance_profiles"}],
//      "users":     [{"name", "path", "permissions_boundary", "tags", "groups",
//                     "managed_policies", "inline_policies",
//                     "login_profile": {"password", "password_reset_required"},
//                     "access_keys": [{"id", "secret", "status"}]}]}}}
//
// The top level may instead hold one account's members directly (with an optional
// "account" id; the default account otherwise). Documents are JSON objects or text; tags
// are objects of key to value; managed policies are ARNs or names (a customer policy of the
// account, else an AWS managed policy of that name).
#pragma once

#include <expected>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/store.h"

namespace iamlite::state {

struct FixtureOptions {
  std::string default_account;  // for fixtures that name no account
};

// Applies the fixture in `text` (read from `file_name`, named in errors; YAML when it ends
// with .yaml or .yml, JSON otherwise) to `store`. An
// error reads "FILE: PATH (line N): problem". On error `store` may hold part of the fixture:
// apply fixtures to a scratch store and install it with Store::ReplaceAll.
std::expected<void, std::string> ApplyFixture(std::string_view file_name, std::string_view text,
                                              Store& store, const Clock& clock, IdGenerator& ids,
                                              const FixtureOptions& options);

// Reads `path` and applies it as above.
std::expected<void, std::string> ApplyFixtureFile(const std::string& path, Store& store,
                                                  const Clock& clock, IdGenerator& ids,
                                                  const FixtureOptions& options);

}  // namespace iamlite::state
