#include "core/state/state_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <filesystem>

#include "core/state/change_json.h"
#include "core/state/document.h"

namespace iamlite::state {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kSnapshotName = "snapshot.json";
constexpr const char* kSnapshotTemp = "snapshot.json.tmp";
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
void ApplyRecord(const json& record, std::map<std::string, AccountState>& accounts,
                 DecodeContext& ctx) {
  JsonIn in(record);
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

std::expected<void, std::string> StateDir::Load() {
  fs::path dir(opt_.dir);
  std::error_code ec;
  fs::remove(dir / kSnapshotTemp, ec);  // an interrupted snapshot; the old one still holds
  std::uint64_t first = 1;
  std::string snapshot = (dir / kSnapshotName).string();
  if (fs::exists(snapshot, ec)) {
    auto text = ReadWholeFile(snapshot);
    if (!text) return std::unexpected(text.error());
    auto doc = ParseJsonText(*text);
    if (!doc) return std::unexpected(snapshot + ": " + doc.error().ToString());
    auto journal = doc->is_object() ? doc->find("journal") : doc->end();
    if (journal == doc->end() || !journal->is_number_unsigned() ||
        journal->get<std::uint64_t>() == 0)
      return std::unexpected(snapshot + ": $.journal: missing or not a positive integer");
    first = journal->get<std::uint64_t>();
    doc->erase("journal");
    auto state = ImportDocument(*doc, ImportOptions{});
    if (!state) return std::unexpected(snapshot + ": " + state.error().ToString());
    loaded_ = std::move(state->accounts);
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
  for (std::size_t i = 0; i < scan.records.size(); ++i) {
    std::string where = path + ": record at offset " + std::to_string(scan.offsets[i]);
    auto record = ParseJsonText(scan.records[i]);
    if (!record) return std::unexpected(where + ": " + record.error().ToString());
    try {
      ApplyRecord(*record, loaded_, ctx);
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
    std::lock_guard lock(journal_mu_);
    writer_.reset();
  }
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  lock_fd_ = -1;
}

Result<void> StateDir::Append(const std::string& payload) {
  bool compact = false;
  {
    std::lock_guard lock(journal_mu_);
    if (!writer_) return std::unexpected(Durability("the state directory is closed"));
    if (auto ok = writer_->Append(payload); !ok) return std::unexpected(Durability(ok.error()));
    compact = writer_->size() > opt_.compact_after_bytes;
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
  std::string text;
  try {
    json doc = ExportDocument(accounts, ExportOptions{/*secrets=*/true});
    doc["journal"] = journal_seq;
    text = doc.dump();
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
  std::lock_guard lock(journal_mu_);
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
    std::lock_guard lock(journal_mu_);
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

std::uint64_t StateDir::journal_bytes() const {
  std::lock_guard lock(journal_mu_);
  return writer_ ? writer_->size() : 0;
}

int StateDir::snapshots_written() const {
  std::lock_guard lock(snapshot_mu_);
  return snapshots_;
}

}  // namespace iamlite::state
