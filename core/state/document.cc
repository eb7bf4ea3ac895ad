#include "core/state/document.h"

#include <climits>

#include "core/store.h"

namespace iamlite::state {

using nlohmann::json;

json ExportDocument(const std::vector<const AccountState*>& accounts,
                    const ExportOptions& options) {
  json doc = {{"format", kStateFormat}, {"version", kStateVersion}, {"secrets", options.secrets}};
  json out = json::object();
  EncodeOptions enc{options.secrets};
  for (const AccountState* state : accounts)
    if (!IsEmpty(*state)) out[state->account_id] = ToJson(*state, enc);
  doc["accounts"] = std::move(out);
  return doc;
}

json ExportDocument(const std::map<std::string, AccountState>& accounts,
                    const ExportOptions& options) {
  std::vector<const AccountState*> list;
  for (const auto& [id, state] : accounts) list.push_back(&state);
  return ExportDocument(list, options);
}

json ImportSummary(const ImportedState& imported) {
  json accounts = json::array();
  for (const auto& [id, s] : imported.accounts) accounts.push_back(id);
  json secrets = json::array();
  for (const auto& s : imported.notes.generated_secrets)
    secrets.push_back({{"account", s.account},
                       {"access_key_id", s.access_key_id},
                       {"secret_access_key", s.secret_access_key}});
  json locked = json::array();
  for (const auto& l : imported.notes.locked_login_profiles)
    locked.push_back({{"account", l.account}, {"user_name", l.user_name}});
  return {{"status", "ok"},
          {"accounts", std::move(accounts)},
          {"generated_secrets", std::move(secrets)},
          {"locked_login_profiles", std::move(locked)}};
}

ImportedState ReadVersion1(const JsonIn& doc, const ImportOptions& options) {
  doc.Object({"format", "version", "secrets", "accounts"});
  if (doc.Has("secrets")) doc.At("secrets").Bool();
  JsonIn accounts = doc.At("accounts");
  if (!accounts.json().is_object()) accounts.Fail("expected an object of account id to account");
  ImportedState out;
  DecodeContext ctx(options.ids);
  ctx.now = options.now;
  std::map<std::string, std::string> key_owner;  // access key id -> account
  for (auto it = accounts.json().begin(); it != accounts.json().end(); ++it) {
    JsonIn account = accounts.Child(it.key(), it.value());
    if (!IsAccountId(it.key())) account.Fail("an account id is twelve digits");
    AccountState s = DecodeAccount(account, it.key(), ctx);
    for (const auto& [key_id, key] : s.access_keys) {
      auto [owner, fresh] = key_owner.emplace(key_id, it.key());
      if (!fresh)
        account.At("access_keys")
            .Fail("access key " + key_id + " also belongs to account " + owner->second +
                  "; key ids are unique across accounts");
    }
    out.accounts.emplace(it.key(), std::move(s));
  }
  out.notes = std::move(ctx.notes());
  return out;
}

StateResult<ImportedState> ImportDocument(const json& j, const ImportOptions& options) {
  try {
    JsonIn doc(j);
    if (!j.is_object()) doc.Fail("expected an object");
    std::string format = doc.At("format").Str();
    if (format != kStateFormat)
      doc.At("format").Fail("expected \"" + std::string(kStateFormat) + "\"");
    auto version = doc.At("version").Int(1, INT_MAX);
    switch (version) {
      case 1:
        return ReadVersion1(doc, options);
      default:
        doc.At("version").Fail("version " + std::to_string(version) +
                               " is newer than this iamlite reads (up to " +
                               std::to_string(kStateVersion) + ")");
    }
  } catch (const DecodeError& e) {
    return std::unexpected(StateError{e.path, e.message});
  } catch (const std::exception& e) {
    // Only resource exhaustion gets here; still an answer, not a crash.
    return std::unexpected(StateError{"", std::string("cannot read the document: ") + e.what()});
  }
}

StateResult<ImportedState> ImportDocumentText(std::string_view text, const ImportOptions& options) {
  auto j = ParseJsonText(text);
  if (!j) return std::unexpected(j.error());
  return ImportDocument(*j, options);
}

std::pair<int, int> LineAndColumn(std::string_view text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

StateResult<json> ParseJsonText(std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    // nlohmann's byte is 1-based: the character it stopped at.
    auto [line, column] = LineAndColumn(text, e.byte > 0 ? e.byte - 1 : 0);
    std::string what = e.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
    auto colon = what.find(": ");
    std::string detail = colon == std::string::npos ? what : what.substr(colon + 2);
    return std::unexpected(StateError{"", "not JSON: " + detail + " (line " + std::to_string(line) +
                                              ", column " + std::to_string(column) + ")"});
  } catch (const std::exception& e) {
    return std::unexpected(StateError{"", std::string("cannot read the JSON: ") + e.what()});
  }
}

StateResult<const JsonNode*> ParseJsonTree(JsonTree& tree, std::string_view text) {
  auto root = tree.Parse(text);
  if (root) return root;
  if (auto j = ParseJsonText(text); !j) return std::unexpected(j.error());
  return root;
}

}  // namespace iamlite::state
