#include "app/sla_clocks.hpp"

#include <algorithm>
#include <limits>

#include "app/audit_trail.hpp"
#include "app/case_cases.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "sla/shipped_calendar.hpp"
#include "storage/audit_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/customer_store.hpp"
#include "storage/job_store.hpp"
#include "storage/procedure_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

// Alerts for deadlines that passed long before the clock was first computed
// (imported history) are not sent: nobody can act on them any more.
constexpr std::int64_t kStaleAlertMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxReasonChars = 2000;

std::string AlertKey(Id case_id, const std::string& target, TimestampMs at) {
  return std::to_string(case_id) + ":" + target + ":" + std::to_string(at);
}

Result<sla::CaseHistory> LoadHistory(storage::Connection& connection, const domain::Case& a_case) {
  LT_TRY_ASSIGN(const domain::Workflow workflow, storage::WorkflowStore(connection).Load());
  storage::ProcedureStore procedure(connection);
  sla::CaseHistory history;
  history.received_at = a_case.received_at;
  LT_TRY_ASSIGN(history.events, procedure.ListEvents(a_case.id));
  LT_TRY_ASSIGN(const auto steps, procedure.ListSteps(a_case.id));
  auto settled = [&](const std::string& code) {
    const auto* state = workflow.FindState(code);
    return state && (state->kind == domain::StateKind::kResolved ||
                     state->kind == domain::StateKind::kClosed);
  };
  const std::string& first = steps.empty() ? a_case.status : steps.front().from_state;
  history.states.push_back({a_case.received_at, first, settled(first)});
  for (const auto& step : steps) {
    history.states.push_back({step.at, step.to_state, settled(step.to_state)});
  }
  return history;
}

}  // namespace

Result<const sla::BusinessCalendar*> CalendarFor(storage::Connection&, const domain::Case&) {
  static const Result<sla::BusinessCalendar> shipped = sla::ShippedCalendar();
  if (!shipped.ok()) return shipped.error();
  return &*shipped;
}

Result<std::optional<TimestampMs>> RefreshSlaClocks(storage::Connection& connection,
                                                    const domain::Case& a_case, TimestampMs now) {
  LT_TRY_ASSIGN(const auto policies, storage::SlaPolicyStore(connection).Load());
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  sla::CaseFacts facts;
  facts.type = a_case.type;
  facts.urgency = a_case.urgency;
  facts.origin_class = a_case.origin_class;
  facts.segment = customer ? customer->segment : domain::Segment::kNormal;
  facts.category_id = a_case.category_id;
  const auto targets = sla::ChooseTargets(policies, facts);

  LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, CalendarFor(connection, a_case));
  LT_TRY_ASSIGN(const sla::CaseHistory history, LoadHistory(connection, a_case));
  storage::SlaClockStore clocks(connection);
  LT_TRY_ASSIGN(const auto stored, clocks.ListForCase(a_case.id));

  std::optional<TimestampMs> earliest;
  std::vector<std::string> kept;
  for (const auto& target : targets) {
    const auto previous = std::find_if(stored.begin(), stored.end(), [&](const auto& clock) {
      return clock.clock.target == target.code;
    });
    const bool known = previous != stored.end();
    std::optional<sla::MovedDeadline> moved = known ? previous->moved : std::nullopt;
    LT_TRY_ASSIGN(const auto clock, sla::EvaluateClock(target, history, *calendar, now, moved));
    if (!clock) continue;
    kept.push_back(target.code);
    LT_TRY(clocks.Save(a_case.id, *clock, now));
    if (clock->state != sla::ClockState::kRunning && clock->state != sla::ClockState::kBreached) {
      continue;
    }
    if (!clock->met_at) {  // overdue clocks sort first in the queue
      earliest = std::min(earliest.value_or(clock->due_at), clock->due_at);
    }
    if (!known && clock->due_at < now - kStaleAlertMs) continue;
    if (clock->warn_at && !(known && previous->warned_at)) {
      LT_TRY(storage::ScheduleJob(connection, std::string(kSlaWarningJob),
                                  AlertKey(a_case.id, target.code, *clock->warn_at), "{}",
                                  *clock->warn_at, now));
    }
    if (!(known && previous->breached_at) && !clock->met_at) {
      // A deadline is kept when met at its very instant: breached a moment later.
      LT_TRY(storage::ScheduleJob(connection, std::string(kSlaBreachJob),
                                  AlertKey(a_case.id, target.code, clock->due_at), "{}",
                                  clock->due_at + 1, now));
    }
  }
  LT_TRY(clocks.RemoveOthers(a_case.id, kept));
  LT_TRY(
      connection.Execute("UPDATE cases SET sla_due_at = $1 WHERE id = $2",
                         {earliest.value_or(std::numeric_limits<std::int64_t>::max()), a_case.id}));
  return earliest;
}

Result<std::vector<storage::StoredClock>> GetCaseClocks(AppContext& context,
                                                        const domain::Principal& principal,
                                                        Id case_id) {
  std::vector<storage::StoredClock> result;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    if (!domain::IsStaff(principal)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    LT_TRY_ASSIGN(result, storage::SlaClockStore(connection).ListForCase(case_id));
    return Ok();
  }));
  // Stored clocks were computed at the case's last change; a running clock
  // whose deadline passed since then is breached now.
  const TimestampMs now = context.clock.NowMs();
  for (auto& stored : result) {
    if (stored.clock.state == sla::ClockState::kRunning && now > stored.clock.due_at) {
      stored.clock.state = sla::ClockState::kBreached;
    }
  }
  return result;
}

Result<storage::StoredClock> MoveDeadline(AppContext& context, const domain::Principal& principal,
                                          Id case_id, const DeadlineMove& move) {
  const TimestampMs now = context.clock.NowMs();
  FieldErrors errors;
  const std::string reason =
      CheckText(move.reason, "reason", kMaxReasonChars, Presence::kRequired, errors);
  if (!move.customer_agreed) errors.Add("customer_agreed", "validation.customer_agreement");
  if (!move.due_at) {
    errors.Add("due_at", "validation.required");
  } else if (*move.due_at <= now) {
    errors.Add("due_at", "validation.not_in_future");
  }
  if (!errors.empty()) return errors.ToError();

  storage::StoredClock result;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    if (!domain::HasPermission(principal, domain::Permission::kUpdateCase)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    storage::SlaClockStore clocks(connection);
    LT_TRY_ASSIGN(const auto before, clocks.Find(case_id, move.target));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (before->clock.met_at) return Error::Of(ErrorCode::kConflict, "error.clock_stopped");
    LT_TRY(clocks.SetMoved(case_id, move.target, {*move.due_at, now}, principal.user_id, reason));
    LT_TRY(RefreshSlaClocks(connection, a_case, now));
    LT_TRY_ASSIGN(auto after, clocks.Find(case_id, move.target));
    if (!after) return Error::Internal("moved clock disappeared");
    ChangeList changes;
    changes.Record("sla." + move.target + ".due_at", std::to_string(before->clock.due_at),
                   std::to_string(after->clock.due_at));
    changes.Record("sla." + move.target + ".reason", std::nullopt, reason);
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", case_id, "move_deadline", principal.user_id, now,
                                 changes.Take())));
    LT_TRY(connection.Execute(
        "UPDATE cases SET updated_at = $1, version = version + 1 WHERE id = $2", {now, case_id}));
    ++a_case.version;
    LT_TRY(storage::PublishCaseChange(connection,
                                      ChangeOf(a_case, "move_deadline", principal.user_id, now)));
    result = *after;
    return Ok();
  }));
  return result;
}

}  // namespace lt::app
