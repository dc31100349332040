#pragma once

#include "base/result.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// app::kSlaRecomputeKind: one batch of the walk over open cases whose clocks
// must be recomputed (app::RecomputeSlaBatch), applied with the job's
// completion, which also schedules the next batch.
class SlaRecomputeJob final : public JobHandler {
 public:
  explicit SlaRecomputeJob(int batch = 100) : batch_(batch) {}
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;

 private:
  int batch_;
};

}  // namespace lt::jobs
