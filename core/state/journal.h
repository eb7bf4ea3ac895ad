// The journal file format and its reader and writer.
//
// A journal file is the 8-byte header "IAMLJRN1" followed by records, each framed as
//
//   [payload length: u32 little-endian][CRC-32 of the payload: u32 little-endian][payload]
//
// The writer keeps zeros ahead of the last record (preallocation, see JournalWriter): a
// record header of length 0 followed only by zeros is where the records end. A crash can leave
// the last record incomplete (torn) or, on some file systems, its bytes garbled or zeroed.
// ScanJournal tells such a tail (no valid record after the first bad one: dropped) from damage in
// the middle (a valid record follows a bad one: refused), so a journal is never loaded silently
// wrong.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace iamlite::state {

inline constexpr std::string_view kJournalMagic = "IAMLJRN1";
inline constexpr std::size_t kFrameHeaderBytes = 8;
inline constexpr std::uint32_t kMaxRecordBytes = 256u << 20;

// The frame of one record: header and payload.
std::string FrameRecord(std::string_view payload);

struct JournalScan {
  enum class Tail {
    kClean,    // every byte belongs to a good record
    kTorn,     // the bytes from `good_bytes` on hold no valid record: drop them
    kCorrupt,  // a bad record is followed by a valid one, or the header is wrong: refuse
  };
  std::vector<std::string_view> records;  // payloads of the good records, in order (into the input)
  std::vector<std::uint64_t> offsets;     // where each record's frame starts
  std::uint64_t good_bytes = 0;           // just past the last good record (or the header)
  Tail tail = Tail::kClean;
  std::string problem;  // for kTorn and kCorrupt: what is wrong and at which offset
};

// Scans the bytes of a whole journal file. An empty file, or one holding only part of the
// header, is a torn header (good_bytes 0: write a new header).
JournalScan ScanJournal(std::string_view bytes);
// The same for any file of frames after the header `magic` (snapshots use it too). Every
// payload must be a JSON object (the resynchronisation after a bad frame looks for '{').
// `zeros_end`: a run of zero bytes to the end of the file is the preallocated space after the
// last record (journals), not damage.
// `check_crc` false: frames are found by their lengths alone and their checksums are left to
// the caller (FrameChecksumOk), who must scan again with checksums when one fails, for the
// verdict and the message (snapshot loading checks the frames on several threads this way).
JournalScan ScanFrames(std::string_view bytes, std::string_view magic, bool zeros_end = false,
                       bool check_crc = true);
// Whether the checksum of the frame at `pos` (found by ScanFrames) matches its payload.
bool FrameChecksumOk(std::string_view bytes, std::uint64_t pos);

// Appends records to a journal file. Append makes each record durable (fdatasync) before
// it returns; Write and Sync split that in two so that one fdatasync can cover the records
// of several writers (group commit, in StateDir). Not thread-safe: the owner serializes
// calls (StateDir calls ::fdatasync on fd() itself, outside its lock).
//
// The file is kept preallocated: zeros are written ahead of the records, kPreallocateBytes at a
// time, so that a record overwrites bytes the file already has. Its fdatasync then flushes the
// data alone; appending past the end would also change the file's size, which costs a
// metadata commit of the file system on every sync (on ext4 here: 2.9 ms against 0.4 ms per
// record, measured with the records of a CreateUser).
class JournalWriter {
 public:
  static constexpr std::uint64_t kPreallocateBytes = 1u << 20;

  // Opens (creating when needed, mode 0600) `path`, cuts it to `good_bytes` (dropping a torn
  // tail) and writes the header when the file is empty. The header and cut are synced.
  static std::expected<JournalWriter, std::string> Open(const std::string& path,
                                                        std::uint64_t good_bytes);
  JournalWriter(JournalWriter&& other) noexcept;
  JournalWriter& operator=(JournalWriter&& other) noexcept;
  ~JournalWriter();

  // Writes one framed record and syncs it. On failure the file is cut back to its previous
  // size, so no partial record stays behind; if even that fails, the writer is broken and
  // refuses every later append.
  std::expected<void, std::string> Append(std::string_view payload);

  // Writes one framed record without syncing it. On failure the file is cut back to its
  // previous size (broken when that fails).
  std::expected<void, std::string> Write(std::string_view payload);
  // Makes every record written so far durable. On failure the records written since the
  // last good sync are cut off (broken when that fails): none of them may count.
  std::expected<void, std::string> Sync();
  // For a sync done by the owner on fd(): `size` bytes are durable, or (CutBackToSynced) the
  // sync failed.
  void MarkSynced(std::uint64_t size) { synced_size_ = size; }
  void CutBackToSynced();
  int fd() const { return fd_; }

  std::uint64_t size() const { return size_; }
  std::uint64_t synced_size() const { return synced_size_; }
  bool broken() const { return broken_; }
  const std::string& path() const { return path_; }

 private:
  JournalWriter(std::string path, int fd, std::uint64_t size)
      : path_(std::move(path)), fd_(fd), size_(size), synced_size_(size), allocated_(size) {}
  // Makes the file at least `need` bytes long by writing zeros past its end.
  bool Preallocate(std::uint64_t need);
  std::string path_;
  int fd_ = -1;
  std::uint64_t size_ = 0;         // written
  std::uint64_t synced_size_ = 0;  // of which durable
  std::uint64_t allocated_ = 0;    // the file's length: records, then zeros
  bool broken_ = false;
};

// Small POSIX helpers shared with the state directory.
std::expected<std::string, std::string> ReadWholeFile(const std::string& path);

// A whole file mapped read-only, for loading a snapshot without copying it: reading 24 MB
// into fresh memory cost ~90 ms on the benchmark machine (a page fault per 4 KiB), mapping
// the file's cached pages ~5 ms. The file must not be truncated while mapped (that would
// fault the reader): snapshots never are, as iamlite replaces them by rename under the
// state directory's lock.
class MappedFile {
 public:
  static std::expected<MappedFile, std::string> Open(const std::string& path);
  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&&) = delete;
  ~MappedFile();
  std::string_view bytes() const { return {data_, size_}; }

 private:
  MappedFile(const char* data, std::size_t size) : data_(data), size_(size) {}
  const char* data_;
  std::size_t size_;
};
// Writes all of `data` at the file's current offset, retrying short writes and EINTR.
bool WriteAll(int fd, std::string_view data);
// fsync of a directory, so that a create, rename or unlink in it is durable.
bool SyncDirectory(const std::string& dir);
std::string ErrnoText(const std::string& what, int err);

}  // namespace iamlite::state
