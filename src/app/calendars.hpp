#pragma once

// Business calendars admins keep: working periods per weekday and for
// adjusted working days, a time zone, and holidays and adjusted working days
// imported year by year (in the format of data/holidays-cn). A department
// with a calendar has its cases' deadlines counted in it; the others use the
// shipped calendar. Every change is audited ("business_calendar", id).
//
// An edit recomputes the clocks of the open cases counting in the calendar,
// in the background (app::RecomputeSlaBatch); clocks that stopped keep their
// verdict.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "sla/calendar_definition.hpp"

namespace lt::app {

struct CalendarInput {
  std::string code;
  std::string name;
  std::string time_zone = "Asia/Shanghai";
  std::array<std::string, 7> week;  // period lists, Sunday first ("08:30-12:00,13:30-17:30")
  std::string adjusted_day;         // periods of adjusted working days
  bool copy_shipped_days = true;    // start from mainland China's 2024–2026 days
};

struct CalendarPatch {
  Patch<std::string> name;
  Patch<std::string> time_zone;
  std::array<Patch<std::string>, 7> week;
  Patch<std::string> adjusted_day;
};

// Staff read; admins change. Errors: kForbidden, kNotFound, kInvalidArgument,
// kConflict "error.calendar_code_taken".
Result<std::vector<sla::CalendarDefinition>> ListCalendars(AppContext& context,
                                                           const domain::Principal& principal);
Result<sla::CalendarDefinition> GetCalendar(AppContext& context, const domain::Principal& principal,
                                            Id id);
Result<sla::CalendarDefinition> CreateCalendar(AppContext& context,
                                               const domain::Principal& principal,
                                               const CalendarInput& input);
Result<sla::CalendarDefinition> UpdateCalendar(AppContext& context,
                                               const domain::Principal& principal, Id id,
                                               const CalendarPatch& patch);
// Replaces the holidays and adjusted working days of `year` with those of
// `json` ({"days": [{"name", "date", "isOffDay"}]}); every date must be in
// that year. Errors as above, "validation.bad_calendar_day" for the days.
Result<sla::CalendarDefinition> ImportCalendarYear(AppContext& context,
                                                   const domain::Principal& principal, Id id,
                                                   int year, std::string_view json);

}  // namespace lt::app
