// The whole store as one versioned JSON document, for export, import and snapshots:
//
//   {"format": "iamlite-state", "version": 1, "secrets": true,
//    "accounts": {"123456789012": {...the account (entity_json.h)...}, ...}}
//
// Import is strict and total: any input yields either a complete, consistent set of accounts
// or an error naming the JSON path and the problem; nothing is half-read. Documents of older
// versions stay readable: each version has its own reader (ReadVersion1, ...), and a later
// reader may call an earlier one for the parts that did not change.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/account_state.h"
#include "core/ids.h"
#include "core/state/entity_json.h"
#include "core/state/json_in.h"

namespace iamlite::state {

inline constexpr std::string_view kStateFormat = "iamlite-state";
inline constexpr int kStateVersion = 1;  // what ExportDocument writes

struct ExportOptions {
  bool secrets = false;  // access key secrets and password hashes
};

// Accounts with nothing in them are left out.
nlohmann::json ExportDocument(const std::map<std::string, AccountState>& accounts,
                              const ExportOptions& options);
nlohmann::json ExportDocument(const std::vector<const AccountState*>& accounts,
                              const ExportOptions& options);

struct ImportOptions {
  // Makes fresh secrets for access keys that come without one (an export without secrets)
  // and lets login profiles come without a password hash (they then match no password until
  // UpdateLoginProfile sets one). Null: both are errors.
  IdGenerator* ids = nullptr;
  TimeMs now = 0;  // the creation time of accounts that give none
};

struct ImportedState {
  std::map<std::string, AccountState> accounts;
  ImportNotes notes;
};

// What an import made up, as the API and the command line report it:
// {"status": "ok", "accounts": [...], "generated_secrets": [{"account", "access_key_id",
//  "secret_access_key"}], "locked_login_profiles": [{"account", "user_name"}]}
nlohmann::json ImportSummary(const ImportedState& imported);

// Reads a document of any supported version.
StateResult<ImportedState> ImportDocument(const nlohmann::json& doc, const ImportOptions& options);
// Also parses the text; a syntax error names its line and column.
StateResult<ImportedState> ImportDocumentText(std::string_view text, const ImportOptions& options);

// The reader of version 1 documents (format and version already checked). Throws DecodeError.
ImportedState ReadVersion1(const JsonIn& doc, const ImportOptions& options);

// Parses JSON text; a syntax error becomes "not JSON: ... at line L, column C".
StateResult<nlohmann::json> ParseJsonText(std::string_view text);

// Parses JSON text into `tree` (json_tree.h), for snapshots and journal records. A syntax
// error that nlohmann also finds gets nlohmann's message (ParseJsonText's, word for word: the
// text is parsed again to get it); what only the tree refuses (a duplicate key, nesting deeper
// than JsonTree::kMaxDepth) gets the tree's.
StateResult<const JsonNode*> ParseJsonTree(JsonTree& tree, std::string_view text);

// The 1-based line and column of byte `offset` in `text`.
std::pair<int, int> LineAndColumn(std::string_view text, std::size_t offset);

}  // namespace iamlite::state
