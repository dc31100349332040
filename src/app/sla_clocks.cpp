#include "app/sla_clocks.hpp"

#include <algorithm>
#include <limits>
#include <map>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/department_calendars.hpp"
#include "app/field_rules.hpp"
#include "app/live_updates.hpp"
#include "sla/shipped_calendar.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/prevention_report_store.hpp"
#include "storage/quality_report_store.hpp"
#include "storage/referral_store.hpp"
#include "storage/sla_clock_store.hpp"
#include "storage/sla_policy_store.hpp"
#include "storage/step_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

// How long past its deadline a clock computed for the first time may be and
// still alert (see RefreshSlaClocks).
constexpr std::int64_t kStaleAlertMs = 24LL * 3600 * 1000;
constexpr std::size_t kMaxReasonChars = 2000;

// Whether the case is being created (it has no steps, events or clocks yet,
// so they need not be read) or has a recorded history.
enum class CaseRecord { kNew, kExisting };

// What the clocks are computed from. A new case has only its receipt.
Result<sla::CaseHistory> LoadHistory(storage::Connection& connection,
                                     const domain::Workflow& workflow, const domain::Case& a_case,
                                     CaseRecord record) {
  sla::CaseHistory history;
  history.received_at = a_case.received_at;
  std::vector<domain::CaseStep> steps;
  if (record == CaseRecord::kExisting) {
    LT_TRY_ASSIGN(history.events, storage::StepStore(connection).ListEvents(a_case.id));
    LT_TRY_ASSIGN(steps, storage::StepStore(connection).List(a_case.id));
  }
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

// A clock that stopped keeps the deadline it stopped against: a calendar or
// policy edited later does not turn a reply made on time into a late one, or
// the other way round. A clock started again (a new start event) is counted
// afresh.
void KeepStoppedVerdict(const sla::SlaClock& previous, sla::SlaClock& clock) {
  if (!previous.met_at || previous.met_at != clock.met_at ||
      previous.started_at != clock.started_at) {
    return;
  }
  clock.due_at = previous.due_at;
  clock.original_due_at = previous.original_due_at;
  clock.paused_ms = previous.paused_ms;
  clock.state = previous.state;
  clock.warn_at = previous.warn_at;
}

}  // namespace

namespace {

// One clock as computed now, with when its next alert falls due.
struct EvaluatedClock {
  sla::SlaClock clock;
  std::optional<TimestampMs> next_alert;
  bool changed = true;  // differs from the stored clock (or there is none)
};

struct Evaluation {
  ClockRefresh refresh;
  std::vector<EvaluatedClock> clocks;
  bool dropped = false;  // a stored clock's target no longer applies
};

// The SLA targets that apply to the case; `segment` is the customer's when
// the caller knows it.
Result<std::vector<sla::SlaTarget>> TargetsOf(storage::Connection& connection,
                                              const domain::Case& a_case,
                                              std::optional<domain::Segment> segment) {
  LT_TRY_ASSIGN(const storage::SlaPoliciesPtr policies, storage::SlaPolicyStore(connection).Load());
  if (!segment) {
    LT_TRY_ASSIGN(segment, storage::CustomerStore(connection).SegmentOf(a_case.customer_id));
  }
  sla::CaseFacts facts;
  facts.type = a_case.type;
  facts.urgency = a_case.urgency;
  facts.origin_class = a_case.origin_class;
  facts.segment = segment.value_or(domain::Segment::kNormal);
  facts.category_id = a_case.category_id;
  facts.channel = a_case.channel;
  return sla::ChooseTargets(*policies, facts);
}

// The time left on each running or paused clock at `now`, counted as its
// target counts it, on the calendar of the case's department.
Result<std::map<std::string, sla::WorkingTimeLeft>> WorkingTimeOf(
    storage::Connection& connection, const domain::Case& a_case,
    const std::vector<sla::StoredClock>& clocks, TimestampMs now) {
  std::map<std::string, sla::WorkingTimeLeft> left;
  const bool any_live = std::any_of(clocks.begin(), clocks.end(), [&](const auto& stored) {
    const auto state = sla::StateAt(stored.clock, now);
    return state == sla::ClockState::kRunning || state == sla::ClockState::kPaused;
  });
  if (!any_live) return left;
  LT_TRY_ASSIGN(const auto targets, TargetsOf(connection, a_case, std::nullopt));
  LT_TRY_ASSIGN(const auto calendar, CalendarForDepartment(connection, a_case.department_id));
  for (const auto& stored : clocks) {
    const auto state = sla::StateAt(stored.clock, now);
    if (state != sla::ClockState::kRunning && state != sla::ClockState::kPaused) continue;
    const auto target = std::find_if(targets.begin(), targets.end(), [&](const auto& candidate) {
      return candidate.code == stored.clock.target;
    });
    if (target == targets.end()) continue;  // no longer applies: dropped at the next refresh
    left[stored.clock.target] =
        sla::WorkingTimeLeftAt(*calendar, target->unit, now, stored.clock.due_at);
  }
  return left;
}

// Computes every clock of the case at `now` against the clocks stored for it;
// `segment` is the customer's when the caller knows it.
Result<Evaluation> EvaluateCaseClocks(storage::Connection& connection,
                                      const domain::Workflow& workflow, const domain::Case& a_case,
                                      TimestampMs now, CaseRecord record,
                                      const std::vector<sla::StoredClock>& stored,
                                      std::optional<domain::Segment> segment) {
  Evaluation evaluation;
  ClockRefresh& refresh = evaluation.refresh;
  LT_TRY_ASSIGN(refresh.targets, TargetsOf(connection, a_case, segment));

  LT_TRY_ASSIGN(const auto calendar, CalendarForDepartment(connection, a_case.department_id));
  LT_TRY_ASSIGN(const sla::CaseHistory history, LoadHistory(connection, workflow, a_case, record));
  auto previous_of = [&](const std::string& target) -> const sla::StoredClock* {
    for (const auto& clock : stored) {
      if (clock.clock.target == target) return &clock;
    }
    return nullptr;
  };
  std::vector<std::string> kept;
  for (const auto& target : refresh.targets) {
    const sla::StoredClock* previous = previous_of(target.code);
    const auto moved = previous ? previous->moved : std::nullopt;
    LT_TRY_ASSIGN(auto clock, sla::EvaluateClock(target, history, *calendar, now, moved));
    if (!clock) continue;
    kept.push_back(target.code);
    if (previous) KeepStoppedVerdict(previous->clock, *clock);
    if (!clock->met_at) {  // overdue clocks sort first in the queue
      refresh.earliest_due = std::min(refresh.earliest_due.value_or(clock->due_at), clock->due_at);
    }
    std::optional<TimestampMs> next_alert = sla::NextAlertAt(
        *clock, previous && previous->warned_at, previous && previous->breached_at);
    // A deadline long past when the clock is first computed (imported
    // history) alerts nobody: nobody can act on it any more.
    if (!previous && clock->due_at < now - kStaleAlertMs) next_alert.reset();
    // Most changes to a case move one clock or none: the others are not
    // written again, which keeps a workflow step's transaction short.
    const bool changed =
        !previous || !(previous->clock == *clock) || previous->next_alert_at != next_alert;
    evaluation.clocks.push_back({std::move(*clock), next_alert, changed});
  }
  evaluation.dropped = std::any_of(stored.begin(), stored.end(), [&](const auto& clock) {
    return std::find(kept.begin(), kept.end(), clock.clock.target) == kept.end();
  });
  return evaluation;
}

}  // namespace

Result<NewCaseClocks> PlanNewCaseClocks(storage::Connection& connection,
                                        const domain::Workflow& workflow,
                                        const domain::Case& a_case,
                                        std::optional<domain::Segment> segment, TimestampMs now) {
  LT_TRY_ASSIGN(auto evaluation, EvaluateCaseClocks(connection, workflow, a_case, now,
                                                    CaseRecord::kNew, {}, segment));
  NewCaseClocks planned;
  planned.refresh = std::move(evaluation.refresh);
  for (auto& evaluated : evaluation.clocks) {
    planned.clocks.push_back({std::move(evaluated.clock), evaluated.next_alert});
  }
  return planned;
}

Result<ClockRefresh> RefreshSlaClocks(storage::Connection& connection,
                                      const domain::Workflow& workflow, const domain::Case& a_case,
                                      TimestampMs now) {
  storage::SlaClockStore clocks(connection);
  LT_TRY_ASSIGN(const auto stored, clocks.ListForCase(a_case.id));
  LT_TRY_ASSIGN(auto evaluation, EvaluateCaseClocks(connection, workflow, a_case, now,
                                                    CaseRecord::kExisting, stored, std::nullopt));
  for (const auto& clock : evaluation.clocks) {
    if (clock.changed) LT_TRY(clocks.Save(a_case.id, clock.clock, clock.next_alert, now));
  }
  if (evaluation.dropped) {
    std::vector<std::string> kept;
    for (const auto& clock : evaluation.clocks) kept.push_back(clock.clock.target);
    LT_TRY(clocks.RemoveOthers(a_case.id, kept));
  }
  if (a_case.sla_due_at != evaluation.refresh.earliest_due) {
    LT_TRY(storage::CaseStore(connection).SetSlaDueAt(a_case.id, evaluation.refresh.earliest_due));
  }
  return std::move(evaluation.refresh);
}

Result<CaseWithClocks> GetCaseWithClocks(AppContext& context, const domain::Principal& principal,
                                         Id case_id) {
  CaseWithClocks result;
  const TimestampMs now = context.clock.NowMs();
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(result.a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(result.clocks, storage::SlaClockStore(connection).ListForCase(case_id));
    if (domain::IsStaff(principal)) {
      LT_TRY_ASSIGN(const auto report, storage::QualityReportStore(connection).Find(case_id));
      result.has_quality_report = report.has_value();
      LT_TRY_ASSIGN(const auto prevention,
                    storage::PreventionReportStore(connection).Find(case_id));
      result.has_prevention_report = prevention.has_value();
      LT_TRY_ASSIGN(result.referral, storage::ReferralStore(connection).FindByCase(case_id));
    } else {
      std::erase_if(result.clocks, [](const sla::StoredClock& stored) {
        return std::find(std::begin(kPromisedTargets), std::end(kPromisedTargets),
                         stored.clock.target) == std::end(kPromisedTargets);
      });
    }
    LT_TRY_ASSIGN(result.time_left, WorkingTimeOf(connection, result.a_case, result.clocks, now));
    return Ok();
  }));
  for (auto& stored : result.clocks) stored.clock.state = sla::StateAt(stored.clock, now);
  return result;
}

Result<CaseWithClocks> GetCaseClocks(AppContext& context, const domain::Principal& principal,
                                     Id case_id) {
  LT_TRY(RequireStaff(principal));
  return GetCaseWithClocks(context, principal, case_id);
}

Result<sla::StoredClock> MoveDeadline(AppContext& context, const domain::Principal& principal,
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
  if (move.target == kRegulatorTarget) {
    return Error::Of(ErrorCode::kConflict, "error.regulator_deadline");
  }

  sla::StoredClock result;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const domain::Case a_case, LoadVisibleCase(connection, principal, case_id));
    if (!domain::HasPermission(principal, domain::Permission::kUpdateCase)) {
      return Error::Of(ErrorCode::kForbidden, "error.forbidden");
    }
    storage::SlaClockStore clocks(connection);
    LT_TRY_ASSIGN(const auto before, clocks.Find(case_id, move.target));
    if (!before) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    if (before->clock.met_at) return Error::Of(ErrorCode::kConflict, "error.clock_stopped");
    LT_TRY(clocks.SetMoved(case_id, move.target, {*move.due_at, now}, principal.user_id, reason));
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    LT_TRY(RefreshSlaClocks(connection, *workflow, a_case, now));
    LT_TRY_ASSIGN(auto after, clocks.Find(case_id, move.target));
    if (!after) return Error::Internal("moved clock disappeared");
    ChangeList changes;
    changes.Record("sla." + move.target + ".due_at", std::to_string(before->clock.due_at),
                   std::to_string(after->clock.due_at));
    changes.Record("sla." + move.target + ".reason", std::nullopt, reason);
    LT_TRY(storage::AuditStore(connection)
               .Append(MakeEvent("case", case_id, "move_deadline", principal.user_id, now,
                                 changes.Take())));
    LT_TRY(storage::CaseStore(connection).Touch(case_id, now));
    LT_TRY(storage::PublishCaseChange(connection,
                                      ChangeOf(a_case, "move_deadline", principal.user_id, now)));
    result = *after;
    return Ok();
  }));
  return result;
}

}  // namespace lt::app
