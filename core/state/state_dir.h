// Persistence in a state directory (iamlite serve --state-dir DIR).
//
//   DIR/LOCK                    flock'ed by the one process using DIR (holds its pid)
//   DIR/snapshot.iaml           the state (snapshot format version 2, below), naming the
//                               first journal that follows it
//   DIR/journal-<N>.log         Change records (journal.h frames; JSON payloads) after it
//
// Snapshot format version 2: the header "IAMLSNP2", then journal.h frames (length, CRC-32,
// JSON payload). The first frame is {"format": "iamlite-snapshot", "version": 2,
// "journal": N, "accounts": K}; each of the K frames after it is one account,
// {"id": "123456789012", "account": {...as in the state document, secrets included...}}.
// Accounts are parsed and checked independently, on two threads, and each account's JSON
// tree is freed as soon as it is decoded. The snapshot is written whole and renamed into
// place, so any bad frame is damage and refuses start-up.
// Version 1 (DIR/snapshot.json: the state document of document.h plus "journal": N) is
// still read when no snapshot.iaml exists; the next snapshot replaces it.
//
// The guarantee: every acknowledged mutation is durable before its response is sent. As the
// store's observer, StateDir writes each change's record and fdatasyncs it while the
// changed account is still locked, before Store::Mutate returns; a failed write or sync
// undoes the change and the request fails. Group commit: records are written in the order
// the store applied them, under one journal mutex; the first writer that finds no sync
// running fdatasyncs everything written so far (outside the mutex), and writers whose
// records that sync covers return without one of their own. Concurrent changes (to
// different accounts: one account's changes are serialized by its lock) thus share syncs.
// When a sync fails, every record it did not cover fails and is cut off the journal.
//
// Compaction: when the journal passes `compact_after_bytes`, a background thread starts a new
// journal, copies the store (a consistent snapshot) and writes it atomically (temporary
// file, fsync, rename, fsync of the directory), then deletes the older journals. Records are
// whole entities and resets, so replaying the new journal over a snapshot that already
// contains some of its records yields the same state. Store::ReplaceAll (import, fixtures)
// writes a snapshot at once.
//
// Start-up loads the snapshot and replays the journals after it. A torn or corrupt last
// record is dropped with a warning and the journal cut back to the last good record; damage
// anywhere else, or a record that does not decode, refuses to start.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <expected>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/state/journal.h"
#include "core/store.h"

namespace iamlite::state {

struct StateDirOptions {
  std::string dir;
  std::uint64_t compact_after_bytes = 16u << 20;
  std::FILE* log = stderr;  // warnings (a dropped torn record, compaction failures)
};

class StateDir final : public StoreObserver {
 public:
  // Creates DIR if needed, locks it (another process holding it is a clear error), loads the
  // snapshot and replays the journals. Errors name the file and the problem.
  static std::expected<std::unique_ptr<StateDir>, std::string> Open(const StateDirOptions& options);
  ~StateDir() override;

  // True when the directory held state (a snapshot or journal records).
  bool had_state() const { return had_state_; }
  // The loaded accounts (once; empty afterwards).
  std::map<std::string, AccountState> TakeLoaded() { return std::move(loaded_); }

  // Installs the loaded state in `store`, then journals every change to it and compacts in the
  // background. `store` must outlive Close().
  Result<void> Attach(Store& store);
  // Stops the compactor and detaches from the store; call once requests have stopped.
  void Close();

  // Replaces the directory's content with `accounts`: a new snapshot and an empty journal.
  Result<void> OnReplaceAll(const std::vector<const AccountState*>& accounts) override;
  Result<void> OnChange(const AccountState& state, const Change& change) override;
  Result<void> OnClear(const AccountState& state) override;

  // For tests and benchmarks.
  std::uint64_t journal_bytes() const;
  // fdatasyncs of journal records so far (fewer than records under concurrent writers).
  std::uint64_t journal_syncs() const;
  int snapshots_written() const;
  // Runs one compaction now, on the calling thread.
  Result<void> CompactNow();

 private:
  explicit StateDir(StateDirOptions options) : opt_(std::move(options)) {}
  std::expected<void, std::string> Lock();
  std::expected<void, std::string> Load();
  std::expected<void, std::string> Replay(std::uint64_t seq, bool last);
  Result<void> Append(const std::string& payload);
  // Group commit (journal_mu_ held by `lock`): one fdatasync for everything written so far.
  void SyncLocked(std::unique_lock<std::mutex>& lock);
  // Waits until every written record is synced or failed (before a writer is replaced).
  void FlushLocked(std::unique_lock<std::mutex>& lock);
  bool FailedLocked(std::uint64_t lsn) const;
  std::expected<void, std::string> LoadSnapshotV1(const std::string& path, std::uint64_t& first);
  std::expected<void, std::string> LoadSnapshotV2(const std::string& path, std::uint64_t& first);
  std::string JournalPath(std::uint64_t seq) const;
  std::expected<void, std::string> StartJournal(std::uint64_t seq);  // needs journal_mu_
  std::expected<void, std::string> WriteSnapshot(const std::vector<const AccountState*>& accounts,
                                                 std::uint64_t journal_seq);
  void DeleteJournalsBefore(std::uint64_t seq);
  void CompactorLoop();
  void Warn(const std::string& message);

  StateDirOptions opt_;
  int lock_fd_ = -1;
  bool had_state_ = false;
  std::map<std::string, AccountState> loaded_;
  std::uint64_t replay_seq_ = 1;   // the journal the writer starts on after Load
  std::uint64_t replay_good_ = 0;  // its good bytes
  Store* store_ = nullptr;

  mutable std::mutex journal_mu_;  // the writer, its sequence number and the group commit
  std::optional<JournalWriter> writer_;
  std::uint64_t seq_ = 1;
  std::uint64_t written_lsn_ = 0;  // records written (numbered from 1, across journals)
  std::uint64_t done_lsn_ = 0;     // records whose sync has succeeded or failed
  bool syncing_ = false;           // a thread is in fdatasync (the writer must stay)
  std::vector<std::pair<std::uint64_t, std::uint64_t>> failed_;  // lsn ranges whose sync failed
  std::string failed_why_;
  std::condition_variable sync_cv_;
  std::uint64_t syncs_ = 0;

  mutable std::mutex
      snapshot_mu_;  // one snapshot at a time; order: account locks, then this, then journal_mu_
  std::uint64_t epoch_ = 0;  // bumped by every snapshot (guarded by snapshot_mu_)
  int snapshots_ = 0;

  std::mutex compact_mu_;
  std::condition_variable compact_cv_;
  bool compact_wanted_ = false;
  bool stopping_ = false;
  std::thread compactor_;
};

}  // namespace iamlite::state
