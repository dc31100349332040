#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// One claimed run of a background job.
struct ClaimedJob {
  domain::Id id = 0;
  std::string kind;
  std::string key;      // unique per kind; names the job's effect (e.g. a Message-ID)
  std::string payload;  // the run's arguments, in the kind's format (JSON unless it says otherwise)
  TimestampMs due_at = 0;
  int attempt = 0;  // 1 for the first run; with the node, identifies this claim
  int max_attempts = 0;
  std::string node;  // who holds the claim
};

enum class JobState { kPending, kRunning, kDone, kFailed };

struct JobStatus {
  JobState state = JobState::kPending;
  int attempts = 0;
  std::optional<std::string> last_error;
  std::optional<TimestampMs> done_at;
};

// The jobs table (migrations/*/0002_jobs.sql). A claim is a lease: the
// claiming node holds the job until `now + lease`; after that any node may
// claim it again, with the attempt counter raised. Completion and failure
// are fenced by (node, attempt), so a node that lost its lease cannot mark
// a job another node has taken over.
class JobStore {
 public:
  explicit JobStore(Connection& connection) : connection_(connection) {}

  // Adds a job unless one of this kind and key exists; true when added.
  Result<bool> Schedule(const std::string& kind, const std::string& key, const std::string& payload,
                        TimestampMs due_at, TimestampMs now, int max_attempts = 10);
  // The same for several keys in one statement; returns how many were added.
  Result<std::int64_t> ScheduleMany(const std::string& kind, std::span<const std::string> keys,
                                    const std::string& payload, TimestampMs due_at, TimestampMs now,
                                    int max_attempts = 10);
  // Claims up to `limit` jobs available at `now`, earliest first; jobs
  // claimed by other nodes at the same moment are skipped. Jobs whose last
  // permitted attempt ran out of lease are marked failed.
  Result<std::vector<ClaimedJob>> Claim(const std::string& node, TimestampMs now,
                                        std::int64_t lease_ms, int limit);
  // Marks the claimed run done. kConflict ("error.job_claim_lost") when the
  // claim is no longer this run's: whatever the caller did in the same
  // transaction must then be rolled back.
  Status Complete(const ClaimedJob& job, TimestampMs now);
  // Records a failed run: pending again from `retry_at`, or failed for good
  // after the last attempt.
  Status Fail(const ClaimedJob& job, const std::string& error, TimestampMs now,
              TimestampMs retry_at);
  // When the next job becomes available (pending or with a lease to run out).
  Result<std::optional<TimestampMs>> NextAvailableAt();
  Result<std::optional<JobStatus>> Find(const std::string& kind, const std::string& key);
  // Deletes finished jobs (done or failed) that finished before `before`.
  Result<std::int64_t> PurgeFinished(TimestampMs before);

 private:
  Connection& connection_;
};

// The change-feed payload that tells runners a job was scheduled.
inline constexpr std::string_view kJobScheduledPayload = R"({"kind":"job"})";

// Runners never sleep longer than this (jobs.poll_ms is at most 60 s), so a
// job due later than this is found by a pass anyway and needs no wake-up.
inline constexpr std::int64_t kJobWakeHorizonMs = 60000;

// Schedules a job in the caller's write transaction. A job due within
// kJobWakeHorizonMs wakes the runners of every node once it commits; later
// ones (an SLA deadline hours away) do not, so busy writes do not keep every
// runner polling. Scheduling the same kind and key again is a no-op.
Status ScheduleJob(Connection& connection, const std::string& kind, const std::string& key,
                   const std::string& payload, TimestampMs due_at, TimestampMs now,
                   int max_attempts = 10);
// The same for jobs of several keys, with one statement and one wake-up.
Status ScheduleJobs(Connection& connection, const std::string& kind,
                    std::span<const std::string> keys, const std::string& payload,
                    TimestampMs due_at, TimestampMs now, int max_attempts = 10);

// The id a job's key names (the outbox message, the timeline entry), for
// kinds whose key is one; kInternal naming the kind when it is not.
Result<domain::Id> IdInJobKey(const ClaimedJob& job);

}  // namespace lt::storage
