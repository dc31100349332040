#include "sla/shipped_calendar.hpp"

#include "sla/calendar_definition.hpp"

namespace lt::sla {

Result<std::vector<CalendarException>> ShippedChinaHolidays() {
  std::vector<CalendarException> all;
  for (const auto year : ShippedChinaHolidayYears()) {
    LT_TRY_ASSIGN(auto days, ParseChinaHolidays(year));
    all.insert(all.end(), days.begin(), days.end());
  }
  return all;
}

std::vector<WorkingPeriod> ShippedWorkingDay() { return {{510, 720}, {810, 1050}}; }

Result<BusinessCalendar> ShippedCalendar() {
  LT_TRY_ASSIGN(const auto definition, ShippedDefinition());
  return BuildCalendar(definition);
}

}  // namespace lt::sla
