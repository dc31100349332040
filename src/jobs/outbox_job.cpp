#include "jobs/outbox_job.hpp"

#include "app/outbox.hpp"
#include "storage/database.hpp"

namespace lt::jobs {
Status OutboxJob::PerformExternal(const storage::ClaimedJob& job) {
  LT_TRY_ASSIGN(const domain::Id id, storage::IdInJobKey(job));
  LT_TRY_ASSIGN(auto outcome,
                app::AttemptOutboxMessage(context_, id, job.attempt >= job.max_attempts));
  if (outcome && outcome->kind == domain::SendOutcome::Kind::kTemporary) {
    LT_TRY(context_.database.Write([&](storage::Connection& connection) -> Status {
      return app::RecordOutboxAttempt(connection, id, *outcome, context_.clock.NowMs());
    }));
    Error error =
        Error::Of(ErrorCode::kUnavailable, "error.smtp_unreachable", {{"answer", outcome->answer}});
    error.detail = outcome->answer;
    return error;
  }
  outcomes_.Put(job.id, std::move(outcome));
  return Ok();
}

Status OutboxJob::Apply(storage::Connection& connection, const storage::ClaimedJob& job,
                        TimestampMs now) {
  auto kept = outcomes_.Take(job.id);
  if (!kept) return Ok();
  const std::optional<domain::SendOutcome> outcome = *std::move(kept);
  if (!outcome) return Ok();  // sent or failed before
  LT_TRY_ASSIGN(const domain::Id id, storage::IdInJobKey(job));
  return app::RecordOutboxAttempt(connection, id, *outcome, now);
}

}  // namespace lt::jobs
