// The store's account lock: reads share it, writers hold it alone.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "core/change.h"
#include "core/store.h"

namespace iamlite {
namespace {

constexpr const char* kAccount = "123456789012";

// A latch with a generous deadline, so that a wrong lock fails the test instead of hanging it.
class Latch {
 public:
  explicit Latch(int count) : count_(count) {}
  void CountDown() {
    std::lock_guard lock(mu_);
    if (--count_ <= 0) cv_.notify_all();
  }
  bool Wait() {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, std::chrono::seconds(20), [&] { return count_ <= 0; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  int count_;
};

User NamedUser(const std::string& name) {
  User u;
  u.name = name;
  u.path = "/";
  u.id = "AIDA" + name;
  return u;
}

TEST(StoreReadLockTest, ReadsOfOneAccountRunTogether) {
  Store store;
  // Two readers each wait, inside Read, for the other to be inside Read too: with an
  // exclusive account lock the second could never enter and both would time out.
  Latch inside(2);
  std::atomic<int> met{0};
  auto reader = [&] {
    store.Read(kAccount, [&](const AccountState&) {
      inside.CountDown();
      if (inside.Wait()) ++met;
    });
  };
  std::thread a(reader), b(reader);
  a.join();
  b.join();
  EXPECT_EQ(met.load(), 2);
}

TEST(StoreReadLockTest, WriterWaitsForReadersAndReadersSeeWholeChanges) {
  Store store;
  // Every change adds a user and a group in one Change; readers must never see one without
  // the other, nor a state that moves while they look at it.
  std::atomic<bool> stop{false};
  std::atomic<int> torn{0}, reads{0};
  auto reader = [&] {
    while (!stop) {
      store.Read(kAccount, [&](const AccountState& s) {
        const auto users = s.users.size(), groups = s.groups.size();
        const auto generation = s.generation;
        std::this_thread::yield();
        if (users != groups || s.users.size() != users || s.generation != generation) ++torn;
        ++reads;
      });
    }
  };
  std::vector<std::thread> readers;
  for (int i = 0; i < 3; ++i) readers.emplace_back(reader);
  while (reads < 3) std::this_thread::yield();  // the readers are running
  // The writer runs while the readers keep the lock busy: with a reader-preferring lock
  // (glibc's default rwlock) it would wait forever; the deadline turns that into a failure.
  Latch written(1);
  std::atomic<bool> ok{true};
  std::thread writer([&] {
    for (int i = 0; i < 300; ++i) {
      const std::string name = "n" + std::to_string(i);
      auto done = store.Mutate(kAccount, [&](const AccountState&) -> Result<Change> {
        Group g;
        g.name = name;
        g.path = "/";
        Change c;
        c.Upsert(name, NamedUser(name));
        c.Upsert(name, g);
        return c;
      });
      if (!done) ok = false;
    }
    written.CountDown();
  });
  const bool writer_done = written.Wait();
  stop = true;
  writer.join();
  for (auto& t : readers) t.join();
  EXPECT_TRUE(writer_done) << "the writer starved behind the readers";
  EXPECT_TRUE(ok.load());
  EXPECT_EQ(torn.load(), 0);
  EXPECT_GT(reads.load(), 0);
  store.Read(kAccount, [](const AccountState& s) {
    EXPECT_EQ(s.users.size(), 300u);
    EXPECT_EQ(s.groups.size(), 300u);
  });
}

TEST(StoreReadLockTest, ClearAndSnapshotWhileReading) {
  Store store;
  ASSERT_TRUE(store
                  .Mutate(kAccount,
                          [](const AccountState&) -> Result<Change> {
                            return Change().Upsert("a", NamedUser("a"));
                          })
                  .has_value());
  std::atomic<bool> stop{false};
  std::atomic<int> bad{0};
  std::thread reader([&] {
    while (!stop) {
      store.Read(kAccount, [&](const AccountState& s) {
        // Either the user or nothing: never a half-cleared table.
        if (!s.users.empty() && !s.users.contains("a")) ++bad;
      });
      auto snap = store.Snapshot();
      if (auto it = snap.find(kAccount); it != snap.end() && it->second.users.size() != 1) ++bad;
    }
  });
  for (int i = 0; i < 200; ++i) {
    ASSERT_TRUE(store.Clear().has_value());
    ASSERT_TRUE(store
                    .Mutate(kAccount,
                            [](const AccountState&) -> Result<Change> {
                              return Change().Upsert("a", NamedUser("a"));
                            })
                    .has_value());
  }
  stop = true;
  reader.join();
  EXPECT_EQ(bad.load(), 0);
}

}  // namespace
}  // namespace iamlite
