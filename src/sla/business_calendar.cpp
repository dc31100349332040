#include "sla/business_calendar.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lt::sla {
namespace {

constexpr std::int64_t kMinuteMs = 60'000;
constexpr LocalDay kSearchLimitDays = 3660;  // ten years

const date::time_zone* Zone(const void* zone) { return static_cast<const date::time_zone*>(zone); }

bool PeriodsAreValid(const std::vector<WorkingPeriod>& periods) {
  int previous_end = -1;
  for (const auto& period : periods) {
    if (period.start_minute < 0 || period.end_minute > 1440 ||
        period.start_minute >= period.end_minute || period.start_minute < previous_end) {
      return false;
    }
    previous_end = period.end_minute;
  }
  return true;
}

}  // namespace

Result<BusinessCalendar> BusinessCalendar::Make(const std::string& time_zone,
                                                std::array<std::vector<WorkingPeriod>, 7> week,
                                                std::vector<WorkingPeriod> adjusted_day,
                                                const std::vector<CalendarException>& exceptions) {
  BusinessCalendar calendar;
  try {
    calendar.zone_ = date::locate_zone(time_zone);
  } catch (const std::exception&) {
    return Error::Invalid("time_zone", "validation.unknown_time_zone", {{"zone", time_zone}});
  }
  for (const auto& periods : week) {
    if (!PeriodsAreValid(periods)) return Error::Invalid("periods", "validation.bad_periods");
  }
  if (!PeriodsAreValid(adjusted_day)) return Error::Invalid("periods", "validation.bad_periods");
  calendar.week_ = std::move(week);
  calendar.adjusted_day_ = std::move(adjusted_day);
  for (const auto& exception : exceptions) calendar.exceptions_[exception.day] = exception.working;
  return calendar;
}

const std::vector<WorkingPeriod>& BusinessCalendar::PeriodsOf(LocalDay day) const {
  static const std::vector<WorkingPeriod> kNone;
  if (const auto found = exceptions_.find(day); found != exceptions_.end()) {
    return found->second ? adjusted_day_ : kNone;
  }
  const auto weekday = date::weekday(date::sys_days(date::days(day))).c_encoding();
  return week_[weekday];
}

LocalDay BusinessCalendar::DayOf(TimestampMs at) const {
  const auto local = Zone(zone_)->to_local(
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at)));
  return date::floor<date::days>(local).time_since_epoch().count();
}

std::string BusinessCalendar::FormatLocal(TimestampMs at) const {
  const auto local = Zone(zone_)->to_local(
      date::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at)));
  return date::format("%F %R", date::floor<std::chrono::minutes>(local));
}

TimestampMs BusinessCalendar::At(LocalDay day, std::int64_t minute_of_day) const {
  const date::local_time<std::chrono::milliseconds> local{
      std::chrono::milliseconds(day * 86'400'000 + minute_of_day * kMinuteMs)};
  // A local time skipped or repeated by a daylight-saving change resolves to
  // the earlier instant (China has none; other zones may).
  const auto info = Zone(zone_)->get_info(date::floor<std::chrono::seconds>(local));
  const auto offset =
      info.result == date::local_info::unique || info.result == date::local_info::ambiguous
          ? info.first.offset
          : info.second.offset;
  return (local.time_since_epoch() - std::chrono::duration_cast<std::chrono::milliseconds>(offset))
      .count();
}

Result<TimestampMs> BusinessCalendar::AddWorkingMinutes(TimestampMs start,
                                                        std::int64_t minutes) const {
  return AddWorkingMs(start, minutes * kMinuteMs);
}

Result<TimestampMs> BusinessCalendar::AddWorkingMs(TimestampMs start,
                                                   std::int64_t remaining_ms) const {
  const LocalDay first = DayOf(start);
  for (LocalDay day = first; day < first + kSearchLimitDays; ++day) {
    for (const auto& period : PeriodsOf(day)) {
      const TimestampMs period_start = At(day, period.start_minute);
      const TimestampMs period_end = At(day, period.end_minute);
      const TimestampMs from = std::max(start, period_start);
      if (from >= period_end) continue;
      if (remaining_ms <= period_end - from) return from + remaining_ms;
      remaining_ms -= period_end - from;
    }
  }
  return Error::Invalid("calendar", "validation.calendar_without_work");
}

Result<TimestampMs> BusinessCalendar::AddWorkingDays(TimestampMs start, int days) const {
  if (days <= 0) return start;
  const LocalDay first = DayOf(start);
  const std::int64_t minute_of_day = (start - At(first, 0)) / kMinuteMs;
  const std::int64_t remainder_ms = (start - At(first, 0)) % kMinuteMs;
  int counted = 0;
  for (LocalDay day = first + 1; day < first + kSearchLimitDays; ++day) {
    if (IsWorkingDay(day) && ++counted == days) return At(day, minute_of_day) + remainder_ms;
  }
  return Error::Invalid("calendar", "validation.calendar_without_work");
}

std::int64_t BusinessCalendar::WorkingMsBetween(TimestampMs from, TimestampMs to) const {
  std::int64_t total = 0;
  if (to <= from) return 0;
  for (LocalDay day = DayOf(from); day <= DayOf(to); ++day) {
    for (const auto& period : PeriodsOf(day)) {
      const TimestampMs begin = std::max(from, At(day, period.start_minute));
      const TimestampMs end = std::min(to, At(day, period.end_minute));
      if (end > begin) total += end - begin;
    }
  }
  return total;
}

Result<TimestampMs> BusinessCalendar::AddWorkingDayMs(TimestampMs start,
                                                      std::int64_t remaining_ms) const {
  const LocalDay first = DayOf(start);
  for (LocalDay day = first; day < first + kSearchLimitDays; ++day) {
    if (!IsWorkingDay(day)) continue;
    const TimestampMs from = std::max(start, At(day, 0));
    const TimestampMs day_end = At(day + 1, 0);
    if (remaining_ms <= day_end - from) return from + remaining_ms;
    remaining_ms -= day_end - from;
  }
  return Error::Invalid("calendar", "validation.calendar_without_work");
}

std::int64_t BusinessCalendar::WorkingDayMsBetween(TimestampMs from, TimestampMs to) const {
  std::int64_t total = 0;
  if (to <= from) return 0;
  for (LocalDay day = DayOf(from); day <= DayOf(to); ++day) {
    if (!IsWorkingDay(day)) continue;
    const TimestampMs begin = std::max(from, At(day, 0));
    const TimestampMs end = std::min(to, At(day + 1, 0));
    if (end > begin) total += end - begin;
  }
  return total;
}

LocalDay FirstOfMonth(LocalDay day) {
  const date::year_month_day ymd{date::sys_days(date::days(day))};
  return date::sys_days(ymd.year() / ymd.month() / 1).time_since_epoch().count();
}

LocalDay FirstOfNextMonth(LocalDay day) {
  const date::year_month_day ymd{date::sys_days(date::days(day))};
  const date::year_month next = ymd.year() / ymd.month() + date::months(1);
  return date::sys_days(next / 1).time_since_epoch().count();
}

std::optional<LocalDay> ParseLocalDay(std::string_view text) {
  int year = 0;
  unsigned month = 0, day = 0;
  if (text.size() != 10 ||
      std::sscanf(std::string(text).c_str(), "%4d-%2u-%2u", &year, &month, &day) != 3) {
    return std::nullopt;
  }
  const date::year_month_day ymd{date::year(year), date::month(month), date::day(day)};
  if (!ymd.ok()) return std::nullopt;
  return date::sys_days(ymd).time_since_epoch().count();
}

Result<std::vector<CalendarException>> ParseChinaHolidays(std::string_view json) {
  const auto document = nlohmann::json::parse(json, nullptr, false);
  if (!document.is_object() || !document.contains("days") || !document["days"].is_array()) {
    return Error::Invalid("days", "validation.required");
  }
  std::vector<CalendarException> exceptions;
  for (const auto& entry : document["days"]) {
    if (!entry.is_object() || !entry.contains("date") || !entry["date"].is_string() ||
        !entry.contains("isOffDay") || !entry["isOffDay"].is_boolean()) {
      return Error::Invalid("days", "validation.bad_calendar_day");
    }
    const auto day = ParseLocalDay(entry["date"].get<std::string>());
    if (!day) return Error::Invalid("days", "validation.bad_calendar_day");
    exceptions.push_back(
        {*day, !entry["isOffDay"].get<bool>(), entry.value("name", std::string())});
  }
  return exceptions;
}

}  // namespace lt::sla
