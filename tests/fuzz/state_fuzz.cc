// libFuzzer target: what iamlite reads from files. The first byte picks the reader, the rest
// is the file: 'j' a JSON fixture, 'y' a YAML fixture (both applied to a fresh store), 's' a
// state document (POST /iamlite/state; exported again when it imports), 'w' a journal (framed
// records, each decoded as a change), 'a' one account as a snapshot frame holds it; journal
// records and accounts go through both JSON readers (nlohmann and the JsonTree that
// --state-dir start-up uses), which must agree.
#include <cstddef>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/state/change_json.h"
#include "core/state/document.h"
#include "core/state/entity_json.h"
#include "core/state/fixture.h"
#include "core/state/journal.h"
#include "core/state/json_tree.h"
#include "core/store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace iamlite;
  if (size == 0) return 0;
  const char mode = static_cast<char>(data[0]);
  std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  FakeClock clock(1'714'564'800'000);
  SeededIdGenerator ids(1);
  switch (mode) {
    case 'j':
    case 'y': {
      Store store(&clock);
      (void)state::ApplyFixture(mode == 'j' ? "f.json" : "f.yaml", text, store, clock, ids,
                                state::FixtureOptions{.default_account = "123456789012"});
      break;
    }
    case 's': {
      auto imported =
          state::ImportDocumentText(text, state::ImportOptions{.ids = &ids, .now = clock.Now()});
      if (imported) {
        (void)state::ImportSummary(*imported);
        (void)state::ExportDocument(imported->accounts, state::ExportOptions{.secrets = true})
            .dump();
      }
      break;
    }
    case 'w': {
      // A journal: each record decoded as a change through both JSON readers, which must
      // agree (--state-dir start-up reads records with the JsonTree).
      const state::JournalScan scan = state::ScanJournal(text);
      for (std::string_view record : scan.records) {
        auto parsed = nlohmann::json::parse(record, nullptr, /*allow_exceptions=*/false);
        if (parsed.is_discarded()) continue;
        auto by_nlohmann = state::ChangeFromJson(parsed);
        state::JsonTree tree;
        auto node = state::ParseJsonTree(tree, record);
        if (!node) continue;  // the tree refuses duplicate keys and deep nesting; nlohmann not
        std::string tree_error;
        try {
          state::DecodeContext ctx;
          (void)state::DecodeChange(state::TreeIn(**node), ctx);
        } catch (const state::DecodeError& e) {
          tree_error = state::StateError{e.path, e.message}.ToString();
        }
        const std::string nlohmann_error = by_nlohmann ? "" : by_nlohmann.error().ToString();
        if (tree_error != nlohmann_error) __builtin_trap();
      }
      break;
    }
    case 'a': {
      // An account as a snapshot frame holds it, through both JSON readers: same verdict,
      // same error, same entities (compared by their export).
      auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
      state::JsonTree tree;
      auto node = state::ParseJsonTree(tree, text);
      if (parsed.is_discarded() || !node) break;
      auto decode = [](const auto& in, std::string& error) -> std::optional<AccountState> {
        try {
          state::DecodeContext ctx;
          return state::DecodeAccount(in, "123456789012", ctx);
        } catch (const state::DecodeError& e) {
          error = state::StateError{e.path, e.message}.ToString();
        }
        return std::nullopt;
      };
      std::string e1, e2;
      auto a1 = decode(state::JsonIn(parsed), e1);
      auto a2 = decode(state::TreeIn(**node), e2);
      if (a1.has_value() != a2.has_value() || e1 != e2) __builtin_trap();
      if (a1) {
        std::map<std::string, AccountState> m1, m2;
        m1.emplace("123456789012", std::move(*a1));
        m2.emplace("123456789012", std::move(*a2));
        const state::ExportOptions all{.secrets = true};
        if (state::ExportDocument(m1, all) != state::ExportDocument(m2, all)) __builtin_trap();
      }
      break;
    }
    default:
      break;
  }
  return 0;
}
