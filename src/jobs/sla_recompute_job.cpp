#include "jobs/sla_recompute_job.hpp"

#include "app/sla_recompute.hpp"

namespace lt::jobs {

Status SlaRecomputeJob::Apply(storage::Connection& connection, const storage::ClaimedJob& job,
                              TimestampMs now) {
  const auto run = app::ParseSlaRecompute(job.payload);
  if (!run) return Error::Internal("unreadable sla.recompute payload: " + job.payload);
  LT_TRY(app::RecomputeSlaBatch(connection, *run, now, batch_));
  return Ok();
}

}  // namespace lt::jobs
