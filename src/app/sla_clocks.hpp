#pragma once

// The SLA clocks of cases: kept up to date in the transaction of every change
// to a case, exposed to the API, and moved with the customer's agreement.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/referral.hpp"
#include "domain/workflow.hpp"
#include "sla/business_calendar.hpp"
#include "sla/stored_clock.hpp"
#include "sla/working_time.hpp"

namespace lt::app {

struct ClockRefresh {
  std::optional<TimestampMs> earliest_due;  // also stored in cases.sla_due_at
  std::vector<sla::SlaTarget> targets;      // the targets that apply to the case
};

// Recomputes every clock of the case at `now` from its policies and history,
// saves each that changed with when its next alert falls due
// (sla::NextAlertAt; the alert sweep, app::FireDueSlaAlerts, walks that in
// due-time order), and keeps the earliest deadline not yet met in
// cases.sla_due_at. A clock met, paused or moved thereby has its pending
// alert cancelled or moved in the same transaction; a clock that stopped
// keeps the deadline it stopped against. Call inside the write transaction
// that changed the case, with the workflow that transaction uses; `a_case`
// as stored (its sla_due_at current).
Result<ClockRefresh> RefreshSlaClocks(storage::Connection& connection,
                                      const domain::Workflow& workflow, const domain::Case& a_case,
                                      TimestampMs now);

// The clocks a case starts with, computed before it is inserted, so that it
// is inserted with its sla_due_at (refresh.earliest_due) rather than
// inserted and then updated; they are saved (SlaClockStore::SaveMany) once
// the case has its id, in the creating transaction; `segment` is the
// customer's, when the caller has it at hand (otherwise it is read).
struct PlannedClock {
  sla::SlaClock clock;
  std::optional<TimestampMs> next_alert_at;
};
struct NewCaseClocks {
  ClockRefresh refresh;
  std::vector<PlannedClock> clocks;
};
Result<NewCaseClocks> PlanNewCaseClocks(storage::Connection& connection,
                                        const domain::Workflow& workflow,
                                        const domain::Case& a_case,
                                        std::optional<domain::Segment> segment, TimestampMs now);

// The deadlines the published service standard promises the customer:
// the first contact and the reply (or, without a sample, the analysis).
inline constexpr std::string_view kPromisedTargets[] = {"first_contact", "reply",
                                                        "failure_analysis"};

struct CaseWithClocks {
  domain::Case a_case;
  std::vector<sla::StoredClock> clocks;      // for portal users only the promised ones
  bool has_quality_report = false;           // staff only: whether one was opened
  bool has_prevention_report = false;        // staff only: likewise
  std::optional<domain::Referral> referral;  // staff only: the regulator's, if it referred the case
  // The time left on the running and paused clocks, by target, as each
  // counts it (working hours, working days, calendar time).
  std::map<std::string, sla::WorkingTimeLeft> time_left;
};

// The case and its clocks as of now (for portal users those of
// kPromisedTargets), from one snapshot.
// Errors: kNotFound (absent or not visible).
Result<CaseWithClocks> GetCaseWithClocks(AppContext& context, const domain::Principal& principal,
                                         Id case_id);

// The clocks of a case as of now (staff only). Errors: kNotFound, kForbidden.
Result<CaseWithClocks> GetCaseClocks(AppContext& context, const domain::Principal& principal,
                                     Id case_id);

// The regulator's deadline of a referred case: not the customer's to move.
inline constexpr std::string_view kRegulatorTarget = "regulator";

struct DeadlineMove {
  std::string target;
  std::optional<TimestampMs> due_at;
  std::string reason;
  bool customer_agreed = false;
};

// Moves a deadline to a date the customer agreed to, keeping the original.
// Errors: kNotFound (case, or no such clock), kForbidden (portal users),
// kInvalidArgument (no agreement, no reason, a date not after now), kConflict
// "error.clock_stopped" when the clock is met or breached already,
// "error.regulator_deadline" for the regulator's deadline.
Result<sla::StoredClock> MoveDeadline(AppContext& context, const domain::Principal& principal,
                                      Id case_id, const DeadlineMove& move);

}  // namespace lt::app
