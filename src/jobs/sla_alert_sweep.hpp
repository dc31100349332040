#pragma once

#include "base/result.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// SLA warnings and breaches as due work (app::FireDueSlaAlerts): each pass
// gives the alerts due now in batches, each batch in one write transaction,
// walking sla_clocks.next_alert_at in due-time order, never a scan of open
// cases. Catches up after a restart on whatever fell due meanwhile.
class SlaAlertSweep final : public DueWorkSource {
 public:
  explicit SlaAlertSweep(storage::Database& database, int batch = 100)
      : database_(database), batch_(batch) {}
  Result<int> RunDue(TimestampMs now) override;
  Result<std::optional<TimestampMs>> NextDueAt() override;

 private:
  storage::Database& database_;
  int batch_;
};

}  // namespace lt::jobs
