#pragma once

#include <functional>
#include <memory>
#include <string>

#include "base/result.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// Work that falls due by the clock rather than by a job row, walked in
// due-time order through a partial index, never a scan: each pass handles
// what is due now in batches, each batch in one write transaction that also
// marks it handled. Catches up after a restart on whatever fell due meanwhile.
class BatchedSweep final : public DueWorkSource {
 public:
  // Handles up to `limit` items due at `now`; returns how many it handled.
  using Fire = std::function<Result<int>(storage::Connection&, TimestampMs now, int limit)>;
  using Next = std::function<Result<std::optional<TimestampMs>>(storage::Database&)>;

  BatchedSweep(storage::Database& database, Fire fire, Next next, int batch = 100)
      : database_(database), fire_(std::move(fire)), next_(std::move(next)), batch_(batch) {}
  Result<int> RunDue(TimestampMs now) override;
  Result<std::optional<TimestampMs>> NextDueAt() override;

 private:
  storage::Database& database_;
  Fire fire_;
  Next next_;
  int batch_;
};

// SLA warnings and breaches (app::FireDueSlaAlerts), walking
// sla_clocks.next_alert_at.
std::unique_ptr<DueWorkSource> MakeSlaAlertSweep(storage::Database& database,
                                                 std::string public_url);

// Actions falling due (app::FireActionDueNotices), walking the deadlines of
// open actions whose owner was not yet told.
std::unique_ptr<DueWorkSource> MakeActionDueSweep(storage::Database& database,
                                                  std::string public_url);

}  // namespace lt::jobs
