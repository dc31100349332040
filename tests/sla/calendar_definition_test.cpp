#include "sla/calendar_definition.hpp"

#include <gtest/gtest.h>

#include "sla/shipped_calendar.hpp"

namespace lt::sla {
namespace {

TEST(CalendarDefinition, PeriodsAreReadAndWrittenAsClockTimes) {
  const auto periods = ParsePeriods("08:30-12:00,13:30-17:30");
  ASSERT_TRUE(periods.has_value());
  ASSERT_EQ(periods->size(), 2u);
  EXPECT_EQ((*periods)[0].start_minute, 510);
  EXPECT_EQ((*periods)[1].end_minute, 1050);
  EXPECT_EQ(FormatPeriods(*periods), "08:30-12:00,13:30-17:30");
  EXPECT_TRUE(ParsePeriods("")->empty());
  EXPECT_EQ(FormatPeriods(*ParsePeriods("00:00-24:00")), "00:00-24:00");
  for (const char* bad :
       {"8:30-12:00", "08:30", "12:00-08:30", "08:00-12:00,11:00-13:00", "13:00-14:00,08:00-09:00",
        "08:60-09:00", "24:30-25:00", "08:30-12:00,"}) {
    EXPECT_FALSE(ParsePeriods(bad).has_value()) << bad;
  }
}

TEST(CalendarDefinition, TheShippedDefinitionBuildsTheShippedCalendar) {
  const auto definition = ShippedDefinition();
  ASSERT_TRUE(definition.ok());
  auto built = BuildCalendar(definition.value());
  auto shipped = ShippedCalendar();
  ASSERT_TRUE(built.ok() && shipped.ok());
  // Wednesday 2026-09-30 17:00 + 3 working days: 10 October (Oct 1-7 off, the 10th worked).
  const TimestampMs start = ParseTimestamp("2026-09-30T17:00:00+08:00").value();
  EXPECT_EQ(built.value().AddWorkingDays(start, 3).value(),
            shipped.value().AddWorkingDays(start, 3).value());
  EXPECT_EQ(FormatTimestamp(built.value().AddWorkingDays(start, 3).value()),
            "2026-10-10T09:00:00.000Z");
}

TEST(CalendarDefinition, ACalendarNeedsWorkingTimeAndAKnownZone) {
  CalendarDefinition definition;
  auto empty = BuildCalendar(definition);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.error().fields[0].field, "week");
  definition.week[1] = *ParsePeriods("09:00-18:00");
  definition.time_zone = "Mars/Olympus";
  auto zone = BuildCalendar(definition);
  ASSERT_FALSE(zone.ok());
  EXPECT_EQ(zone.error().fields[0].field, "time_zone");
  definition.time_zone = "Europe/Berlin";
  EXPECT_TRUE(BuildCalendar(definition).ok());
}

}  // namespace
}  // namespace lt::sla
