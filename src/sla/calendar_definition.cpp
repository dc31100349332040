#include "sla/calendar_definition.hpp"

#include "sla/shipped_calendar.hpp"

namespace lt::sla {
namespace {

// "08:30" → 510; nullopt unless HH:MM within a day (24:00 allowed as an end).
std::optional<int> ParseClock(std::string_view text) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  for (const std::size_t i : {0, 1, 3, 4}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int hours = (text[0] - '0') * 10 + (text[1] - '0');
  const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
  if (minutes > 59 || hours > 24 || (hours == 24 && minutes > 0)) return std::nullopt;
  return hours * 60 + minutes;
}

std::string FormatClock(int minute) {
  const auto two = [](int value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return two(minute / 60) + ":" + two(minute % 60);
}

}  // namespace

std::optional<std::vector<WorkingPeriod>> ParsePeriods(std::string_view text) {
  std::vector<WorkingPeriod> periods;
  if (!text.empty() && text.back() == ',') return std::nullopt;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
    const auto dash = item.find('-');
    if (dash == std::string_view::npos) return std::nullopt;
    const auto start = ParseClock(item.substr(0, dash));
    const auto end = ParseClock(item.substr(dash + 1));
    if (!start || !end || *start >= *end) return std::nullopt;
    if (!periods.empty() && *start < periods.back().end_minute) return std::nullopt;
    periods.push_back({*start, *end});
  }
  return periods;
}

std::string FormatPeriods(const std::vector<WorkingPeriod>& periods) {
  std::string text;
  for (const auto& period : periods) {
    if (!text.empty()) text += ",";
    text += FormatClock(period.start_minute) + "-" + FormatClock(period.end_minute);
  }
  return text;
}

Result<BusinessCalendar> BuildCalendar(const CalendarDefinition& definition) {
  bool any_work = false;
  for (const auto& day : definition.week) any_work = any_work || !day.empty();
  if (!any_work) return Error::Invalid("week", "validation.week_without_work");
  auto built = BusinessCalendar::Make(definition.time_zone, definition.week,
                                      definition.adjusted_day, definition.days);
  if (!built.ok()) return Error::Invalid("time_zone", "validation.time_zone");
  return built;
}

Result<CalendarDefinition> ShippedDefinition() {
  CalendarDefinition definition;
  definition.time_zone = std::string(kShippedTimeZone);
  const auto day = ShippedWorkingDay();
  definition.week = {{{}, day, day, day, day, day, {}}};
  definition.adjusted_day = day;
  LT_TRY_ASSIGN(definition.days, ShippedChinaHolidays());
  return definition;
}

}  // namespace lt::sla
