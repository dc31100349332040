#include "sla/working_time.hpp"

#include <algorithm>

namespace lt::sla {
namespace {

bool CountsCalendarTime(DurationUnit unit) {
  return unit == DurationUnit::kCalendarHours || unit == DurationUnit::kCalendarDays;
}

// Adds [from, to) to `spans`, joined to the last one when they touch.
void Append(std::vector<TimeSpan>& spans, TimestampMs from, TimestampMs to) {
  if (to <= from) return;
  if (!spans.empty() && spans.back().to == from) {
    spans.back().to = to;
  } else {
    spans.push_back({from, to});
  }
}

}  // namespace

std::vector<TimeSpan> CountingSpans(const BusinessCalendar& calendar, DurationUnit unit,
                                    TimestampMs from, TimestampMs to, std::size_t limit) {
  std::vector<TimeSpan> spans;
  if (to <= from || limit == 0) return spans;
  if (CountsCalendarTime(unit)) return {{from, to}};
  const bool whole_days = unit != DurationUnit::kWorkingHours;
  for (LocalDay day = calendar.DayOf(from); day <= calendar.DayOf(to); ++day) {
    if (whole_days) {
      if (!calendar.IsWorkingDay(day)) continue;
      const TimestampMs begin = std::max(from, calendar.At(day, 0));
      const TimestampMs end = std::min(to, calendar.At(day + 1, 0));
      // A day joined to the one before does not make a new span.
      if (spans.size() == limit && spans.back().to != begin) break;
      Append(spans, begin, end);
      continue;
    }
    for (const auto& period : calendar.PeriodsOf(day)) {
      const TimestampMs begin = std::max(from, calendar.At(day, period.start_minute));
      const TimestampMs end = std::min(to, calendar.At(day, period.end_minute));
      if (end <= begin) continue;
      if (spans.size() == limit && spans.back().to != begin) return spans;
      Append(spans, begin, end);
    }
  }
  return spans;
}

WorkingTimeLeft WorkingTimeLeftAt(const BusinessCalendar& calendar, DurationUnit unit,
                                  TimestampMs now, TimestampMs due) {
  WorkingTimeLeft left;
  left.as_of = now;
  if (due <= now) return left;
  switch (unit) {
    case DurationUnit::kCalendarHours:
    case DurationUnit::kCalendarDays:
      left.remaining_ms = due - now;
      break;
    case DurationUnit::kWorkingHours:
      left.remaining_ms = calendar.WorkingMsBetween(now, due);
      break;
    case DurationUnit::kWorkingDays:
    case DurationUnit::kWorkingDayHours:
      left.remaining_ms = calendar.WorkingDayMsBetween(now, due);
      break;
  }
  left.spans = CountingSpans(calendar, unit, now, due, kMaxCountingSpans);
  return left;
}

}  // namespace lt::sla
