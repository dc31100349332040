#include "http/json/calendar_wire.hpp"

#include <set>

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
namespace {

using nlohmann::json;

constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

// "YYYY-MM-DD" of a LocalDay.
std::string DateOf(sla::LocalDay day) { return FormatTimestamp(day * 86'400'000).substr(0, 10); }

}  // namespace

json CalendarToJson(const sla::CalendarDefinition& calendar, WithDays with_days) {
  json week = json::object();
  for (std::size_t day = 0; day < 7; ++day) {
    week[kDayNames[day]] = sla::FormatPeriods(calendar.week[day]);
  }
  json out = {{"id", calendar.id},
              {"code", calendar.code},
              {"name", calendar.name},
              {"time_zone", calendar.time_zone},
              {"week", week},
              {"adjusted_day", sla::FormatPeriods(calendar.adjusted_day)},
              {"updated_at", FormatTimestamp(calendar.updated_at)}};
  if (with_days == WithDays::kYes) {
    json days = json::array();
    std::set<std::string> years;
    for (const auto& day : calendar.days) {
      const std::string date = DateOf(day.day);
      years.insert(date.substr(0, 4));
      days.push_back({{"date", date}, {"working", day.working}, {"name", day.name}});
    }
    out["days"] = days;
    out["years"] = years;
  }
  return out;
}

Result<app::CalendarInput> ParseCalendarInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CalendarInput input;
  input.code = reader.RequiredString("code");
  input.name = reader.RequiredString("name");
  input.time_zone = reader.String("time_zone").value_or(input.time_zone);
  if (const json* week = reader.Object("week")) {
    ObjectReader days(*week, errors, "week");
    for (std::size_t day = 0; day < 7; ++day) {
      input.week[day] = days.String(kDayNames[day]).value_or("");
    }
    days.RejectUnknown();
  } else if (!reader.Has("week")) {
    errors.Add("week", "validation.required");
  }
  input.adjusted_day = reader.String("adjusted_day").value_or("");
  input.copy_shipped_days = reader.Boolean("copy_shipped_days").value_or(true);
  return Finish(reader, errors, std::move(input));
}

Result<app::CalendarPatch> ParseCalendarPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CalendarPatch patch;
  patch.name = reader.String("name");
  patch.time_zone = reader.String("time_zone");
  if (const json* week = reader.Object("week")) {
    ObjectReader days(*week, errors, "week");
    for (std::size_t day = 0; day < 7; ++day) {
      if (days.Has(kDayNames[day])) patch.week[day] = days.String(kDayNames[day]).value_or("");
    }
    days.RejectUnknown();
  }
  patch.adjusted_day = reader.String("adjusted_day");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
