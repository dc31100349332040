#include "sla/shipped_calendar.hpp"

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
  LT_TRY_ASSIGN(auto holidays, ShippedChinaHolidays());
  const auto day = ShippedWorkingDay();
  return BusinessCalendar::Make(std::string(kShippedTimeZone), {{{}, day, day, day, day, day, {}}},
                                day, holidays);
}

}  // namespace lt::sla
