#include "app/report_period.hpp"

#include <string>

#include "app/department_calendars.hpp"
#include "app/sla_clocks.hpp"

namespace lt::app {
namespace {

Result<Period> MonthStartingOn(sla::LocalDay first) {
  LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, ShippedBusinessCalendar());
  return Period{calendar->At(first, 0), calendar->At(sla::FirstOfNextMonth(first), 0)};
}

}  // namespace

Result<Period> MonthPeriod(std::string_view month, std::string_view field) {
  const auto first =
      month.size() == 7 ? sla::ParseLocalDay(std::string(month) + "-01") : std::nullopt;
  if (!first) return Error::Invalid(std::string(field), "validation.month");
  return MonthStartingOn(*first);
}

Result<Period> YearOrMonthPeriod(std::string_view text, std::string_view field) {
  if (text.size() == 7) return MonthPeriod(text, field);
  const auto first =
      text.size() == 4 ? sla::ParseLocalDay(std::string(text) + "-01-01") : std::nullopt;
  if (!first) return Error::Invalid(std::string(field), "validation.period");
  LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, ShippedBusinessCalendar());
  const auto next_year =
      sla::ParseLocalDay(std::to_string(std::stoi(std::string(text)) + 1) + "-01-01");
  if (!next_year) return Error::Invalid(std::string(field), "validation.period");
  return Period{calendar->At(*first, 0), calendar->At(*next_year, 0)};
}

Result<Period> MonthContaining(TimestampMs at) {
  LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, ShippedBusinessCalendar());
  return MonthStartingOn(sla::FirstOfMonth(calendar->DayOf(at)));
}

}  // namespace lt::app
