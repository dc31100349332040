#pragma once

#include "app/sla_alerts.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// "sla.warning" and "sla.breach": one job per clock and due instant,
// scheduled by app::RefreshSlaClocks. The alert (notifications, reassignment,
// the clock marked warned or breached) is a store effect, applied in the
// transaction that completes the job: exactly once across nodes and restarts.
class SlaAlertJob final : public JobHandler {
 public:
  explicit SlaAlertJob(app::SlaAlert alert) : alert_(alert) {}
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;

 private:
  app::SlaAlert alert_;
};

// Registers both kinds.
void RegisterSlaAlertJobs(JobRunner& runner);

}  // namespace lt::jobs
