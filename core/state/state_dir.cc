#include "core/state/state_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <climits>
#include <filesystem>
#include <thread>
#include <unordered_map>

#include "core/state/change_json.h"
#include "core/state/document.h"

namespace iamlite::state {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSnapshotName = "snapshot.iaml";  // version 2
constexpr const char* kSnapshotTemp = "snapshot.iaml.tmp";
constexpr const char* kSnapshotV1Name = "snapshot.json";
constexpr const char* kSnapshotV1Temp = "snapshot.json.tmp";
constexpr std::string_view kSnapshotMagic = "IAMLSNP2";
constexpr std::string_view kSnapshotFormat = "iamlite-snapshot";
constexpr int kSnapshotVersion = 2;
constexpr std::string_view kJournalPrefix = "journal-";
constexpr std::string_view kJournalSuffix = ".log";

// "journal-000000000042.log" -> 42; nullopt for other names.
std::optional<std::uint64_t> JournalSeq(const std::string& name) {
  if (!name.starts_with(kJournalPrefix) || !name.ends_with(kJournalSuffix)) return std::nullopt;
  std::string digits = name.substr(kJournalPrefix.size(),
                                   name.size() - kJournalPrefix.size() - kJournalSuffix.size());
  if (digits.empty() || digits.size() > 18 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoull(digits);
}

IamError Durability(const std::string& why) {
  return errors::ServiceFailure("iamlite could not make the change durable: " + why);
}

// Applies one decoded journal record to `accounts`. Throws DecodeError.
void ApplyRecord(const JsonNode& record, std::map<std::string, AccountState>& accounts,
                 DecodeContext& ctx) {
  TreeIn in(record);
  in.Object({"type", "account", "created", "ops"});
  std::string type = in.At("type").Str();
  std::string account = in.At("account").Str();
  if (!IsAccountId(account)) in.At("account").Fail("an account id is twelve digits");
  TimeMs created = in.At("created").Time();
  auto [it, fresh] = accounts.try_emplace(account);
  AccountState& s = it->second;
  if (fresh) {
    s.account_id = account;
    s.created = created;
  }
  if (type == "change") {
    ApplyChange(s, DecodeChange(in.At("ops"), ctx));
  } else if (type == "clear") {
    if (in.Has("ops")) in.At("ops").Fail("a clear record has no ops");
    AccountState empty;
    empty.account_id = account;
    empty.created = s.created;
    s = std::move(empty);
  } else {
    in.At("type").Fail("expected \"change\" or \"clear\"");
  }
}

std::string Record(const char* type, const AccountState& s) {
  return json{{"type", type}, {"account", s.account_id}, {"created", FormatTime(s.created)}}.dump();
}

}  // namespace

std::expected<std::unique_ptr<StateDir>, std::string> StateDir::Open(
    const StateDirOptions& options) {
  std::unique_ptr<StateDir> sd(new StateDir(options));
  std::error_code ec;
  // A new directory is the owner's only: it will hold secrets and password hashes.
  if (fs::create_directories(options.dir, ec))
    fs::permissions(options.dir, fs::perms::owner_all, fs::perm_options::replace, ec);
  if (ec)
    return std::unexpected("cannot create the state directory " + options.dir + ": " +
                           ec.message());
  if (!fs::is_directory(options.dir, ec))
    return std::unexpected("the state directory " + options.dir + " is not a directory");
  if (auto ok = sd->Lock(); !ok) return std::unexpected(ok.error());
  if (auto ok = sd->Load(); !ok) return std::unexpected(ok.error());
  return sd;
}

StateDir::~StateDir() { Close(); }

std::string StateDir::JournalPath(std::uint64_t seq) const {
  char name[40];
  std::snprintf(name, sizeof name, "journal-%012llu.log", static_cast<unsigned long long>(seq));
  return (fs::path(opt_.dir) / name).string();
}

void StateDir::Warn(const std::string& message) {
  if (!opt_.log) return;
  std::string line = "iamlite: warning: " + message + "\n";
  std::fwrite(line.data(), 1, line.size(), opt_.log);
  std::fflush(opt_.log);
}

std::expected<void, std::string> StateDir::Lock() {
  std::string path = (fs::path(opt_.dir) / "LOCK").string();
  lock_fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock_fd_ < 0) return std::unexpected(ErrnoText("cannot open " + path, errno));
  if (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    int err = errno;
    if (err != EWOULDBLOCK) return std::unexpected(ErrnoText("cannot lock " + path, err));
    std::string holder;
    if (auto text = ReadWholeFile(path); text && !text->empty())
      holder = " (pid " + text->substr(0, text->find('\n')) + ")";
    ::close(lock_fd_);
    lock_fd_ = -1;
    return std::unexpected("the state directory " + opt_.dir +
                           " is in use by another iamlite process" + holder +
                           "; stop it first or use another --state-dir");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(lock_fd_, 0) != 0 || !WriteAll(lock_fd_, pid))
    return std::unexpected(ErrnoText("cannot write " + path, errno));
  return {};
}

std::expected<void, std::string> StateDir::LoadSnapshotV1(const std::string& snapshot,
                                                          std::uint64_t& first) {
  auto text = ReadWholeFile(snapshot);
  if (!text) return std::unexpected(text.error());
  auto doc = ParseJsonText(*text);
  if (!doc) return std::unexpected(snapshot + ": " + doc.error().ToString());
  auto journal = doc->is_object() ? doc->find("journal") : doc->end();
  if (journal == doc->end() || !journal->is_number_unsigned() || journal->get<std::uint64_t>() == 0)
    return std::unexpected(snapshot + ": $.journal: missing or not a positive integer");
  first = journal->get<std::uint64_t>();
  doc->erase("journal");
  auto state = ImportDocument(*doc, ImportOptions{});
  if (!state) return std::unexpected(snapshot + ": " + state.error().ToString());
  loaded_ = std::move(state->accounts);
  return {};
}

namespace {

// One account frame of a version 2 snapshot, decoded.
struct AccountFrame {
  std::string id;
  AccountState state;
  std::string error;     // empty when decoded
  bool bad_crc = false;  // its checksum does not match (then not decoded)
};

// `tree` is the calling thread's, reused from frame to frame.
void DecodeAccountFrame(std::string_view payload, std::uint64_t offset, AccountFrame& out,
                        JsonTree& tree) {
  std::string where = "the account at offset " + std::to_string(offset);
  auto record = ParseJsonTree(tree, payload);
  if (!record) {
    out.error = where + ": " + record.error().ToString();
    return;
  }
  try {
    TreeIn in(**record);
    in.Object({"id", "account"});
    out.id = in.At("id").Str();
    if (!IsAccountId(out.id)) in.At("id").Fail("an account id is twelve digits");
    DecodeContext ctx;  // no id generator: a snapshot always carries secrets
    out.state = DecodeAccount(in.At("account"), out.id, ctx);
  } catch (const DecodeError& e) {
    out.error = where + ": " + StateError{e.path, e.message}.ToString();
  } catch (const std::exception& e) {
    out.error = where + ": " + e.what();
  }
}

}  // namespace

std::expected<void, std::string> StateDir::LoadSnapshotV2(const std::string& snapshot,
                                                          std::uint64_t& first) {
  auto file = MappedFile::Open(snapshot);
  if (!file) return std::unexpected(file.error());
  const std::string_view bytes = file->bytes();
  // The frames by their lengths; their checksums are checked on the decoding threads. When
  // anything is wrong, a full scan (with checksums) gives the verdict and the message.
  JournalScan scan = ScanFrames(bytes, kSnapshotMagic, false, /*check_crc=*/false);
  auto damaged = [&] {
    JournalScan full = ScanFrames(bytes, kSnapshotMagic);
    // Written whole and renamed into place: nothing in it can be torn, only damaged.
    std::string problem = full.tail != JournalScan::Tail::kClean
                              ? full.problem
                              : "a record whose checksum does not match";
    return std::unexpected(snapshot + ": " + problem +
                           "; the snapshot is damaged, refusing to start");
  };
  if (scan.tail != JournalScan::Tail::kClean) return damaged();
  if (scan.records.empty()) return std::unexpected(snapshot + ": no header record");
  if (!FrameChecksumOk(bytes, scan.offsets[0])) return damaged();
  std::size_t accounts = 0;
  {
    JsonTree tree;
    auto header = ParseJsonTree(tree, scan.records[0]);
    if (!header) return std::unexpected(snapshot + ": header: " + header.error().ToString());
    try {
      TreeIn in(**header);
      in.Object({"format", "version", "journal", "accounts"});
      if (in.At("format").Str() != kSnapshotFormat)
        in.At("format").Fail("expected \"" + std::string(kSnapshotFormat) + "\"");
      auto version = in.At("version").Int(2, INT_MAX);
      if (version > kSnapshotVersion)
        in.At("version").Fail("version " + std::to_string(version) +
                              " is newer than this iamlite reads (up to " +
                              std::to_string(kSnapshotVersion) + ")");
      const auto& journal = in.At("journal").json();
      if (!journal.is_number_unsigned() || journal.get<std::uint64_t>() == 0)
        in.At("journal").Fail("expected a positive integer");
      first = journal.get<std::uint64_t>();
      accounts = static_cast<std::size_t>(in.At("accounts").Int(0, INT_MAX));
    } catch (const DecodeError& e) {
      return std::unexpected(snapshot + ": header: " + StateError{e.path, e.message}.ToString());
    }
  }
  if (accounts != scan.records.size() - 1)
    return std::unexpected(snapshot + ": the header announces " + std::to_string(accounts) +
                           " accounts but " + std::to_string(scan.records.size() - 1) + " follow");
  // Accounts are independent: check and decode them on up to one thread per core (each
  // with its own tree, reused from account to account).
  std::vector<AccountFrame> frames(accounts);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    JsonTree tree;
    for (std::size_t i; (i = next.fetch_add(1)) < accounts;) {
      if (!FrameChecksumOk(bytes, scan.offsets[i + 1])) {
        frames[i].bad_crc = true;
        continue;
      }
      DecodeAccountFrame(scan.records[i + 1], scan.offsets[i + 1], frames[i], tree);
    }
  };
  {
    const std::size_t threads =
        std::min<std::size_t>({accounts, std::max(1u, std::thread::hardware_concurrency()), 8});
    std::vector<std::thread> helpers;
    for (std::size_t t = 1; t < threads; ++t) helpers.emplace_back(work);
    work();
    for (std::thread& h : helpers) h.join();
  }
  for (const AccountFrame& f : frames)
    if (f.bad_crc) return damaged();
  std::size_t keys = 0;
  for (const AccountFrame& f : frames) keys += f.state.access_keys.size();
  // Access key id -> account. The views stay valid: map nodes do not move with their map.
  std::unordered_map<std::string_view, std::string_view> key_owner;
  key_owner.reserve(keys);
  for (AccountFrame& f : frames) {
    if (!f.error.empty()) return std::unexpected(snapshot + ": " + f.error);
    for (const auto& [key_id, key] : f.state.access_keys) {
      auto [owner, fresh] = key_owner.emplace(key_id, f.id);
      if (!fresh)
        return std::unexpected(snapshot + ": access key " + key_id + " belongs to accounts " +
                               std::string(owner->second) + " and " + f.id);
    }
    if (!loaded_.emplace(f.id, std::move(f.state)).second)
      return std::unexpected(snapshot + ": account " + f.id + " appears twice");
  }
  return {};
}

std::expected<void, std::string> StateDir::Load() {
  fs::path dir(opt_.dir);
  std::error_code ec;
  // Interrupted snapshots; the previous one still holds.
  fs::remove(dir / kSnapshotTemp, ec);
  fs::remove(dir / kSnapshotV1Temp, ec);
  std::uint64_t first = 1;
  std::string v2 = (dir / kSnapshotName).string(), v1 = (dir / kSnapshotV1Name).string();
  if (fs::exists(v2, ec)) {
    // A v1 snapshot beside it is older (a crash before its deletion): v2 wins.
    if (auto ok = LoadSnapshotV2(v2, first); !ok) return ok;
    had_state_ = true;
  } else if (fs::exists(v1, ec)) {
    if (auto ok = LoadSnapshotV1(v1, first); !ok) return ok;
    had_state_ = true;
  }
  std::vector<std::uint64_t> seqs;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto seq = JournalSeq(entry.path().filename().string());
    if (!seq) continue;
    if (*seq < first) {
      fs::remove(entry.path(), ec);  // compacted into the snapshot; its deletion was cut short
    } else {
      seqs.push_back(*seq);
    }
  }
  if (ec) return std::unexpected("cannot list " + opt_.dir + ": " + ec.message());
  std::sort(seqs.begin(), seqs.end());
  for (std::size_t i = 0; i < seqs.size(); ++i) {
    std::uint64_t expected = first + i;
    if (seqs[i] != expected)
      return std::unexpected(JournalPath(expected) +
                             " is missing: the state cannot be rebuilt without it");
    if (auto ok = Replay(seqs[i], i + 1 == seqs.size()); !ok) return ok;
  }
  if (seqs.empty()) {
    replay_seq_ = first;
    replay_good_ = 0;
  }
  seq_ = replay_seq_;
  return {};
}

std::expected<void, std::string> StateDir::Replay(std::uint64_t seq, bool last) {
  std::string path = JournalPath(seq);
  auto bytes = ReadWholeFile(path);
  if (!bytes) return std::unexpected(bytes.error());
  JournalScan scan = ScanJournal(*bytes);
  if (scan.tail == JournalScan::Tail::kCorrupt)
    return std::unexpected(path + ": " + scan.problem +
                           "; refusing to start (move the file away to start without it)");
  if (scan.tail == JournalScan::Tail::kTorn) {
    if (!last)
      return std::unexpected(path + ": " + scan.problem +
                             ", but later journals exist; refusing to start");
    Warn(path + ": dropped " + scan.problem + " (a write cut short); the journal is cut back to " +
         "the last good record (" + std::to_string(scan.good_bytes) + " bytes)");
  }
  DecodeContext ctx;
  JsonTree tree;
  for (std::size_t i = 0; i < scan.records.size(); ++i) {
    std::string where = path + ": record at offset " + std::to_string(scan.offsets[i]);
    auto record = ParseJsonTree(tree, scan.records[i]);
    if (!record) return std::unexpected(where + ": " + record.error().ToString());
    try {
      ApplyRecord(**record, loaded_, ctx);
    } catch (const DecodeError& e) {
      return std::unexpected(where + ": " + StateError{e.path, e.message}.ToString());
    }
  }
  if (!scan.records.empty()) had_state_ = true;
  replay_seq_ = seq;
  replay_good_ = scan.good_bytes;
  return {};
}

Result<void> StateDir::Attach(Store& store) {
  {
    std::lock_guard lock(journal_mu_);
    auto writer = JournalWriter::Open(JournalPath(seq_), replay_good_);
    if (!writer) return std::unexpected(errors::ServiceFailure(writer.error()));
    writer_ = std::move(*writer);
    if (!SyncDirectory(opt_.dir))
      return std::unexpected(errors::ServiceFailure("cannot sync the directory " + opt_.dir));
  }
  if (auto ok = store.ReplaceAll(TakeLoaded()); !ok) return ok;
  store_ = &store;
  store.SetObserver(this);
  compactor_ = std::thread([this] { CompactorLoop(); });
  return Ok();
}

void StateDir::Close() {
  {
    std::lock_guard lock(compact_mu_);
    stopping_ = true;
  }
  compact_cv_.notify_all();
  if (compactor_.joinable()) compactor_.join();
  if (store_) store_->SetObserver(nullptr);
  store_ = nullptr;
  {
    std::unique_lock lock(journal_mu_);
    FlushLocked(lock);
    writer_.reset();
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  lock_fd_ = -1;
}

bool StateDir::FailedLocked(std::uint64_t lsn) const {
  for (const auto& [lo, hi] : failed_)
    if (lsn >= lo && lsn <= hi) return true;
  return false;
}

void StateDir::SyncLocked(std::unique_lock<std::mutex>& lock) {
  syncing_ = true;
  const std::uint64_t target = written_lsn_;
  const std::uint64_t target_size = writer_->size();
  const int fd = writer_->fd();
  lock.unlock();
  // Records written meanwhile wait for the next sync. The writer stays: it is only replaced
  // after FlushLocked, which waits for this sync.
  const bool ok = ::fdatasync(fd) == 0;
  const int err = errno;
  lock.lock();
  syncing_ = false;
  ++syncs_;
  if (ok) {
    writer_->MarkSynced(target_size);
    done_lsn_ = target;
  } else {
    // Durable or not, nothing after the last good sync may count: cut it all off (records
    // written during the failed sync too) and fail their writers.
    writer_->CutBackToSynced();
    failed_.emplace_back(done_lsn_ + 1, written_lsn_);
    failed_why_ = ErrnoText("cannot sync the journal " + writer_->path(), err);
    done_lsn_ = written_lsn_;
  }
  sync_cv_.notify_all();
}

void StateDir::FlushLocked(std::unique_lock<std::mutex>& lock) {
  while (done_lsn_ < written_lsn_ || syncing_) {
    if (syncing_) {
      sync_cv_.wait(lock);
    } else {
      SyncLocked(lock);
    }
  }
}

Result<void> StateDir::Append(const std::string& payload) {
  bool compact = false;
  {
    std::unique_lock lock(journal_mu_);
    if (!writer_) return std::unexpected(Durability("the state directory is closed"));
    if (auto ok = writer_->Write(payload); !ok) return std::unexpected(Durability(ok.error()));
    const std::uint64_t mine = ++written_lsn_;
    while (done_lsn_ < mine) {
      if (syncing_) {
        sync_cv_.wait(lock);  // the running sync may not cover `mine`: then loop and lead
      } else {
        SyncLocked(lock);
      }
    }
    if (FailedLocked(mine)) return std::unexpected(Durability(failed_why_));
    compact = writer_ && writer_->size() > opt_.compact_after_bytes;
  }
  if (compact) {
    {
      std::lock_guard lock(compact_mu_);
      compact_wanted_ = true;
    }
    compact_cv_.notify_one();
  }
  return Ok();
}

Result<void> StateDir::OnChange(const AccountState& state, const Change& change) {
  std::string payload;
  try {
    json record = {{"type", "change"},
                   {"account", state.account_id},
                   {"created", FormatTime(state.created)},
                   {"ops", ToJson(change)}};
    payload = record.dump();
  } catch (const std::exception& e) {
    // Text that is not UTF-8 cannot be written as JSON; refusing keeps memory and disk equal.
    return std::unexpected(Durability(std::string("cannot encode the change: ") + e.what()));
  }
  return Append(payload);
}

Result<void> StateDir::OnClear(const AccountState& state) { return Append(Record("clear", state)); }

std::expected<void, std::string> StateDir::StartJournal(std::uint64_t seq) {
  std::string path = JournalPath(seq);
  std::error_code ec;
  fs::remove(path, ec);  // a leftover of a replacement that did not complete
  auto writer = JournalWriter::Open(path, 0);
  if (!writer) return std::unexpected(writer.error());
  if (!SyncDirectory(opt_.dir)) return std::unexpected("cannot sync the directory " + opt_.dir);
  writer_ = std::move(*writer);
  seq_ = seq;
  return {};
}

std::expected<void, std::string> StateDir::WriteSnapshot(
    const std::vector<const AccountState*>& accounts, std::uint64_t journal_seq) {
  std::string text(kSnapshotMagic);
  try {
    std::vector<const AccountState*> kept;
    for (const AccountState* a : accounts)
      if (!IsEmpty(*a)) kept.push_back(a);
    json header = {{"format", kSnapshotFormat},
                   {"version", kSnapshotVersion},
                   {"journal", journal_seq},
                   {"accounts", kept.size()}};
    text += FrameRecord(header.dump());
    for (const AccountState* a : kept) {
      json frame = {{"id", a->account_id}, {"account", ToJson(*a, EncodeOptions{true})}};
      std::string payload = frame.dump();
      if (payload.size() > kMaxRecordBytes)
        return std::unexpected("account " + a->account_id + " is too large for a snapshot frame");
      text += FrameRecord(payload);
    }
  } catch (const std::exception& e) {
    return std::unexpected(std::string("cannot encode the snapshot: ") + e.what());
  }
  fs::path dir(opt_.dir);
  std::string temp = (dir / kSnapshotTemp).string();
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return std::unexpected(ErrnoText("cannot create " + temp, errno));
  bool ok = WriteAll(fd, text) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) return std::unexpected(ErrnoText("cannot write " + temp, err));
  std::string final_path = (dir / kSnapshotName).string();
  if (::rename(temp.c_str(), final_path.c_str()) != 0)
    return std::unexpected(ErrnoText("cannot rename " + temp, errno));
  if (!SyncDirectory(opt_.dir)) return std::unexpected("cannot sync the directory " + opt_.dir);
  std::error_code ec;
  fs::remove(dir / kSnapshotV1Name, ec);  // superseded (start-up prefers v2 anyway)
  return {};
}

void StateDir::DeleteJournalsBefore(std::uint64_t seq) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(opt_.dir, ec)) {
    auto s = JournalSeq(entry.path().filename().string());
    if (s && *s < seq) fs::remove(entry.path(), ec);
  }
}

Result<void> StateDir::OnReplaceAll(const std::vector<const AccountState*>& accounts) {
  std::lock_guard snap(snapshot_mu_);
  std::unique_lock lock(journal_mu_);
  FlushLocked(lock);
  // Every account is locked: no record can be appended meanwhile. The new journal exists
  // before the snapshot that names it; the rename of the snapshot is the commit point.
  std::optional<JournalWriter> old = std::move(writer_);
  std::uint64_t old_seq = seq_;
  std::uint64_t next = seq_ + 1;
  auto fail = [&](const std::string& why) -> Result<void> {
    writer_ = std::move(old);
    seq_ = old_seq;
    std::error_code ec;
    fs::remove(JournalPath(next), ec);
    return std::unexpected(Durability(why));
  };
  if (auto ok = StartJournal(next); !ok) return fail(ok.error());
  if (auto ok = WriteSnapshot(accounts, next); !ok) return fail(ok.error());
  DeleteJournalsBefore(next);
  ++epoch_;
  ++snapshots_;
  return Ok();
}

Result<void> StateDir::CompactNow() {
  if (!store_) return std::unexpected(errors::ServiceFailure("not attached to a store"));
  std::uint64_t epoch_seen, next;
  {
    std::lock_guard snap(snapshot_mu_);
    epoch_seen = epoch_;
  }
  {
    std::unique_lock lock(journal_mu_);
    FlushLocked(lock);  // the records in flight go to (and are synced in) the old journal
    // A journal whose failed write could not be cut back must stay the last one: start-up
    // drops its torn tail only there.
    if (!writer_ || writer_->broken())
      return std::unexpected(errors::ServiceFailure("the journal is not writable"));
    next = seq_ + 1;
    std::optional<JournalWriter> old = std::move(writer_);
    if (auto ok = StartJournal(next); !ok) {
      writer_ = std::move(old);
      return std::unexpected(errors::ServiceFailure(ok.error()));
    }
  }
  // Taken after the switch: it holds everything the older journals hold.
  std::map<std::string, AccountState> copy = store_->Snapshot();
  std::vector<const AccountState*> accounts;
  for (const auto& [id, s] : copy) accounts.push_back(&s);
  std::lock_guard snap(snapshot_mu_);
  if (epoch_ != epoch_seen) return Ok();  // a replacement wrote a newer snapshot meanwhile
  if (auto ok = WriteSnapshot(accounts, next); !ok)
    return std::unexpected(errors::ServiceFailure(ok.error()));
  DeleteJournalsBefore(next);
  ++epoch_;
  ++snapshots_;
  return Ok();
}

void StateDir::CompactorLoop() {
  for (;;) {
    {
      std::unique_lock lock(compact_mu_);
      compact_cv_.wait(lock, [&] { return compact_wanted_ || stopping_; });
      if (stopping_) return;
      compact_wanted_ = false;
    }
    if (auto ok = CompactNow(); !ok)
      Warn("compaction failed (the journal keeps growing; state is still durable): " +
           ok.error().message);
  }
}

std::uint64_t StateDir::journal_syncs() const {
  std::lock_guard lock(journal_mu_);
  return syncs_;
}

std::uint64_t StateDir::journal_bytes() const {
  std::lock_guard lock(journal_mu_);
  return writer_ ? writer_->size() : 0;
}

int StateDir::snapshots_written() const {
  std::lock_guard lock(snapshot_mu_);
  return snapshots_;
}

}  // namespace iamlite::state
