#include "sla/sla_clock.hpp"

#include <algorithm>

namespace lt::sla {
namespace {

constexpr std::int64_t kHourMs = 3600LL * 1000;

// The kind of time a unit counts: every millisecond, the working periods,
// or the whole of working days. Pauses and warnings are measured in it.
enum class TimeKind { kCalendar, kWorkingPeriods, kWorkingDays };

TimeKind KindOf(DurationUnit unit) {
  switch (unit) {
    case DurationUnit::kCalendarHours:
    case DurationUnit::kCalendarDays:
      return TimeKind::kCalendar;
    case DurationUnit::kWorkingHours:
    case DurationUnit::kWorkingDays:
      return TimeKind::kWorkingPeriods;
    case DurationUnit::kWorkingDayHours:
      return TimeKind::kWorkingDays;
  }
  return TimeKind::kCalendar;
}

// The time of `kind` between two instants.
std::int64_t Elapsed(TimeKind kind, const BusinessCalendar& calendar, TimestampMs from,
                     TimestampMs to) {
  switch (kind) {
    case TimeKind::kCalendar:
      return std::max<std::int64_t>(0, to - from);
    case TimeKind::kWorkingPeriods:
      return calendar.WorkingMsBetween(from, to);
    case TimeKind::kWorkingDays:
      return calendar.WorkingDayMsBetween(from, to);
  }
  return 0;
}

// The instant `ms` of time of `kind` after `start`.
Result<TimestampMs> Advance(TimeKind kind, const BusinessCalendar& calendar, TimestampMs start,
                            std::int64_t ms) {
  switch (kind) {
    case TimeKind::kCalendar:
      return start + ms;
    case TimeKind::kWorkingPeriods:
      return calendar.AddWorkingMs(start, ms);
    case TimeKind::kWorkingDays:
      return calendar.AddWorkingDayMs(start, ms);
  }
  return start + ms;
}

bool IsPauseState(const SlaTarget& target, const std::string& state) {
  return std::find(target.pause_states.begin(), target.pause_states.end(), state) !=
         target.pause_states.end();
}

struct Interval {
  TimestampMs from = 0;
  TimestampMs to = 0;  // exclusive; `now` for a pause still going on
};

// The stretches after `start` during which the case was in a pause state,
// up to `end`.
std::vector<Interval> PausesBetween(const SlaTarget& target, const CaseHistory& history,
                                    TimestampMs start, TimestampMs end) {
  std::vector<Interval> pauses;
  if (target.pause_states.empty()) return pauses;
  std::optional<TimestampMs> paused_since;
  for (const auto& change : history.states) {
    const bool pausing = IsPauseState(target, change.state);
    if (pausing && !paused_since) {
      paused_since = change.at;
    } else if (!pausing && paused_since) {
      pauses.push_back({*paused_since, change.at});
      paused_since.reset();
    }
  }
  if (paused_since) pauses.push_back({*paused_since, std::max(end, *paused_since)});
  std::vector<Interval> clipped;
  for (auto pause : pauses) {
    pause.from = std::max(pause.from, start);
    pause.to = std::min(pause.to, end);
    if (pause.to > pause.from) clipped.push_back(pause);
  }
  return clipped;
}

}  // namespace

Result<TimestampMs> DeadlineFrom(const SlaTarget& target, TimestampMs start,
                                 const BusinessCalendar& calendar) {
  switch (target.unit) {
    case DurationUnit::kCalendarHours:
      return start + target.amount * kHourMs;
    case DurationUnit::kCalendarDays:
      return start + target.amount * 24 * kHourMs;
    case DurationUnit::kWorkingHours:
      return calendar.AddWorkingMinutes(start, target.amount * 60);
    case DurationUnit::kWorkingDays:
      return calendar.AddWorkingDays(start, static_cast<int>(target.amount));
    case DurationUnit::kWorkingDayHours:
      return calendar.AddWorkingDayMs(start, target.amount * kHourMs);
  }
  return start;
}

std::optional<TimestampMs> NextAlertAt(const SlaClock& clock, bool warned, bool breached) {
  if (clock.met_at || clock.state == ClockState::kPaused) return std::nullopt;
  if (clock.warn_at && !warned) return clock.warn_at;
  if (!breached) return clock.due_at + 1;
  return std::nullopt;
}

ClockState StateAt(const SlaClock& clock, TimestampMs now) {
  return clock.state == ClockState::kRunning && now > clock.due_at ? ClockState::kBreached
                                                                   : clock.state;
}

Result<std::optional<SlaClock>> EvaluateClock(const SlaTarget& target, const CaseHistory& history,
                                              const BusinessCalendar& calendar, TimestampMs now,
                                              const std::optional<MovedDeadline>& moved) {
  // The latest start, and the position in the record after which stops count.
  std::optional<TimestampMs> started_at;
  std::size_t start_index = 0;
  if (target.start_event == "received") started_at = history.received_at;
  for (std::size_t i = 0; i < history.events.size(); ++i) {
    if (history.events[i].event == target.start_event) {
      started_at = history.events[i].at;
      start_index = i + 1;
    }
  }
  if (!started_at) return std::optional<SlaClock>();

  std::optional<TimestampMs> stopped_at;
  for (std::size_t i = start_index; i < history.events.size() && !stopped_at; ++i) {
    const auto& event = history.events[i];
    if (std::find(target.stop_events.begin(), target.stop_events.end(), event.event) !=
        target.stop_events.end()) {
      stopped_at = std::max(event.at, *started_at);
    }
  }
  for (const auto& change : history.states) {
    if (change.settled && change.at >= *started_at && (!stopped_at || change.at < *stopped_at)) {
      stopped_at = change.at;
      break;
    }
  }

  SlaClock clock;
  clock.target = target.code;
  clock.started_at = *started_at;
  const TimestampMs end = stopped_at.value_or(std::max(now, *started_at));
  LT_TRY_ASSIGN(TimestampMs due, DeadlineFrom(target, *started_at, calendar));
  const auto pauses = PausesBetween(target, history, *started_at, end);
  const TimeKind kind = KindOf(target.unit);
  for (const auto& pause : pauses) {
    clock.paused_ms += pause.to - pause.from;
    if (pause.from >= due) continue;  // a pause after the deadline does not undo a breach
    LT_TRY_ASSIGN(due, Advance(kind, calendar, due, Elapsed(kind, calendar, pause.from, pause.to)));
  }
  if (moved) {
    clock.original_due_at = due;
    due = moved->due_at;
  }
  clock.due_at = due;
  const bool paused_now =
      !stopped_at && !history.states.empty() && IsPauseState(target, history.states.back().state);
  if (stopped_at) {
    clock.met_at = stopped_at;
    clock.state = *stopped_at <= due ? ClockState::kMet : ClockState::kBreached;
  } else if (paused_now && now <= due) {
    clock.state = ClockState::kPaused;
  } else {
    clock.state = now > due ? ClockState::kBreached : ClockState::kRunning;
    // Kept for a breached clock too: a warning that came due while no node
    // was running still fires when one catches up.
    if (target.warn_percent > 0) {
      // The share of the (possibly moved) allowance, counted in the target's
      // own kind of time: 75 % of 3 working days is not 75 % of the week.
      const std::int64_t allowance_ms = Elapsed(kind, calendar, *started_at, due);
      LT_TRY_ASSIGN(clock.warn_at,
                    Advance(kind, calendar, *started_at, allowance_ms * target.warn_percent / 100));
    }
  }
  return std::optional<SlaClock>(clock);
}

}  // namespace lt::sla
