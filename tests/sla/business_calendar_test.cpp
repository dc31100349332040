// Business calendars on mainland China's real 2026 calendar
// (data/holidays-cn/2026.json, from the State Council notices).

#include "sla/business_calendar.hpp"

#include <gtest/gtest.h>

#include "support/china_calendar.hpp"

namespace lt::sla {
namespace {

using test::ChinaOffice2026;
using test::Shanghai;

TEST(BusinessCalendar, WorkingDaysEndAtTheSameTimeOfDayAcrossTheNationalDayHoliday) {
  // The example of issue 4: a sample received on Wednesday 2026-09-30 at
  // 17:00 with a 3-working-day reply target. 1–7 October are holidays and
  // Saturday the 10th is an adjusted working day.
  const auto calendar = ChinaOffice2026();
  auto due = calendar.AddWorkingDays(Shanghai("2026-09-30T17:00:00"), 3);
  ASSERT_TRUE(due.ok());
  EXPECT_EQ(FormatTimestamp(*due), FormatTimestamp(Shanghai("2026-10-10T17:00:00")));
}

TEST(BusinessCalendar, WorkingHoursSkipTheLunchBreakTheNightAndTheHoliday) {
  const auto calendar = ChinaOffice2026();
  // 17:30 on the working day before the holiday: nothing is left that day,
  // and the next working time is Thursday 8 October, after 1–7 October.
  auto first_contact = calendar.AddWorkingMinutes(Shanghai("2026-09-30T17:30:00"), 12 * 60);
  ASSERT_TRUE(first_contact.ok());
  // 8 Oct: 08:30–12:00 (3.5 h) + 13:30–17:30 (4 h) = 7.5 h; 9 Oct: 4.5 h more
  // → 08:30 + 3.5 h = 12:00, then 13:30 + 1 h = 14:30.
  EXPECT_EQ(FormatTimestamp(*first_contact), FormatTimestamp(Shanghai("2026-10-09T14:30:00")));
  // Starting inside the lunch break counts from 13:30.
  auto after_lunch = calendar.AddWorkingMinutes(Shanghai("2026-03-02T12:15:00"), 60);
  EXPECT_EQ(FormatTimestamp(after_lunch.value()), FormatTimestamp(Shanghai("2026-03-02T14:30:00")));
}

TEST(BusinessCalendar, KnowsHolidaysAdjustedWorkingDaysAndPlainWeekends) {
  const auto calendar = ChinaOffice2026();
  EXPECT_FALSE(calendar.IsWorkingDay(*ParseLocalDay("2026-10-01")));  // 国庆节, a Thursday
  EXPECT_TRUE(calendar.IsWorkingDay(*ParseLocalDay("2026-10-10")));   // Saturday, 补班
  EXPECT_TRUE(calendar.IsWorkingDay(*ParseLocalDay("2026-09-20")));   // Sunday, 补班
  EXPECT_FALSE(calendar.IsWorkingDay(*ParseLocalDay("2026-10-11")));  // a plain Sunday
  EXPECT_TRUE(calendar.IsWorkingDay(*ParseLocalDay("2026-10-08")));   // Thursday after
}

TEST(BusinessCalendar, MeasuresWorkingTimeBetweenTwoInstants) {
  const auto calendar = ChinaOffice2026();
  // Friday 16:30 to Monday 09:30 in a plain week: 1 h + 1 h.
  EXPECT_EQ(
      calendar.WorkingMsBetween(Shanghai("2026-03-06T16:30:00"), Shanghai("2026-03-09T09:30:00")),
      2 * 3600 * 1000);
  EXPECT_EQ(
      calendar.WorkingMsBetween(Shanghai("2026-03-09T09:30:00"), Shanghai("2026-03-06T16:30:00")),
      0);
}

TEST(BusinessCalendar, HoursOfWorkingDaysCountRoundTheClockAndSkipDaysOff) {
  const auto calendar = ChinaOffice2026();
  constexpr std::int64_t kHour = 3600 * 1000;
  auto add = [&](const std::string& from, std::int64_t hours) {
    auto due = calendar.AddWorkingDayMs(Shanghai(from), hours * kHour);
    EXPECT_TRUE(due.ok());
    return due.ok() ? FormatTimestamp(*due) : std::string();
  };
  // A plain working day counts its night too: Monday 10:00 + 24 h.
  EXPECT_EQ(add("2026-03-02T10:00:00", 24), FormatTimestamp(Shanghai("2026-03-03T10:00:00")));
  // Friday 20:00 + 12 h: 4 h of Friday, then Monday from midnight.
  EXPECT_EQ(add("2026-03-06T20:00:00", 12), FormatTimestamp(Shanghai("2026-03-09T08:00:00")));
  // Started on a day off, counting begins on the next working day.
  EXPECT_EQ(add("2026-03-07T10:00:00", 12), FormatTimestamp(Shanghai("2026-03-09T12:00:00")));
  // 30 September 17:30 + 24 h: the National Day holiday (1–7 October) is
  // skipped; the adjusted working Saturday 10 October would count.
  EXPECT_EQ(add("2026-09-30T17:30:00", 24), FormatTimestamp(Shanghai("2026-10-08T17:30:00")));
  EXPECT_EQ(add("2026-10-09T12:00:00", 24), FormatTimestamp(Shanghai("2026-10-10T12:00:00")));
  // Measured back: the same spans.
  EXPECT_EQ(calendar.WorkingDayMsBetween(Shanghai("2026-03-06T20:00:00"),
                                         Shanghai("2026-03-09T08:00:00")),
            12 * kHour);
  EXPECT_EQ(calendar.WorkingDayMsBetween(Shanghai("2026-09-30T17:30:00"),
                                         Shanghai("2026-10-08T17:30:00")),
            24 * kHour);
  EXPECT_EQ(calendar.WorkingDayMsBetween(Shanghai("2026-03-07T00:00:00"),
                                         Shanghai("2026-03-08T23:00:00")),
            0);
}

TEST(BusinessCalendar, RefusesUnknownZonesBadPeriodsAndMalformedCalendars) {
  EXPECT_EQ(BusinessCalendar::Make("Mars/Olympus", {}, {}, {}).error().fields.at(0).key,
            "validation.unknown_time_zone");
  EXPECT_EQ(
      BusinessCalendar::Make("Asia/Shanghai", {{{}, {{720, 510}}, {}, {}, {}, {}, {}}}, {}, {})
          .error()
          .fields.at(0)
          .key,
      "validation.bad_periods");
  EXPECT_FALSE(ParseChinaHolidays(R"({"days":[{"date":"2026-02-30","isOffDay":true}]})").ok());
  EXPECT_FALSE(ParseChinaHolidays("not json").ok());
  const auto empty = BusinessCalendar::Make("Asia/Shanghai", {}, {}, {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->AddWorkingMinutes(0, 60).error().fields.at(0).key,
            "validation.calendar_without_work");
}

}  // namespace
}  // namespace lt::sla
