#include "jobs/sla_alert_job.hpp"

#include "app/sla_clocks.hpp"

namespace lt::jobs {

Status SlaAlertJob::Apply(storage::Connection& connection, const storage::ClaimedJob& job,
                          TimestampMs now) {
  LT_TRY(app::FireSlaAlert(connection, alert_, job.key, now));
  return Ok();
}

void RegisterSlaAlertJobs(JobRunner& runner) {
  runner.Register(std::string(app::kSlaWarningJob),
                  std::make_unique<SlaAlertJob>(app::SlaAlert::kWarning));
  runner.Register(std::string(app::kSlaBreachJob),
                  std::make_unique<SlaAlertJob>(app::SlaAlert::kBreach));
}

}  // namespace lt::jobs
