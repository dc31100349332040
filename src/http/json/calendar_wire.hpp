#pragma once

// The JSON shape of business calendars: working periods as
// "08:30-12:00,13:30-17:30" per weekday, days as "YYYY-MM-DD".

#include <nlohmann/json.hpp>

#include "app/calendars.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

enum class WithDays { kNo, kYes };
nlohmann::json CalendarToJson(const sla::CalendarDefinition& calendar, WithDays with_days);
Result<app::CalendarInput> ParseCalendarInput(const nlohmann::json& body);
Result<app::CalendarPatch> ParseCalendarPatch(const nlohmann::json& body);

}  // namespace lt::http::wire
