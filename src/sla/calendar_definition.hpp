#pragma once

// A business calendar as admins keep it: working periods per weekday and
// for adjusted working days, a time zone, and the year-by-year list of
// public holidays and adjusted working days. BuildCalendar turns it into the
// BusinessCalendar deadlines are counted in. Pure.

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "sla/business_calendar.hpp"

namespace lt::sla {

struct CalendarDefinition {
  std::int64_t id = 0;
  std::string code;  // "SHANGHAI-SERVICE"
  std::string name;
  std::string time_zone = "Asia/Shanghai";
  std::array<std::vector<WorkingPeriod>, 7> week;  // [0] is Sunday
  std::vector<WorkingPeriod> adjusted_day;         // on adjusted working days
  std::vector<CalendarException> days;             // holidays and adjusted working days
  TimestampMs updated_at = 0;                      // changes with every edit
};

// "08:30-12:00,13:30-17:30" → {{510, 720}, {810, 1050}}; "" → none (a day
// off). nullopt when malformed, out of order or overlapping.
std::optional<std::vector<WorkingPeriod>> ParsePeriods(std::string_view text);
std::string FormatPeriods(const std::vector<WorkingPeriod>& periods);

// Errors: kInvalidArgument ("time_zone" for an unknown zone, "week" when no
// day has working time).
Result<BusinessCalendar> BuildCalendar(const CalendarDefinition& definition);

// The shipped calendar's rules (Monday to Friday 08:30–12:00, 13:30–17:30,
// Asia/Shanghai, mainland China's days of 2024–2026) as a definition to start from.
Result<CalendarDefinition> ShippedDefinition();

}  // namespace lt::sla
