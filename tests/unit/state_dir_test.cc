// Persistence in a state directory: durability through restarts, torn tails, compaction,
// replacement, and one process per directory.
#include "core/state/state_dir.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/ops/users.h"
#include "core/state/document.h"
#include "core/state/journal.h"
#include "tests/unit/state_test_util.h"

namespace iamlite {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using state::StateDir;

class StateDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iamlite-statedir-XXXXXX";
    dir_ = mkdtemp(tmpl);
    log_ = std::tmpfile();
  }
  void TearDown() override {
    std::fclose(log_);
    fs::remove_all(dir_);
  }

  std::unique_ptr<StateDir> Open(std::uint64_t compact_after = 16u << 20) {
    auto d = StateDir::Open({dir_, compact_after, log_});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error());
    return d ? std::move(*d) : nullptr;
  }
  std::string Log() {
    std::fflush(log_);
    std::rewind(log_);
    std::string out;
    char buf[4096];
    while (std::size_t n = std::fread(buf, 1, sizeof buf, log_)) out.append(buf, n);
    return out;
  }
  static json Export(Store& s) { return state::ExportDocument(s.Snapshot(), {true}); }
  std::vector<std::string> Journals() {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_))
      if (e.path().filename().string().starts_with("journal-")) out.push_back(e.path().string());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::string dir_;
  std::FILE* log_ = nullptr;
  FakeClock clock_;
  SeededIdGenerator ids_{3};
};

// Everything acknowledged before a restart is there after it.
TEST_F(StateDirTest, ChangesSurviveARestart) {
  json before;
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir);
    EXPECT_FALSE(dir->had_state());
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    testing::BuildRichAccount(ctx, clock_);
    Caller other = Caller::Root("210987654321");
    OpContext ctx2{store, clock_, ids_, other};
    IAMLITE_MUST(ops::CreateUser(ctx2, {"solo", "/", "", {}}));
    IAMLITE_MUST(ops::DeleteUser(ctx, "mary"));
    before = Export(store);
    EXPECT_GT(dir->journal_bytes(), 1000u);
    dir->Close();
  }
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir);
  EXPECT_TRUE(dir->had_state());
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), before);
  EXPECT_EQ(Log(), "");
}

TEST_F(StateDirTest, ClearIsJournaled) {
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx, {"a", "/", "", {}}));
    ASSERT_TRUE(store.Clear("123456789012"));
    IAMLITE_MUST(ops::CreateUser(ctx, {"b", "/", "", {}}));
  }
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  auto snap = store.Snapshot();
  ASSERT_EQ(snap.size(), 1u);
  EXPECT_EQ(snap.begin()->second.users.size(), 1u);
  EXPECT_TRUE(snap.begin()->second.users.contains("b"));
}

// A record cut short by a crash is dropped with a warning, and the journal cut back so that
// later records follow the last good one.
TEST_F(StateDirTest, TornLastRecordIsDroppedWithAWarning) {
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx, {"kept", "/", "", {}}));
    IAMLITE_MUST(ops::CreateUser(ctx, {"torn", "/", "", {}}));
  }
  auto journals = Journals();
  ASSERT_EQ(journals.size(), 1u);
  // Cut the last record short (the journal is preallocated: its records end before the
  // file does).
  auto size = state::ScanJournal(*state::ReadWholeFile(journals[0])).good_bytes;
  fs::resize_file(journals[0], size - 5);
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    auto s = store.Snapshot().at("123456789012");
    EXPECT_TRUE(s.users.contains("kept"));
    EXPECT_FALSE(s.users.contains("torn"));
    EXPECT_NE(Log().find("dropped an incomplete record"), std::string::npos) << Log();
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx, {"after", "/", "", {}}));
  }
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  auto s = store.Snapshot().at("123456789012");
  EXPECT_EQ(s.users.size(), 2u);
  EXPECT_TRUE(s.users.contains("after"));
}

TEST_F(StateDirTest, CorruptionInTheMiddleRefusesToStart) {
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx, {"one", "/", "", {}}));
    IAMLITE_MUST(ops::CreateUser(ctx, {"two", "/", "", {}}));
  }
  auto path = Journals()[0];
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  f.seekp(static_cast<std::streamoff>(state::kJournalMagic.size() + state::kFrameHeaderBytes + 3));
  f.put('#');
  f.close();
  auto d = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find(path), std::string::npos) << d.error();
  EXPECT_NE(d.error().find("refusing to start"), std::string::npos) << d.error();
}

// A record whose checksum holds but whose content does not decode is refused, not skipped.
TEST_F(StateDirTest, UndecodableRecordRefusesToStart) {
  fs::create_directories(dir_);
  std::string journal(state::kJournalMagic);
  journal += state::FrameRecord(R"({"type":"change","account":"123456789012",)"
                                R"("created":"2024-01-01T00:00:00.000Z","ops":[{"op":"put"}]})");
  std::ofstream(dir_ + "/journal-000000000001.log", std::ios::binary) << journal;
  auto d = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find("record at offset 8: $.ops[0]: missing required field \"type\""),
            std::string::npos)
      << d.error();
}

TEST_F(StateDirTest, SecondProcessIsRefused) {
  auto first = Open();
  ASSERT_TRUE(first);
  auto second = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().find("is in use by another iamlite process (pid " +
                                std::to_string(::getpid()) + ")"),
            std::string::npos)
      << second.error();
  first->Close();
  EXPECT_TRUE(StateDir::Open({dir_, 16u << 20, log_}).has_value());
}

// Past the threshold the journal is compacted into a snapshot; the state is unchanged.
TEST_F(StateDirTest, CompactionWritesASnapshotAndDropsOldJournals) {
  json before;
  {
    Store store(&clock_);
    auto dir = Open(/*compact_after=*/4096);
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    for (int i = 0; i < 60; ++i)
      IAMLITE_MUST(ops::CreateUser(ctx, {"user" + std::to_string(i), "/", "", {}}));
    // The compactor runs in the background; wait for it (bounded).
    for (int i = 0; i < 500 && dir->snapshots_written() == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_GE(dir->snapshots_written(), 1);
    IAMLITE_MUST(ops::CreateUser(ctx, {"last", "/", "", {}}));
    before = Export(store);
  }
  EXPECT_TRUE(fs::exists(dir_ + "/snapshot.iaml"));
  EXPECT_EQ(Journals().size(), 1u);
  EXPECT_FALSE(fs::exists(dir_ + "/snapshot.iaml.tmp"));
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), before);
}

// ReplaceAll (import, fixtures) writes a snapshot at once and starts an empty journal.
TEST_F(StateDirTest, ReplaceAllWritesASnapshot) {
  json imported;
  {
    Store source(&clock_);
    Caller root = Caller::Root("123456789012");
    OpContext ctx{source, clock_, ids_, root};
    testing::BuildRichAccount(ctx, clock_);
    imported = Export(source);

    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    OpContext ctx2{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx2, {"replaced", "/", "", {}}));
    ASSERT_TRUE(store.ReplaceAll(source.Snapshot()));
    EXPECT_EQ(dir->snapshots_written(), 1);
    EXPECT_EQ(Journals().size(), 1u);
    EXPECT_EQ(Journals()[0], dir_ + "/journal-000000000002.log");
  }
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), imported);
}

TEST_F(StateDirTest, MissingJournalRefusesToStart) {
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    Caller root = Caller::Root("123456789012");
    OpContext ctx{store, clock_, ids_, root};
    IAMLITE_MUST(ops::CreateUser(ctx, {"a", "/", "", {}}));
    ASSERT_TRUE(dir->CompactNow());  // snapshot -> journal 2
    IAMLITE_MUST(ops::CreateUser(ctx, {"b", "/", "", {}}));
    ASSERT_TRUE(dir->CompactNow());  // journal 3
  }
  ASSERT_TRUE(fs::exists(dir_ + "/journal-000000000003.log"));
  fs::rename(dir_ + "/journal-000000000003.log", dir_ + "/journal-000000000004.log");
  auto d = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find("journal-000000000003.log is missing"), std::string::npos) << d.error();
}

TEST_F(StateDirTest, BadSnapshotNamesFileAndPath) {
  fs::create_directories(dir_);
  std::ofstream(dir_ + "/snapshot.json")
      << R"({"format":"iamlite-state","version":1,"journal":1,"accounts":{"123456789012":{"users":[{"name":"x"}]}}})";
  auto d = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find("snapshot.json: $.accounts[\"123456789012\"].users[0]: missing required "
                           "field \"id\""),
            std::string::npos)
      << d.error();
}

// When the journal cannot be written, the change is undone and the operation fails.
TEST_F(StateDirTest, FailedWriteUndoesTheChange) {
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  Caller root = Caller::Root("123456789012");
  OpContext ctx{store, clock_, ids_, root};
  IAMLITE_MUST(ops::CreateUser(ctx, {"ok", "/", "", {}}));
  dir->Close();  // the journal is gone: nothing can be made durable
  auto r = ops::CreateUser(ctx, {"lost", "/", "", {}});
  // Close detached the observer, so the store accepts in memory again; reattach a closed
  // directory by hand to see the failure path.
  EXPECT_TRUE(r.has_value());
  store.SetObserver(dir.get());
  auto failed = ops::CreateUser(ctx, {"refused", "/", "", {}});
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().code, "ServiceFailure");
  EXPECT_NE(failed.error().message.find("could not make the change durable"), std::string::npos);
  auto s = store.Snapshot().at("123456789012");
  EXPECT_FALSE(s.users.contains("refused"));
  EXPECT_FALSE(store.Clear("123456789012").has_value());
  EXPECT_TRUE(store.Snapshot().at("123456789012").users.contains("ok"));
  store.SetObserver(nullptr);
}

}  // namespace
}  // namespace iamlite
