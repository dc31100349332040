// The working time left on a clock, and the stretches a console counts it
// down over, on mainland China's real 2026 calendar.

#include "sla/working_time.hpp"

#include <gtest/gtest.h>

#include "support/china_calendar.hpp"

namespace lt::sla {
namespace {

using test::ChinaOffice2026;
using test::Shanghai;

constexpr std::int64_t kHourMs = 3600 * 1000;

TEST(WorkingTime, WorkingHoursLeftSkipLunchTheNightAndTheNationalDayHoliday) {
  const auto calendar = ChinaOffice2026();
  // Wednesday 30 September 16:30, due Friday 9 October 14:30 (issue 4's
  // first-contact example): 1 h on the 30th, 7.5 h on the 8th, 4.5 h on the 9th.
  const auto left =
      WorkingTimeLeftAt(calendar, DurationUnit::kWorkingHours, Shanghai("2026-09-30T16:30:00"),
                        Shanghai("2026-10-09T14:30:00"));
  EXPECT_EQ(left.as_of, Shanghai("2026-09-30T16:30:00"));
  EXPECT_EQ(left.remaining_ms, 13 * kHourMs);
  const std::vector<TimeSpan> expected = {
      {Shanghai("2026-09-30T16:30:00"), Shanghai("2026-09-30T17:30:00")},
      {Shanghai("2026-10-08T08:30:00"), Shanghai("2026-10-08T12:00:00")},
      {Shanghai("2026-10-08T13:30:00"), Shanghai("2026-10-08T17:30:00")},
      {Shanghai("2026-10-09T08:30:00"), Shanghai("2026-10-09T12:00:00")},
      {Shanghai("2026-10-09T13:30:00"), Shanghai("2026-10-09T14:30:00")},
  };
  EXPECT_EQ(left.spans, expected);
  std::int64_t counted = 0;
  for (const auto& span : left.spans) counted += span.to - span.from;
  EXPECT_EQ(counted, left.remaining_ms);
}

TEST(WorkingTime, WorkingDaysCountWholeDaysAndJoinThemAcrossTheAdjustedSaturday) {
  const auto calendar = ChinaOffice2026();
  // From Friday 9 October 10:00 to Tuesday 13 October 10:00: Saturday the
  // 10th is an adjusted working day, Sunday the 11th is not.
  const auto left =
      WorkingTimeLeftAt(calendar, DurationUnit::kWorkingDays, Shanghai("2026-10-09T10:00:00"),
                        Shanghai("2026-10-13T10:00:00"));
  const std::vector<TimeSpan> expected = {
      {Shanghai("2026-10-09T10:00:00"), Shanghai("2026-10-11T00:00:00")},
      {Shanghai("2026-10-12T00:00:00"), Shanghai("2026-10-13T10:00:00")},
  };
  EXPECT_EQ(left.spans, expected);
  EXPECT_EQ(left.remaining_ms, (14 + 24 + 24 + 10) * kHourMs);
}

TEST(WorkingTime, CalendarUnitsCountEverythingAndNothingIsLeftOnceDue) {
  const auto calendar = ChinaOffice2026();
  const TimestampMs now = Shanghai("2026-10-01T09:00:00");
  const auto calendar_hours =
      WorkingTimeLeftAt(calendar, DurationUnit::kCalendarHours, now, now + 30 * kHourMs);
  EXPECT_EQ(calendar_hours.remaining_ms, 30 * kHourMs);
  EXPECT_EQ(calendar_hours.spans, (std::vector<TimeSpan>{{now, now + 30 * kHourMs}}));
  const auto overdue = WorkingTimeLeftAt(calendar, DurationUnit::kWorkingHours, now, now - 1);
  EXPECT_EQ(overdue.remaining_ms, 0);
  EXPECT_TRUE(overdue.spans.empty());
}

TEST(WorkingTime, TheSpansStopAtTheLimitAndTheRemainderStaysExact) {
  const auto calendar = ChinaOffice2026();
  // Two periods a working day: three months of working hours are more spans
  // than a console is sent.
  const TimestampMs now = Shanghai("2026-03-02T08:30:00");
  const TimestampMs due = Shanghai("2026-06-01T17:30:00");
  const auto left = WorkingTimeLeftAt(calendar, DurationUnit::kWorkingHours, now, due);
  ASSERT_EQ(left.spans.size(), kMaxCountingSpans);
  EXPECT_EQ(left.spans.front().from, now);
  EXPECT_LT(left.spans.back().to, due);
  EXPECT_EQ(left.remaining_ms, calendar.WorkingMsBetween(now, due));
}

}  // namespace
}  // namespace lt::sla
