#include "app/report_period.hpp"

#include <string>

#include "app/sla_clocks.hpp"

namespace lt::app {

Result<Period> MonthPeriod(std::string_view month, std::string_view field) {
  auto invalid = [&] { return Error::Invalid(std::string(field), "validation.month"); };
  if (month.size() != 7 || month[4] != '-') return invalid();
  const auto first = sla::ParseLocalDay(std::string(month) + "-01");
  if (!first) return invalid();
  const int year = std::stoi(std::string(month.substr(0, 4)));
  const int month_number = std::stoi(std::string(month.substr(5, 2)));
  const int next_month = month_number % 12 + 1;
  const std::string next = std::to_string(next_month == 1 ? year + 1 : year) +
                           (next_month < 10 ? "-0" : "-") + std::to_string(next_month) + "-01";
  const auto following = sla::ParseLocalDay(next);
  if (!following) return invalid();
  LT_TRY_ASSIGN(const sla::BusinessCalendar* calendar, ShippedBusinessCalendar());
  return Period{calendar->At(*first, 0), calendar->At(*following, 0)};
}

}  // namespace lt::app
