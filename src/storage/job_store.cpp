#include "storage/job_store.hpp"

#include <charconv>

namespace lt::storage {

Result<bool> JobStore::Schedule(const std::string& kind, const std::string& key,
                                const std::string& payload, TimestampMs due_at, TimestampMs now,
                                int max_attempts) {
  LT_TRY_ASSIGN(const std::int64_t added,
                ScheduleMany(kind, {&key, 1}, payload, due_at, now, max_attempts));
  return added > 0;
}

Result<std::int64_t> JobStore::ScheduleMany(const std::string& kind,
                                            std::span<const std::string> keys,
                                            const std::string& payload, TimestampMs due_at,
                                            TimestampMs now, int max_attempts) {
  if (keys.empty()) return std::int64_t{0};
  SqlParams params{kind, payload, due_at, std::int64_t{max_attempts}, now};
  std::string rows;
  for (const auto& key : keys) {
    params.emplace_back(key);
    rows += (rows.empty() ? "($1, $" : ", ($1, $") + std::to_string(params.size()) +
            ", $2, 'pending', $3, $3, $4, $5)";
  }
  return connection_.Execute(
      "INSERT INTO jobs (kind, key, payload, state, due_at, available_at, max_attempts, "
      "created_at) VALUES " +
          rows + " ON CONFLICT (kind, key) DO NOTHING",
      params);
}

Result<std::vector<ClaimedJob>> JobStore::Claim(const std::string& node, TimestampMs now,
                                                std::int64_t lease_ms, int limit) {
  // A run whose node died on its last permitted attempt stays failed.
  LT_TRY(connection_.Execute(
      "UPDATE jobs SET state = 'failed', locked_by = NULL, done_at = $1, "
      "last_error = 'the node running the last attempt stopped' "
      "WHERE state = 'running' AND available_at <= $1 AND attempts >= max_attempts",
      {now}));
  std::vector<ClaimedJob> claimed;
  LT_TRY(connection_.Query(
      "UPDATE jobs SET state = 'running', locked_by = $1, available_at = $3, "
      "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE state IN ('pending', "
      "'running') AND available_at <= $2 ORDER BY available_at LIMIT $4" +
          connection_.dialect().SkipLockedRows() +
          ") RETURNING id, kind, key, payload, due_at, attempts, max_attempts",
      {node, now, now + lease_ms, std::int64_t{limit}}, [&](const Row& row) {
        ClaimedJob job;
        job.id = row.Int(0);
        job.kind = row.Text(1);
        job.key = row.Text(2);
        job.payload = row.Text(3);
        job.due_at = row.Int(4);
        job.attempt = static_cast<int>(row.Int(5));
        job.max_attempts = static_cast<int>(row.Int(6));
        job.node = node;
        claimed.push_back(std::move(job));
      }));
  return claimed;
}

Status JobStore::Complete(const ClaimedJob& job, TimestampMs now) {
  LT_TRY_ASSIGN(const std::int64_t changed,
                connection_.Execute(
                    "UPDATE jobs SET state = 'done', done_at = $1, locked_by = NULL, "
                    "last_error = NULL WHERE id = $2 AND state = 'running' AND locked_by = $3 "
                    "AND attempts = $4",
                    {now, job.id, job.node, std::int64_t{job.attempt}}));
  if (changed == 0) return Error::Of(ErrorCode::kConflict, "error.job_claim_lost");
  return Ok();
}

Status JobStore::Fail(const ClaimedJob& job, const std::string& error, TimestampMs now,
                      TimestampMs retry_at) {
  const bool last_attempt = job.attempt >= job.max_attempts;
  LT_TRY_ASSIGN(const std::int64_t changed,
                connection_.Execute(
                    "UPDATE jobs SET state = $1, done_at = $2, available_at = $3, "
                    "last_error = $4, locked_by = NULL "
                    "WHERE id = $5 AND state = 'running' AND locked_by = $6 AND attempts = $7",
                    {std::string(last_attempt ? "failed" : "pending"),
                     last_attempt ? SqlValue(now) : SqlValue(nullptr), retry_at, error, job.id,
                     job.node, std::int64_t{job.attempt}}));
  if (changed == 0) return Error::Of(ErrorCode::kConflict, "error.job_claim_lost");
  return Ok();
}

Result<std::optional<TimestampMs>> JobStore::NextAvailableAt() {
  return connection_.QueryOptionalInt(
      "SELECT MIN(available_at) FROM jobs WHERE state IN ('pending', 'running')");
}

Result<std::optional<JobStatus>> JobStore::Find(const std::string& kind, const std::string& key) {
  std::optional<JobStatus> found;
  LT_TRY(connection_.Query(
      "SELECT state, attempts, last_error, done_at FROM jobs WHERE kind = $1 AND key = $2",
      {kind, key}, [&](const Row& row) {
        JobStatus status;
        const std::string state = row.Text(0);
        status.state = state == "done"      ? JobState::kDone
                       : state == "failed"  ? JobState::kFailed
                       : state == "running" ? JobState::kRunning
                                            : JobState::kPending;
        status.attempts = static_cast<int>(row.Int(1));
        status.last_error = row.OptionalText(2);
        status.done_at = row.OptionalInt(3);
        found = status;
      }));
  return found;
}

Result<std::int64_t> JobStore::PurgeFinished(TimestampMs before) {
  return connection_.Execute("DELETE FROM jobs WHERE state IN ('done', 'failed') AND done_at < $1",
                             {before});
}

Status ScheduleJob(Connection& connection, const std::string& kind, const std::string& key,
                   const std::string& payload, TimestampMs due_at, TimestampMs now,
                   int max_attempts) {
  return ScheduleJobs(connection, kind, {&key, 1}, payload, due_at, now, max_attempts);
}

Status ScheduleJobs(Connection& connection, const std::string& kind,
                    std::span<const std::string> keys, const std::string& payload,
                    TimestampMs due_at, TimestampMs now, int max_attempts) {
  LT_TRY_ASSIGN(const std::int64_t added,
                JobStore(connection).ScheduleMany(kind, keys, payload, due_at, now, max_attempts));
  if (added > 0 && due_at <= now + kJobWakeHorizonMs) {
    LT_TRY(connection.Notify(kJobScheduledPayload));
  }
  return Ok();
}

Result<domain::Id> IdInJobKey(const ClaimedJob& job) {
  domain::Id id = 0;
  const char* end = job.key.data() + job.key.size();
  const auto [stop, error] = std::from_chars(job.key.data(), end, id);
  if (error != std::errc() || stop != end) {
    return Error::Internal(job.kind + " job with key " + job.key);
  }
  return id;
}

}  // namespace lt::storage
