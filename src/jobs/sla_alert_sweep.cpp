#include "jobs/sla_alert_sweep.hpp"

#include "app/sla_alerts.hpp"

namespace lt::jobs {

Result<int> SlaAlertSweep::RunDue(TimestampMs now) {
  int handled = 0;
  for (;;) {
    int due = 0;
    LT_TRY(database_.Write([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(due, app::FireDueSlaAlerts(connection, now, batch_));
      return Ok();
    }));
    handled += due;
    if (due < batch_) return handled;
  }
}

Result<std::optional<TimestampMs>> SlaAlertSweep::NextDueAt() {
  return app::NextSlaAlertAt(database_);
}

}  // namespace lt::jobs
