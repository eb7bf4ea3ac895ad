#include "core/state/journal.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "core/state/crc32.h"

namespace iamlite::state {
namespace {

void PutU32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
}

std::uint32_t GetU32(std::string_view s, std::size_t pos) {
  std::uint32_t v = 0;
  for (int i = 3; i >= 0; --i)
    v = (v << 8) | static_cast<unsigned char>(s[pos + static_cast<std::size_t>(i)]);
  return v;
}

// The length of the valid frame at `pos`, or 0 when there is none.
std::uint64_t ValidFrameAt(std::string_view bytes, std::uint64_t pos, bool check_crc = true) {
  if (bytes.size() - pos < kFrameHeaderBytes) return 0;
  std::uint32_t len = GetU32(bytes, pos);
  if (len == 0 || len > kMaxRecordBytes || bytes.size() - pos - kFrameHeaderBytes < len) return 0;
  std::string_view payload = bytes.substr(pos + kFrameHeaderBytes, len);
  if (check_crc && Crc32(payload) != GetU32(bytes, pos + 4)) return 0;
  return kFrameHeaderBytes + len;
}

// Why the frame at `pos` is not valid, for the warning.
std::string WhatIsWrong(std::string_view bytes, std::uint64_t pos) {
  std::uint64_t left = bytes.size() - pos;
  std::string at = " at offset " + std::to_string(pos);
  if (left < kFrameHeaderBytes)
    return "an incomplete record header (" + std::to_string(left) + " bytes)" + at;
  std::uint32_t len = GetU32(bytes, pos);
  if (len == 0 || len > kMaxRecordBytes)
    return "a record header with an impossible length (" + std::to_string(len) + ")" + at;
  if (left - kFrameHeaderBytes < len)
    return "an incomplete record (" + std::to_string(left - kFrameHeaderBytes) + " of " +
           std::to_string(len) + " bytes)" + at;
  return "a record whose checksum does not match" + at;
}

}  // namespace

std::string ErrnoText(const std::string& what, int err) { return what + ": " + std::strerror(err); }

std::string FrameRecord(std::string_view payload) {
  std::string out;
  out.reserve(kFrameHeaderBytes + payload.size());
  PutU32(out, static_cast<std::uint32_t>(payload.size()));
  PutU32(out, Crc32(payload));
  out.append(payload);
  return out;
}

JournalScan ScanJournal(std::string_view bytes) { return ScanFrames(bytes, kJournalMagic, true); }

bool FrameChecksumOk(std::string_view bytes, std::uint64_t pos) {
  return ValidFrameAt(bytes, pos) != 0;
}

JournalScan ScanFrames(std::string_view bytes, std::string_view magic, bool zeros_end,
                       bool check_crc) {
  JournalScan scan;
  if (bytes.size() < magic.size()) {
    if (magic.substr(0, bytes.size()) != bytes) {
      scan.tail = JournalScan::Tail::kCorrupt;
      scan.problem = "not an iamlite journal (bad header)";
    } else if (!bytes.empty()) {
      scan.tail = JournalScan::Tail::kTorn;
      scan.problem = "an incomplete header";
    }
    return scan;
  }
  if (bytes.substr(0, magic.size()) != magic) {
    scan.tail = JournalScan::Tail::kCorrupt;
    scan.problem = "not an iamlite journal (bad header)";
    return scan;
  }
  std::uint64_t pos = magic.size();
  scan.good_bytes = pos;
  while (pos < bytes.size()) {
    std::uint64_t frame = ValidFrameAt(bytes, pos, check_crc);
    if (frame == 0) break;
    scan.records.push_back(bytes.substr(pos + kFrameHeaderBytes, frame - kFrameHeaderBytes));
    scan.offsets.push_back(pos);
    pos += frame;
    scan.good_bytes = pos;
  }
  if (pos == bytes.size()) return scan;
  if (zeros_end && bytes.find_first_not_of('\0', pos) == std::string_view::npos) return scan;
  // A bad frame at `pos`. Only the last write can be torn: if any valid record starts after
  // it, the damage is in the middle and nothing after it can be trusted to be complete.
  scan.problem = WhatIsWrong(bytes, pos);
  for (std::uint64_t q = pos + 1; q + kFrameHeaderBytes < bytes.size(); ++q) {
    if (bytes[q + kFrameHeaderBytes] != '{') continue;  // every payload is a JSON object
    if (ValidFrameAt(bytes, q)) {
      scan.tail = JournalScan::Tail::kCorrupt;
      scan.problem += ", followed by a valid record at offset " + std::to_string(q);
      return scan;
    }
  }
  scan.tail = JournalScan::Tail::kTorn;
  return scan;
}

bool WriteAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool SyncDirectory(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return false;
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}

std::expected<std::string, std::string> ReadWholeFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(ErrnoText("cannot open " + path, errno));
  // Read straight into the string, sized from fstat plus one byte so that the read that
  // finds the end needs no second buffer; a file that grows meanwhile grows the string.
  std::size_t want = std::size_t{1} << 16;
  struct stat st {};
  if (::fstat(fd, &st) == 0 && st.st_size > 0) want = static_cast<std::size_t>(st.st_size) + 1;
  std::string out;
  std::size_t have = 0;
  int err = 0;
  for (bool done = false; !done;) {
    out.resize_and_overwrite(have == 0 ? want : have * 2, [&](char* p, std::size_t n) {
      while (have < n) {
        ssize_t r = ::read(fd, p + have, n - have);
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
          err = r < 0 ? errno : 0;
          done = true;
          break;
        }
        have += static_cast<std::size_t>(r);
      }
      return have;
    });
  }
  ::close(fd);
  if (err != 0) return std::unexpected(ErrnoText("cannot read " + path, err));
  return out;
}

std::expected<MappedFile, std::string> MappedFile::Open(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return std::unexpected(ErrnoText("cannot open " + path, errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return std::unexpected(ErrnoText("cannot read " + path, err));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return std::unexpected(ErrnoText("cannot read " + path, S_ISDIR(st.st_mode) ? EISDIR : EINVAL));
  }
  const auto size = static_cast<std::size_t>(st.st_size);
  if (size == 0) {
    ::close(fd);
    return MappedFile(nullptr, 0);
  }
  void* p = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  int err = errno;
  ::close(fd);
  if (p == MAP_FAILED) return std::unexpected(ErrnoText("cannot read " + path, err));
  return MappedFile(static_cast<const char*>(p), size);
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

MappedFile::~MappedFile() {
  if (data_) ::munmap(const_cast<char*>(data_), size_);
}

std::expected<JournalWriter, std::string> JournalWriter::Open(const std::string& path,
                                                              std::uint64_t good_bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(ErrnoText("cannot open " + path, errno));
  JournalWriter w(path, fd, good_bytes);
  if (::ftruncate(fd, static_cast<off_t>(good_bytes)) != 0)
    return std::unexpected(ErrnoText("cannot truncate " + path, errno));
  if (::lseek(fd, static_cast<off_t>(good_bytes), SEEK_SET) < 0)
    return std::unexpected(ErrnoText("cannot seek in " + path, errno));
  if (good_bytes == 0) {
    if (!WriteAll(fd, kJournalMagic))
      return std::unexpected(ErrnoText("cannot write " + path, errno));
    w.size_ = kJournalMagic.size();
    w.allocated_ = w.size_;
  }
  if (!w.Preallocate(w.size_ + kPreallocateBytes))
    return std::unexpected(ErrnoText("cannot write " + path, errno));
  w.synced_size_ = w.size_;
  if (::fsync(fd) != 0) return std::unexpected(ErrnoText("cannot sync " + path, errno));
  return w;
}

JournalWriter::JournalWriter(JournalWriter&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      size_(other.size_),
      synced_size_(other.synced_size_),
      allocated_(other.allocated_),
      broken_(other.broken_) {}

JournalWriter& JournalWriter::operator=(JournalWriter&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    size_ = other.size_;
    synced_size_ = other.synced_size_;
    allocated_ = other.allocated_;
    broken_ = other.broken_;
  }
  return *this;
}

JournalWriter::~JournalWriter() {
  if (fd_ >= 0) ::close(fd_);
}

std::expected<void, std::string> JournalWriter::Append(std::string_view payload) {
  if (auto ok = Write(payload); !ok) return ok;
  return Sync();
}

std::expected<void, std::string> JournalWriter::Write(std::string_view payload) {
  if (broken_ || fd_ < 0)
    return std::unexpected("the journal " + path_ + " failed earlier and accepts no more records");
  if (payload.size() > kMaxRecordBytes)
    return std::unexpected("a change of " + std::to_string(payload.size()) +
                           " bytes is larger than a journal record may be");
  std::string frame = FrameRecord(payload);
  if ((size_ + frame.size() <= allocated_ ||
       Preallocate(size_ + frame.size() + kPreallocateBytes)) &&
      WriteAll(fd_, frame)) {
    size_ += frame.size();
    return {};
  }
  int err = errno;
  // Leave no partial record behind: cut back to the last whole one.
  allocated_ = size_;
  if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0 ||
      ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0)
    broken_ = true;
  return std::unexpected(ErrnoText("cannot write to the journal " + path_, err));
}

std::expected<void, std::string> JournalWriter::Sync() {
  if (broken_ || fd_ < 0)
    return std::unexpected("the journal " + path_ + " failed earlier and accepts no more records");
  // fdatasync also writes the file size when a preallocation changed it.
  if (::fdatasync(fd_) == 0) {
    synced_size_ = size_;
    return {};
  }
  int err = errno;
  CutBackToSynced();
  return std::unexpected(ErrnoText("cannot sync the journal " + path_, err));
}

void JournalWriter::CutBackToSynced() {
  if (fd_ < 0) return;
  size_ = synced_size_;
  allocated_ = size_;
  if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0 ||
      ::lseek(fd_, static_cast<off_t>(size_), SEEK_SET) < 0 || ::fdatasync(fd_) != 0)
    broken_ = true;
}

bool JournalWriter::Preallocate(std::uint64_t need) {
  static const std::string kZeros(64u << 10, '\0');
  while (allocated_ < need) {
    std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(kZeros.size(), need - allocated_));
    ssize_t w = ::pwrite(fd_, kZeros.data(), n, static_cast<off_t>(allocated_));
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    allocated_ += static_cast<std::uint64_t>(w);
  }
  return true;
}

}  // namespace iamlite::state
