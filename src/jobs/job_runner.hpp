#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "storage/database.hpp"
#include "storage/job_store.hpp"

namespace lt::jobs {

// What a kind of background job does. A run has two parts:
//
//  - PerformExternal: effects outside the store (sending an e-mail or SMS),
//    before the job is marked done. If the node dies after the effect but
//    before the mark, another node runs it again when the lease runs out:
//    external effects happen at least once, so they must carry an
//    idempotency key derived from the job (job.kind + job.key, e.g. as the
//    Message-ID), never from the attempt.
//  - Apply: effects in the store, in the same transaction that marks the job
//    done, fenced by the claim: they happen exactly once. A node that lost
//    its claim has its transaction rolled back.
//
// Both may be called again for the same job (retries, a takeover) and are
// called from the runner's thread.
class JobHandler {
 public:
  virtual ~JobHandler() = default;
  virtual Status PerformExternal(const storage::ClaimedJob&) { return Ok(); }
  virtual Status Apply(storage::Connection&, const storage::ClaimedJob&, TimestampMs /*now*/) {
    return Ok();
  }
};

// Background work found in the store itself rather than in the jobs table,
// for work whose due times change with every write of what they belong to
// (SLA clocks): a job row each would cost every one of those writes. The
// runner asks each source when it next has work, sleeps until then (at most
// poll_interval) and lets it run what is due. A source gives each item
// exactly once by handling it in the transaction that marks it handled;
// concurrent nodes must skip items another holds (FOR UPDATE SKIP LOCKED).
class DueWorkSource {
 public:
  virtual ~DueWorkSource() = default;
  // Handles what is due at `now`; returns how many items it handled.
  virtual Result<int> RunDue(TimestampMs now) = 0;
  // When the next item falls due, if any is pending.
  virtual Result<std::optional<TimestampMs>> NextDueAt() = 0;
};

struct JobRunnerOptions {
  std::string node;                               // unique per running process
  std::chrono::milliseconds lease{60000};         // a run must finish within this
  std::chrono::milliseconds poll_interval{1000};  // longest sleep between passes
  int batch = 16;                                 // jobs claimed per pass
  std::chrono::milliseconds max_retry_delay{3600000};
};

// Runs background jobs on this node, coordinated with every other node
// through the jobs table (storage::JobStore): due-time ordered, never a scan,
// and each job marked done exactly once. Thread-safe.
class JobRunner {
 public:
  JobRunner(storage::Database& database, const Clock& clock, JobRunnerOptions options);
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // Registers the handler for a kind; call before Start().
  void Register(const std::string& kind, std::unique_ptr<JobHandler> handler);
  // Adds a source of due work; call before Start().
  void AddSource(std::unique_ptr<DueWorkSource> source);

  // Claims and runs every job available now, batch by batch, then the due
  // work of every source; returns how many runs and items completed. Tests
  // drive this with a manual clock.
  Result<int> RunDue();

  // Runs passes on a thread of its own, sleeping until the next job is due
  // (at most poll_interval) or until any node schedules one due soon.
  void Start();
  void Stop();

  const std::string& node() const { return options_.node; }

  // A unique node name: host, process id and a random suffix.
  static std::string MakeNodeName();

 private:
  // Runs one claimed job; true when it completed.
  bool RunOne(const storage::ClaimedJob& job);
  void Loop();
  void Wake();

  storage::Database& database_;
  const Clock& clock_;
  JobRunnerOptions options_;
  std::map<std::string, std::unique_ptr<JobHandler>> handlers_;
  std::vector<std::unique_ptr<DueWorkSource>> sources_;
  std::uint64_t feed_subscription_ = 0;

  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;     // guarded by mutex_
  bool stopping_ = false;  // guarded by mutex_
  std::thread thread_;
};

using storage::ScheduleJob;

}  // namespace lt::jobs
