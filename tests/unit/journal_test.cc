// Journal framing: length + CRC-32 frames, torn tails dropped, damage in the middle refused.
#include "core/state/journal.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "core/state/crc32.h"

namespace iamlite {
namespace {

using state::JournalScan;
using state::ScanJournal;

std::string Journal(const std::vector<std::string>& payloads) {
  std::string out(state::kJournalMagic);
  for (const auto& p : payloads) out += state::FrameRecord(p);
  return out;
}

const std::vector<std::string> kRecords = {R"({"n":1})", R"({"n":2,"pad":"xxxxxxxxxxxxxxxx"})",
                                           R"({"n":3})"};

TEST(Crc32Test, KnownVectors) {
  EXPECT_EQ(state::Crc32(""), 0u);
  EXPECT_EQ(state::Crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(state::Crc32("The quick brown fox jumps over the lazy dog"), 0x414FA339u);
  EXPECT_EQ(state::Crc32("6789", state::Crc32("12345")), 0xCBF43926u);
}

TEST(JournalScanTest, CleanJournalYieldsEveryRecord) {
  std::string j = Journal(kRecords);
  JournalScan s = ScanJournal(j);
  EXPECT_EQ(s.tail, JournalScan::Tail::kClean);
  ASSERT_EQ(s.records.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(s.records[i], kRecords[i]);
  EXPECT_EQ(s.good_bytes, j.size());
  EXPECT_EQ(s.offsets[0], state::kJournalMagic.size());
}

TEST(JournalScanTest, FrameLayoutIsLengthThenCrcLittleEndian) {
  std::string f = state::FrameRecord("{}");
  ASSERT_EQ(f.size(), 10u);
  EXPECT_EQ(f.substr(0, 4), std::string("\x02\x00\x00\x00", 4));
  std::uint32_t crc = state::Crc32("{}");
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(static_cast<unsigned char>(f[4 + i]), (crc >> (8 * i)) & 0xFF) << i;
  EXPECT_EQ(f.substr(8), "{}");
}

// A write cut short anywhere in the last record: the record is dropped, the rest kept.
TEST(JournalScanTest, TornLastRecordAtEveryCut) {
  std::string full = Journal(kRecords);
  std::string two = Journal({kRecords[0], kRecords[1]});
  for (std::size_t cut = two.size() + 1; cut < full.size(); ++cut) {
    JournalScan s = ScanJournal(std::string_view(full).substr(0, cut));
    EXPECT_EQ(s.tail, JournalScan::Tail::kTorn) << cut;
    EXPECT_EQ(s.records.size(), 2u) << cut;
    EXPECT_EQ(s.good_bytes, two.size()) << cut;
    EXPECT_FALSE(s.problem.empty());
  }
}

TEST(JournalScanTest, ChecksumMismatchInTheLastRecordIsATornTail) {
  std::string j = Journal(kRecords);
  j[j.size() - 2] ^= 0x01;  // inside the last payload
  JournalScan s = ScanJournal(j);
  EXPECT_EQ(s.tail, JournalScan::Tail::kTorn);
  EXPECT_EQ(s.records.size(), 2u);
  EXPECT_NE(s.problem.find("checksum"), std::string::npos) << s.problem;
}

// The writer's preallocated space: zeros to the end of the file end the records cleanly (a
// record a crash left all zeros was never synced, so never acknowledged, and holds nothing
// to load).
TEST(JournalScanTest, ZerosToTheEndAreThePreallocatedSpace) {
  std::string j = Journal(kRecords) + std::string(4096, '\0');
  JournalScan s = ScanJournal(j);
  EXPECT_EQ(s.tail, JournalScan::Tail::kClean);
  EXPECT_EQ(s.records.size(), 3u);
  EXPECT_EQ(s.good_bytes, Journal(kRecords).size());
  // Snapshots are not preallocated: there, zeros after the records are damage.
  std::string snap =
      "IAMLSNP2" + Journal(kRecords).substr(state::kJournalMagic.size()) + std::string(64, '\0');
  EXPECT_EQ(state::ScanFrames(snap, "IAMLSNP2").tail, JournalScan::Tail::kTorn);
}

TEST(JournalScanTest, BytesAfterAZeroHeaderAreATornTail) {
  std::string j = Journal(kRecords) + std::string(16, '\0') + "x" + std::string(100, '\0');
  JournalScan s = ScanJournal(j);
  EXPECT_EQ(s.tail, JournalScan::Tail::kTorn);
  EXPECT_EQ(s.records.size(), 3u);
  EXPECT_EQ(s.good_bytes, Journal(kRecords).size());
  EXPECT_NE(s.problem.find("impossible length (0)"), std::string::npos) << s.problem;
}

// Damage followed by a valid record cannot be a torn write: refuse rather than drop data.
TEST(JournalScanTest, DamageInTheMiddleIsCorruption) {
  std::string j = Journal(kRecords);
  std::size_t second = state::kJournalMagic.size() + state::kFrameHeaderBytes + kRecords[0].size();
  std::string crc_flip = j;
  crc_flip[second + 4] ^= 0x10;  // the second record's CRC
  JournalScan s = ScanJournal(crc_flip);
  EXPECT_EQ(s.tail, JournalScan::Tail::kCorrupt);
  EXPECT_EQ(s.records.size(), 1u);
  EXPECT_NE(s.problem.find("followed by a valid record"), std::string::npos) << s.problem;

  std::string length_flip = j;
  length_flip[second + 1] = '\x7f';  // the second record claims a huge length
  EXPECT_EQ(ScanJournal(length_flip).tail, JournalScan::Tail::kCorrupt);
}

TEST(JournalScanTest, Headers) {
  EXPECT_EQ(ScanJournal("").tail, JournalScan::Tail::kClean);
  EXPECT_EQ(ScanJournal("").good_bytes, 0u);
  JournalScan partial = ScanJournal("IAML");
  EXPECT_EQ(partial.tail, JournalScan::Tail::kTorn);
  EXPECT_EQ(partial.good_bytes, 0u);
  EXPECT_EQ(ScanJournal("NOTAJRNL").tail, JournalScan::Tail::kCorrupt);
  EXPECT_EQ(ScanJournal("{\"a\":1}").tail, JournalScan::Tail::kCorrupt);
  EXPECT_EQ(ScanJournal(state::kJournalMagic).tail, JournalScan::Tail::kClean);
}

class JournalWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/iamlite-journal-XXXXXX";
    dir_ = mkdtemp(tmpl);
    path_ = dir_ + "/j.log";
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string dir_, path_;
};

TEST_F(JournalWriterTest, AppendsFramedRecordsAndCutsATornTail) {
  {
    auto w = state::JournalWriter::Open(path_, 0);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (const auto& r : kRecords) ASSERT_TRUE(w->Append(r).has_value());
    EXPECT_EQ(w->size(), Journal(kRecords).size());
  }
  auto bytes = state::ReadWholeFile(path_);
  ASSERT_TRUE(bytes.has_value());
  // The records, then the preallocated zeros.
  const std::string records = Journal(kRecords);
  ASSERT_GE(bytes->size(), state::kJournalMagic.size() + state::JournalWriter::kPreallocateBytes);
  EXPECT_EQ(bytes->substr(0, records.size()), records);
  EXPECT_EQ(bytes->find_first_not_of('\0', records.size()), std::string::npos);
  // Simulate a torn append, then reopen at the last good record and append again.
  {
    std::FILE* f = std::fopen(path_.c_str(), "r+b");
    std::fseek(f, static_cast<long>(records.size()), SEEK_SET);
    std::fputs("\x20\x01", f);
    std::fclose(f);
  }
  std::string torn = *state::ReadWholeFile(path_);
  JournalScan s = ScanJournal(torn);
  ASSERT_EQ(s.tail, JournalScan::Tail::kTorn);
  {
    auto w = state::JournalWriter::Open(path_, s.good_bytes);
    ASSERT_TRUE(w.has_value());
    ASSERT_TRUE(w->Append(R"({"n":4})").has_value());
  }
  std::string bytes_after = *state::ReadWholeFile(path_);  // the scan points into it
  JournalScan after = ScanJournal(bytes_after);
  EXPECT_EQ(after.tail, JournalScan::Tail::kClean);
  ASSERT_EQ(after.records.size(), 4u);
  EXPECT_EQ(after.records[3], R"({"n":4})");
}

// Records past the first preallocated stretch: the file grows by another stretch of zeros and
// every record reads back.
TEST_F(JournalWriterTest, GrowsPastThePreallocatedSpace) {
  const std::string pad(4000, 'p');
  std::vector<std::string> written;
  {
    auto w = state::JournalWriter::Open(path_, 0);
    ASSERT_TRUE(w.has_value()) << w.error();
    for (int i = 0; i < 600; ++i) {  // about 2.4 MB
      written.push_back(R"({"n":)" + std::to_string(i) + R"(,"pad":")" + pad + R"("})");
      ASSERT_TRUE(w->Append(written.back()).has_value()) << i;
    }
    EXPECT_EQ(w->size(), Journal(written).size());
  }
  std::string bytes = *state::ReadWholeFile(path_);
  EXPECT_GT(bytes.size(), Journal(written).size());
  JournalScan s = ScanJournal(bytes);
  EXPECT_EQ(s.tail, JournalScan::Tail::kClean) << s.problem;
  ASSERT_EQ(s.records.size(), written.size());
  EXPECT_EQ(s.records.back(), written.back());
  EXPECT_EQ(s.good_bytes, Journal(written).size());
}

TEST_F(JournalWriterTest, FailsCleanlyWhereItCannotWrite) {
  EXPECT_FALSE(state::JournalWriter::Open(dir_ + "/missing/j.log", 0).has_value());
}

}  // namespace
}  // namespace iamlite
