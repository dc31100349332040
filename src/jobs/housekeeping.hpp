#pragma once

#include "base/result.hpp"
#include "jobs/job_runner.hpp"

namespace lt::jobs {

// "maintenance.housekeeping", once an hour on one node: deletes expired
// login sessions, idempotency keys older than a day (a retry after that
// creates anew), jobs finished more than a week ago and the signatures of
// webhook requests older than an hour, portal codes that expired more than
// an hour ago (their number counts against the limits), then schedules the
// next hour's run in the same transaction.
inline constexpr std::string_view kHousekeepingKind = "maintenance.housekeeping";

class HousekeepingJob final : public JobHandler {
 public:
  Status Apply(storage::Connection& connection, const storage::ClaimedJob& job,
               TimestampMs now) override;
};

// Schedules the run for the hour after `now` (a no-op when any node already did).
Status ScheduleHousekeeping(storage::Database& database, TimestampMs now);

}  // namespace lt::jobs
