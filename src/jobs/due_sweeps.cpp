#include "jobs/due_sweeps.hpp"

#include "app/action_reminders.hpp"
#include "app/sla_alerts.hpp"

namespace lt::jobs {

Result<int> BatchedSweep::RunDue(TimestampMs now) {
  int handled = 0;
  for (;;) {
    int due = 0;
    LT_TRY(database_.Write([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(due, fire_(connection, now, batch_));
      return Ok();
    }));
    handled += due;
    if (due < batch_) return handled;
  }
}

Result<std::optional<TimestampMs>> BatchedSweep::NextDueAt() { return next_(database_); }

std::unique_ptr<DueWorkSource> MakeSlaAlertSweep(storage::Database& database,
                                                 std::string public_url) {
  return std::make_unique<BatchedSweep>(
      database,
      [url = std::move(public_url)](storage::Connection& connection, TimestampMs now, int limit) {
        return app::FireDueSlaAlerts(connection, url, now, limit);
      },
      app::NextSlaAlertAt);
}

std::unique_ptr<DueWorkSource> MakeActionDueSweep(storage::Database& database,
                                                  std::string public_url) {
  return std::make_unique<BatchedSweep>(
      database,
      [url = std::move(public_url)](storage::Connection& connection, TimestampMs now, int limit) {
        return app::FireActionDueNotices(connection, url, now, limit);
      },
      app::NextActionDueNoticeAt);
}

}  // namespace lt::jobs
