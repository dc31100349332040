#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "base/time_format.hpp"

namespace lt::sla {

// A stretch of working time within a day, in minutes after local midnight:
// 08:30–12:00 is {510, 720}.
struct WorkingPeriod {
  int start_minute = 0;
  int end_minute = 0;
};

// A date as days since 1970-01-01 in the calendar's own time zone.
using LocalDay = std::int64_t;

// Days the published calendar changes: public holidays (off) and weekend
// days made working days (调休补班, working).
struct CalendarException {
  LocalDay day = 0;
  bool working = false;
  std::string name;  // 国庆节, ...
};

// When work happens: working periods for each weekday, public holidays and
// adjusted working days, in one time zone. Pure: no clock, no I/O; the
// time-zone rules come from the system's tz database. Thread-safe once built.
class BusinessCalendar {
 public:
  // `week[0]` is Sunday. An adjusted working day uses `adjusted_day`
  // (normally the Monday–Friday periods). Periods must be sorted and apart.
  // Errors: kInvalidArgument for an unknown time zone or bad periods.
  static Result<BusinessCalendar> Make(const std::string& time_zone,
                                       std::array<std::vector<WorkingPeriod>, 7> week,
                                       std::vector<WorkingPeriod> adjusted_day,
                                       const std::vector<CalendarException>& exceptions);

  // The working periods of `day` (empty on a day off).
  const std::vector<WorkingPeriod>& PeriodsOf(LocalDay day) const;
  bool IsWorkingDay(LocalDay day) const { return !PeriodsOf(day).empty(); }

  // The instant `minutes` of working time after `start` (a target in working
  // hours). Time outside the periods does not count. Searches at most ten
  // years ahead; a calendar without working time gives kInvalidArgument.
  Result<TimestampMs> AddWorkingMinutes(TimestampMs start, std::int64_t minutes) const;
  Result<TimestampMs> AddWorkingMs(TimestampMs start, std::int64_t ms) const;
  // The same local time of day `days` working days after the day of `start`
  // (a target in working days): Wednesday 17:00 + 3 → Monday 17:00 in a
  // plain week.
  Result<TimestampMs> AddWorkingDays(TimestampMs start, int days) const;
  // Working time between two instants, in milliseconds (0 when to <= from).
  std::int64_t WorkingMsBetween(TimestampMs from, TimestampMs to) const;

  // The hours of working days round the clock (the regulation's "N 小时"):
  // a working day counts whole, midnight to midnight; a day off (weekend or
  // holiday that is not an adjusted working day) counts nothing. Friday
  // 20:00 + 12 h is Monday 08:00 in a plain week. Same limits and errors as
  // AddWorkingMs.
  Result<TimestampMs> AddWorkingDayMs(TimestampMs start, std::int64_t ms) const;
  // Time of working days between two instants, in milliseconds.
  std::int64_t WorkingDayMsBetween(TimestampMs from, TimestampMs to) const;

  // "2026-03-02 09:30": the instant in the calendar's time zone.
  std::string FormatLocal(TimestampMs at) const;

  // Local day and minute-of-day of an instant, and back.
  LocalDay DayOf(TimestampMs at) const;
  TimestampMs At(LocalDay day, std::int64_t minute_of_day) const;

 private:
  BusinessCalendar() = default;
  const void* zone_ = nullptr;  // const date::time_zone*
  std::array<std::vector<WorkingPeriod>, 7> week_;
  std::vector<WorkingPeriod> adjusted_day_;
  std::map<LocalDay, bool> exceptions_;  // true: working
};

// Reads one year of mainland China's published calendar in the format of
// data/holidays-cn/YYYY.json ({"days": [{"name", "date", "isOffDay"}]}).
// Errors: kInvalidArgument naming what is malformed.
Result<std::vector<CalendarException>> ParseChinaHolidays(std::string_view json);

// The first day of the month `day` is in, and of the month after.
LocalDay FirstOfMonth(LocalDay day);
LocalDay FirstOfNextMonth(LocalDay day);

// LocalDay of a "YYYY-MM-DD" date; nullopt when malformed.
std::optional<LocalDay> ParseLocalDay(std::string_view date);

}  // namespace lt::sla
