#pragma once

// The business calendar Lingting ships: Monday to Friday 08:30–12:00 and
// 13:30–17:30 in Asia/Shanghai, with mainland China's public holidays and
// adjusted working days from data/holidays-cn (embedded at build time).

#include <span>
#include <string_view>

#include "base/result.hpp"
#include "sla/business_calendar.hpp"

namespace lt::sla {

// The JSON of each shipped year, oldest first.
std::span<const std::string_view> ShippedChinaHolidayYears();

// Every shipped year's holidays and adjusted working days.
Result<std::vector<CalendarException>> ShippedChinaHolidays();

inline constexpr std::string_view kShippedTimeZone = "Asia/Shanghai";
// Monday to Friday 08:30–12:00 and 13:30–17:30.
std::vector<WorkingPeriod> ShippedWorkingDay();

Result<BusinessCalendar> ShippedCalendar();

}  // namespace lt::sla
