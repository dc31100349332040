#include "base/time_format.hpp"

#include <gtest/gtest.h>

namespace lt {
namespace {

TEST(ParseTimestamp, ReadsUtcOffsetsAndPlainDates) {
  struct Case {
    const char* text;
    std::optional<TimestampMs> expected;
  };
  const Case cases[] = {
      {"2026-03-01T08:30:00Z", 1772353800000},
      {"2026-03-01T16:30:00+08:00", 1772353800000},
      {"2026-03-01T16:30:00+0800", 1772353800000},
      {"2026-03-01 08:30:00", 1772353800000},
      {"2026-03-01T08:30:00.250Z", 1772353800250},
      {"2026-03-01", 1772323200000},
      {"2026-02-30", std::nullopt},
      {"2026-13-01", std::nullopt},
      {"2026-03-01T25:00:00Z", std::nullopt},
      {"yesterday", std::nullopt},
      {"2026-03-01T08:30:00Zjunk", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : cases) EXPECT_EQ(ParseTimestamp(c.text), c.expected) << c.text;
}

TEST(FormatTimestamp, WritesRfc3339UtcWithMilliseconds) {
  EXPECT_EQ(FormatTimestamp(1772353800250), "2026-03-01T08:30:00.250Z");
  EXPECT_EQ(ParseTimestamp(FormatTimestamp(1772353800250)), 1772353800250);
}

TEST(ParseTimestampWithFormat, ReadsDayMonthYearExports) {
  EXPECT_EQ(ParseTimestampWithFormat("22-04-15", "%d-%m-%y"), ParseTimestamp("2015-04-22"));
  EXPECT_EQ(ParseTimestampWithFormat("4/22/2015 3:53", "%m/%d/%Y %H:%M"),
            ParseTimestamp("2015-04-22T03:53:00Z"));
  EXPECT_EQ(ParseTimestampWithFormat("22-04-15 trailing", "%d-%m-%y"), std::nullopt);
  EXPECT_EQ(ParseTimestampWithFormat("not a date", "%d-%m-%y"), std::nullopt);
}

TEST(YearOf, UsesTheUtcCalendarYear) {
  EXPECT_EQ(YearOf(*ParseTimestamp("2025-12-31T23:59:59Z")), 2025);
  EXPECT_EQ(YearOf(*ParseTimestamp("2026-01-01T00:00:00Z")), 2026);
}

}  // namespace
}  // namespace lt
