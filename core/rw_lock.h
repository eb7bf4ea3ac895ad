// A reader-writer lock whose waiting writers go before newly arriving readers.
//
// std::shared_mutex on glibc is a default pthread rwlock, which prefers readers: under a
// steady stream of overlapping reads (a load test of GetUser) a writer waits forever. Here a
// writer that waits blocks new readers, finishes once the current readers leave, then lets
// the readers in again. Not recursive: a thread holding it shared must not take it again
// (with a writer waiting, that would deadlock). Meets the standard Lockable and SharedLockable
// requirements, for std::unique_lock, std::shared_lock and std::lock_guard.
#pragma once

#include <pthread.h>

namespace iamlite {

class RwLock {
 public:
  RwLock() {
    pthread_rwlockattr_t attr;
    pthread_rwlockattr_init(&attr);
#ifdef __GLIBC__
    pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
    pthread_rwlock_init(&lock_, &attr);
    pthread_rwlockattr_destroy(&attr);
  }
  ~RwLock() { pthread_rwlock_destroy(&lock_); }
  RwLock(const RwLock&) = delete;
  RwLock& operator=(const RwLock&) = delete;

  void lock() { pthread_rwlock_wrlock(&lock_); }
  bool try_lock() { return pthread_rwlock_trywrlock(&lock_) == 0; }
  void unlock() { pthread_rwlock_unlock(&lock_); }
  void lock_shared() { pthread_rwlock_rdlock(&lock_); }
  bool try_lock_shared() { return pthread_rwlock_tryrdlock(&lock_) == 0; }
  void unlock_shared() { pthread_rwlock_unlock(&lock_); }

 private:
  pthread_rwlock_t lock_;
};

}  // namespace iamlite
