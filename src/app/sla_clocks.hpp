#pragma once

// The SLA clocks of cases: kept up to date in the transaction of every change
// to a case, exposed to the API, and moved with the customer's agreement.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "domain/access.hpp"
#include "sla/business_calendar.hpp"
#include "storage/sla_store.hpp"

namespace lt::app {

// Job kinds of the alerts (jobs/sla_alert_job.cpp runs them). The key is
// "<case id>:<target>:<due instant>".
inline constexpr std::string_view kSlaWarningJob = "sla.warning";
inline constexpr std::string_view kSlaBreachJob = "sla.breach";

// The calendar the case's deadlines are counted in.
Result<const sla::BusinessCalendar*> CalendarFor(storage::Connection& connection,
                                                 const domain::Case& a_case);

// Recomputes every clock of the case at `now` from its policies and history,
// saves them, schedules the warning and breach of each running clock (keyed
// by their due instants, so a moved or paused clock gets new ones and the old
// ones find nothing to do) and stores the earliest running deadline in
// cases.sla_due_at. Call inside the write transaction that changed the case.
// Returns that earliest deadline.
Result<std::optional<TimestampMs>> RefreshSlaClocks(storage::Connection& connection,
                                                    const domain::Case& a_case, TimestampMs now);

// The clocks of a case as of now (staff only). Errors: kNotFound, kForbidden.
Result<std::vector<storage::StoredClock>> GetCaseClocks(AppContext& context,
                                                        const domain::Principal& principal,
                                                        Id case_id);

struct DeadlineMove {
  std::string target;
  std::optional<TimestampMs> due_at;
  std::string reason;
  bool customer_agreed = false;
};

// Moves a deadline to a date the customer agreed to, keeping the original.
// Errors: kNotFound (case, or no such clock), kForbidden (portal users),
// kInvalidArgument (no agreement, no reason, a date not after now), kConflict
// "error.clock_stopped" when the clock is met or breached already.
Result<storage::StoredClock> MoveDeadline(AppContext& context, const domain::Principal& principal,
                                          Id case_id, const DeadlineMove& move);

}  // namespace lt::app
