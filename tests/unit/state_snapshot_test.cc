// The state directory's snapshot format (version 2: framed, one account per frame, decoded on
// two threads), the reading of version 1 snapshots, and the journal's group commit.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <thread>

#include "core/ops/users.h"
#include "core/state/document.h"
#include "core/state/journal.h"
#include "core/state/state_dir.h"
#include "tests/unit/state_test_util.h"

namespace iamlite {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using state::StateDir;

class StateSnapshotTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iamlite-snapshot-XXXXXX";
    dir_ = mkdtemp(tmpl);
    log_ = std::tmpfile();
  }
  void TearDown() override {
    std::fclose(log_);
    fs::remove_all(dir_);
  }
  std::unique_ptr<StateDir> Open() {
    auto d = StateDir::Open({dir_, 16u << 20, log_});
    EXPECT_TRUE(d.has_value()) << (d ? "" : d.error());
    return d ? std::move(*d) : nullptr;
  }
  static json Export(Store& s) { return state::ExportDocument(s.Snapshot(), {true}); }
  // Two accounts, one of them rich, installed through ReplaceAll (which writes a snapshot).
  json WriteTwoAccountSnapshot() {
    Store source(&clock_);
    Caller root = Caller::Root("123456789012");
    OpContext ctx{source, clock_, ids_, root};
    testing::BuildRichAccount(ctx, clock_);
    Caller other = Caller::Root("210987654321");
    OpContext ctx2{source, clock_, ids_, other};
    EXPECT_TRUE(ops::CreateUser(ctx2, {"solo", "/", "", {}}).has_value());
    Store store(&clock_);
    auto dir = Open();
    EXPECT_TRUE(dir->Attach(store).has_value());
    EXPECT_TRUE(store.ReplaceAll(source.Snapshot()).has_value());
    return Export(store);
  }
  std::string ReadFile(const std::string& path) {
    auto text = state::ReadWholeFile(path);
    EXPECT_TRUE(text.has_value());
    return text ? *text : "";
  }
  void WriteFile(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  }

  std::string dir_;
  std::FILE* log_ = nullptr;
  FakeClock clock_;
  SeededIdGenerator ids_{5};
};

TEST_F(StateSnapshotTest, Version2RoundTrip) {
  json before = WriteTwoAccountSnapshot();
  std::string bytes = ReadFile(dir_ + "/snapshot.iaml");
  ASSERT_TRUE(bytes.starts_with("IAMLSNP2"));
  EXPECT_FALSE(fs::exists(dir_ + "/snapshot.json"));
  // A header frame and one frame per account, all whole.
  auto scan = state::ScanFrames(bytes, "IAMLSNP2");
  EXPECT_EQ(scan.tail, state::JournalScan::Tail::kClean);
  ASSERT_EQ(scan.records.size(), 3u);
  json header = json::parse(scan.records[0]);
  EXPECT_EQ(header["format"], "iamlite-snapshot");
  EXPECT_EQ(header["version"], 2);
  EXPECT_EQ(header["accounts"], 2);
  EXPECT_EQ(json::parse(scan.records[1])["id"], "123456789012");

  Store store(&clock_);
  auto dir = Open();
  EXPECT_TRUE(dir->had_state());
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), before);
}

// A snapshot.json of version 1 (what earlier iamlite wrote) still loads; the next snapshot
// replaces it with version 2.
TEST_F(StateSnapshotTest, Version1SnapshotIsRead) {
  json before;
  {
    Store source(&clock_);
    Caller root = Caller::Root("123456789012");
    OpContext ctx{source, clock_, ids_, root};
    testing::BuildRichAccount(ctx, clock_);
    before = Export(source);
  }
  fs::create_directories(dir_);
  json v1 = before;
  v1["journal"] = 1;
  WriteFile(dir_ + "/snapshot.json", v1.dump());
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir);
    EXPECT_TRUE(dir->had_state());
    ASSERT_TRUE(dir->Attach(store));
    EXPECT_EQ(Export(store), before);
    ASSERT_TRUE(dir->CompactNow());
  }
  EXPECT_TRUE(fs::exists(dir_ + "/snapshot.iaml"));
  EXPECT_FALSE(fs::exists(dir_ + "/snapshot.json"));
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), before);
}

// The snapshot is written whole and renamed into place: a cut or a flipped byte anywhere is
// damage, never loaded.
TEST_F(StateSnapshotTest, DamagedOrTornSnapshotRefusesToStart) {
  WriteTwoAccountSnapshot();
  const std::string path = dir_ + "/snapshot.iaml";
  const std::string good = ReadFile(path);
  struct Case {
    const char* what;
    std::string bytes;
  };
  std::string flipped = good;
  flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x20);
  std::string last_frame_flipped = good;
  last_frame_flipped[good.size() - 3] = static_cast<char>(last_frame_flipped[good.size() - 3] ^ 1);
  const Case cases[] = {
      {"cut in the last frame", good.substr(0, good.size() - 10)},
      {"cut after the header frame", good.substr(0, good.find('{', 20))},
      {"byte flipped in the middle", flipped},
      {"byte flipped in the last frame", last_frame_flipped},
      {"bad magic", "IAMLSNP9" + good.substr(8)},
  };
  for (const auto& c : cases) {
    WriteFile(path, c.bytes);
    auto d = StateDir::Open({dir_, 16u << 20, log_});
    EXPECT_FALSE(d.has_value()) << c.what;
    if (!d) EXPECT_NE(d.error().find("snapshot.iaml"), std::string::npos) << d.error();
  }
  WriteFile(path, good);
  EXPECT_TRUE(StateDir::Open({dir_, 16u << 20, log_}).has_value());
}

TEST_F(StateSnapshotTest, HeaderIsChecked) {
  fs::create_directories(dir_);
  struct Case {
    json header;
    std::string expected;
  };
  const Case cases[] = {
      {{{"format", "iamlite-snapshot"}, {"version", 3}, {"journal", 1}, {"accounts", 0}},
       "version 3 is newer than this iamlite reads (up to 2)"},
      {{{"format", "other"}, {"version", 2}, {"journal", 1}, {"accounts", 0}},
       "expected \"iamlite-snapshot\""},
      {{{"format", "iamlite-snapshot"}, {"version", 2}, {"journal", 0}, {"accounts", 0}},
       "$.journal: expected a positive integer"},
      {{{"format", "iamlite-snapshot"}, {"version", 2}, {"journal", 1}, {"accounts", 1}},
       "the header announces 1 accounts but 0 follow"},
  };
  for (const auto& c : cases) {
    WriteFile(dir_ + "/snapshot.iaml", "IAMLSNP2" + state::FrameRecord(c.header.dump()));
    auto d = StateDir::Open({dir_, 16u << 20, log_});
    ASSERT_FALSE(d.has_value()) << c.header;
    EXPECT_NE(d.error().find(c.expected), std::string::npos) << d.error();
  }
}

// An account frame that does not decode names the frame's offset and the JSON path in it.
TEST_F(StateSnapshotTest, BadAccountFrameNamesOffsetAndPath) {
  fs::create_directories(dir_);
  json header = {{"format", "iamlite-snapshot"}, {"version", 2}, {"journal", 1}, {"accounts", 1}};
  json account = {{"id", "123456789012"}, {"account", {{"users", {{{"name", "x"}}}}}}};
  std::string head = state::FrameRecord(header.dump());
  WriteFile(dir_ + "/snapshot.iaml", "IAMLSNP2" + head + state::FrameRecord(account.dump()));
  auto d = StateDir::Open({dir_, 16u << 20, log_});
  ASSERT_FALSE(d.has_value());
  EXPECT_NE(d.error().find("the account at offset " + std::to_string(8 + head.size()) +
                           ": $.account.users[0]: missing required field \"id\""),
            std::string::npos)
      << d.error();
}

// Concurrent writers (different accounts) share fdatasyncs, and every acknowledged change
// survives a restart.
TEST_F(StateSnapshotTest, GroupCommitKeepsEveryAcknowledgedChange) {
  constexpr int kThreads = 4, kPerThread = 40;
  json before;
  {
    Store store(&clock_);
    auto dir = Open();
    ASSERT_TRUE(dir->Attach(store));
    std::atomic<int> acked{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        Caller root = Caller::Root("10000000000" + std::to_string(t));
        SeededIdGenerator ids(static_cast<std::uint64_t>(t) + 10);
        OpContext ctx{store, clock_, ids, root};
        for (int i = 0; i < kPerThread; ++i)
          if (ops::CreateUser(ctx, {"u" + std::to_string(i), "/", "", {}})) ++acked;
      });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(acked.load(), kThreads * kPerThread);
    EXPECT_GE(dir->journal_syncs(), 1u);
    EXPECT_LE(dir->journal_syncs(), static_cast<std::uint64_t>(kThreads * kPerThread));
    before = Export(store);
  }
  Store store(&clock_);
  auto dir = Open();
  ASSERT_TRUE(dir->Attach(store));
  EXPECT_EQ(Export(store), before);
  auto accounts = store.Snapshot();
  ASSERT_EQ(accounts.size(), static_cast<std::size_t>(kThreads));
  for (const auto& [id, s] : accounts) EXPECT_EQ(s.users.size(), std::size_t{kPerThread}) << id;
}

// Write and Sync split Append in two; a sync covers every record written before it.
TEST(JournalWriterGroupTest, WriteThenSyncCoversEveryRecord) {
  char tmpl[] = "/tmp/iamlite-journal-XXXXXX";
  std::string dir = mkdtemp(tmpl);
  std::string path = dir + "/j.log";
  {
    auto w = state::JournalWriter::Open(path, 0);
    ASSERT_TRUE(w.has_value());
    EXPECT_EQ(w->synced_size(), w->size());
    ASSERT_TRUE(w->Write(R"({"n":1})").has_value());
    ASSERT_TRUE(w->Write(R"({"n":2})").has_value());
    EXPECT_LT(w->synced_size(), w->size());
    ASSERT_TRUE(w->Sync().has_value());
    EXPECT_EQ(w->synced_size(), w->size());
  }
  auto scan = state::ScanJournal(*state::ReadWholeFile(path));
  EXPECT_EQ(scan.tail, state::JournalScan::Tail::kClean);
  EXPECT_EQ(scan.records.size(), 2u);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace iamlite
