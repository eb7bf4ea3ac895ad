// libFuzzer target: what iamlite reads from files. The first byte picks the reader, the rest
// is the file: 'j' a JSON fixture, 'y' a YAML fixture (both applied to a fresh store), 's' a
// state document (POST /iamlite/state, --state-dir snapshots; exported again when it
// imports), 'w' a journal (framed records, each decoded as a change).
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string_view>

#include "core/clock.h"
#include "core/ids.h"
#include "core/state/change_json.h"
#include "core/state/document.h"
#include "core/state/fixture.h"
#include "core/state/journal.h"
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
      const state::JournalScan scan = state::ScanJournal(text);
      for (std::string_view record : scan.records) {
        auto parsed = nlohmann::json::parse(record, nullptr, /*allow_exceptions=*/false);
        if (!parsed.is_discarded()) (void)state::ChangeFromJson(parsed);
      }
      break;
    }
    default:
      break;
  }
  return 0;
}
