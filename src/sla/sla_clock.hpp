#pragma once

// SLA clocks: where each deadline of a case stands at a moment. Pure: the
// moment, the case's history and the calendar are passed in.

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/enum_codes.hpp"
#include "domain/procedure.hpp"
#include "sla/business_calendar.hpp"
#include "sla/sla_policy.hpp"

namespace lt::sla {

enum class ClockState { kRunning, kPaused, kMet, kBreached };
inline constexpr domain::EnumCodes<ClockState, 4> kClockStateCodes{{{
    {ClockState::kRunning, "running"},
    {ClockState::kPaused, "paused"},
    {ClockState::kMet, "met"},
    {ClockState::kBreached, "breached"},
}}};

// The case entered `state` at `at`. `settled` for resolved and closed
// states: settling a case stops its clocks.
struct StateChange {
  TimestampMs at = 0;
  std::string state;
  bool settled = false;
};

// What a clock is computed from. Events are in the order they were recorded
// ("received" is implied at received_at); state changes in time order.
struct CaseHistory {
  TimestampMs received_at = 0;
  std::vector<domain::ProcedureEvent> events;
  std::vector<StateChange> states;  // the first is the state at receipt
};

// A deadline moved with the customer's agreement replaces the computed one.
struct MovedDeadline {
  TimestampMs due_at = 0;
  TimestampMs moved_at = 0;
};

struct SlaClock {
  std::string target;
  TimestampMs started_at = 0;
  TimestampMs due_at = 0;
  std::optional<TimestampMs> original_due_at;  // when the deadline was moved
  std::int64_t paused_ms = 0;
  ClockState state = ClockState::kRunning;
  std::optional<TimestampMs> met_at;   // when the stop event came (late or not)
  std::optional<TimestampMs> warn_at;  // when the warning is due, for clocks not stopped or paused

  bool operator==(const SlaClock&) const = default;
};

// The clock of `target` at `now`, or nullopt while its start event has not
// happened. The latest start event starts it; the first stop event after that
// (or the case being settled) stops it. Pauses push the deadline back by the
// paused time (working time for working units). Errors: kInvalidArgument when
// the calendar has no working time.
Result<std::optional<SlaClock>> EvaluateClock(const SlaTarget& target, const CaseHistory& history,
                                              const BusinessCalendar& calendar, TimestampMs now,
                                              const std::optional<MovedDeadline>& moved = {});

// The state of a clock computed earlier, as of `now`: a running clock whose
// deadline has passed since is breached.
ClockState StateAt(const SlaClock& clock, TimestampMs now);

// When the clock's next alert falls due: its warning until that was given,
// then its breach (a moment after the deadline, which is itself kept) until
// that was given; nullopt when the clock is met or paused, or both were given.
std::optional<TimestampMs> NextAlertAt(const SlaClock& clock, bool warned, bool breached);

// The deadline of a duration from `start`, with no pauses.
Result<TimestampMs> DeadlineFrom(const SlaTarget& target, TimestampMs start,
                                 const BusinessCalendar& calendar);

}  // namespace lt::sla
