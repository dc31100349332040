#pragma once

// The working time left on a clock as a reader counts it down: how much is
// left now, and the stretches of time ahead that count, so that a console
// can keep counting without asking again. A clock in working hours stands
// still over lunch, at night and on holidays; one in working days or hours of
// working days stands still on days off; one in calendar units never does.

#include <cstddef>
#include <cstdint>
#include <vector>

#include "base/time_format.hpp"
#include "sla/business_calendar.hpp"
#include "sla/sla_policy.hpp"

namespace lt::sla {

struct TimeSpan {
  TimestampMs from = 0;
  TimestampMs to = 0;

  bool operator==(const TimeSpan&) const = default;
};

struct WorkingTimeLeft {
  TimestampMs as_of = 0;
  std::int64_t remaining_ms = 0;  // time that counts between as_of and the deadline
  // The stretches that count from as_of on, in order, adjacent ones joined;
  // at most kMaxCountingSpans, so they may end before the deadline.
  std::vector<TimeSpan> spans;
};

inline constexpr std::size_t kMaxCountingSpans = 64;

// The stretches of [from, to) that count for `unit` on `calendar`: the
// working periods (working hours) or the working days, midnight to midnight
// (working days, hours of working days). Calendar units count everything:
// one span. At most `limit` spans, the earliest.
std::vector<TimeSpan> CountingSpans(const BusinessCalendar& calendar, DurationUnit unit,
                                    TimestampMs from, TimestampMs to, std::size_t limit);

// What is left at `now` of a clock due at `due`, counted in `unit`; nothing
// is left (and no span) once due.
WorkingTimeLeft WorkingTimeLeftAt(const BusinessCalendar& calendar, DurationUnit unit,
                                  TimestampMs now, TimestampMs due);

}  // namespace lt::sla
