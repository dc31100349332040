#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "base/result.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Durability of a commit (SQLite's synchronous setting; PostgreSQL maps it to
// synchronous_commit). kNormal survives a killed process; kFull survives power loss.
enum class Durability { kNormal, kFull };

// The store's transaction boundary. Thread-safe.
//
// Write() runs `work` inside a write transaction and returns only once the
// transaction is committed with the configured durability. When `work`
// returns an error, everything it wrote is rolled back and the error is
// returned: nothing is ever half-written. Implementations may commit several
// concurrent Write() calls in one transaction (group commit); each call is
// isolated by a savepoint, so one failing call does not affect the others.
//
// Read() runs `work` on a read-only snapshot.
class Database {
 public:
  using Work = std::function<Status(Connection&)>;
  virtual ~Database() = default;
  virtual Status Write(const Work& work) = 0;
  virtual Status Read(const Work& work) = 0;
  // Copies a consistent snapshot of the whole store to `path` while it serves.
  virtual Status Backup(const std::string& path) = 0;
  virtual Engine engine() const = 0;

  // Adds a listener for every payload published with Connection::Notify
  // after its transaction commits: on SQLite from this process, on
  // PostgreSQL from every node (LISTEN/NOTIFY). Listeners run on a store
  // thread and must return quickly. Add them before serving; they live as
  // long as the database.
  // Returns an id for Unsubscribe, which waits for a delivery in progress.
  using Listener = std::function<void(std::string_view payload)>;
  virtual std::uint64_t Subscribe(Listener listener) = 0;
  virtual void Unsubscribe(std::uint64_t id) = 0;

  // Counters for /metrics.
  struct Stats {
    std::uint64_t write_transactions = 0;  // commits
    std::uint64_t write_jobs = 0;          // Write() calls committed
    std::uint64_t write_failures = 0;      // Write() calls rolled back
    std::uint64_t reads = 0;
    std::uint64_t wal_restarts = 0;  // SQLite: the WAL started over under load
    double commit_seconds_total = 0;
  };
  virtual Stats stats() const = 0;
};

// The listeners of a Database's change feed. Deliveries are serialised, and
// Remove() waits for one in progress, so a removed listener is never called
// again. Thread-safe.
class ListenerSet {
 public:
  std::uint64_t Add(Database::Listener listener);
  void Remove(std::uint64_t id);
  void Deliver(std::string_view payload);

 private:
  std::mutex delivery_mutex_;  // held while listeners run
  std::mutex mutex_;
  std::map<std::uint64_t, Database::Listener> listeners_;  // guarded by mutex_
  std::uint64_t next_id_ = 1;                              // guarded by mutex_
};

// Runs `work`, turning an escaped exception into an internal error so that a
// bug in one request cannot take a store thread down.
Status RunGuarded(const Database::Work& work, Connection& connection);

}  // namespace lt::storage
