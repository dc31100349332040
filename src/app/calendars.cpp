#include "app/calendars.hpp"

#include <map>
#include <mutex>

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/department_calendars.hpp"
#include "app/field_rules.hpp"
#include "app/sla_recompute.hpp"
#include "storage/audit_store.hpp"
#include "storage/calendar_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"

namespace lt::app {
namespace {

constexpr const char* kDayNames[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::vector<sla::WorkingPeriod> CheckPeriods(const std::string& text, const std::string& field,
                                             FieldErrors& errors) {
  auto periods = sla::ParsePeriods(text);
  if (!periods) {
    errors.Add(field, "validation.periods");
    return {};
  }
  return *periods;
}

// Builds the definition to check it; the error names the field.
Status CheckBuilds(const sla::CalendarDefinition& definition) {
  LT_TRY(sla::BuildCalendar(definition));
  return Ok();
}

Status Audit(storage::Connection& connection, const sla::CalendarDefinition& definition,
             const std::string& verb, const domain::Principal& principal, TimestampMs now,
             ChangeList changes) {
  return storage::AuditStore(connection)
      .Append(MakeEvent("business_calendar", definition.id, verb, principal.user_id, now,
                        changes.Take()));
}

std::string WeekText(const sla::CalendarDefinition& definition) {
  std::string text;
  for (std::size_t day = 0; day < 7; ++day) {
    text += std::string(day ? " " : "") + kDayNames[day] + "=" +
            sla::FormatPeriods(definition.week[day]);
  }
  return text + " adjusted=" + sla::FormatPeriods(definition.adjusted_day);
}

}  // namespace

Result<std::vector<sla::CalendarDefinition>> ListCalendars(AppContext& context,
                                                           const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  std::vector<sla::CalendarDefinition> calendars;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(calendars, storage::CalendarStore(connection).List());
    return Ok();
  }));
  return calendars;
}

Result<sla::CalendarDefinition> GetCalendar(AppContext& context, const domain::Principal& principal,
                                            Id id) {
  LT_TRY(RequireStaff(principal));
  sla::CalendarDefinition definition;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(definition, LoadCalendar(connection, id));
    return Ok();
  }));
  return definition;
}

Result<sla::CalendarDefinition> CreateCalendar(AppContext& context,
                                               const domain::Principal& principal,
                                               const CalendarInput& input) {
  LT_TRY(RequireAdmin(principal));
  FieldErrors errors;
  sla::CalendarDefinition definition;
  definition.code = CheckText(input.code, "code", 40, Presence::kRequired, errors);
  definition.name = CheckText(input.name, "name", 200, Presence::kRequired, errors);
  definition.time_zone = input.time_zone;
  for (std::size_t day = 0; day < 7; ++day) {
    definition.week[day] =
        CheckPeriods(input.week[day], std::string("week.") + kDayNames[day], errors);
  }
  definition.adjusted_day = CheckPeriods(input.adjusted_day, "adjusted_day", errors);
  if (!errors.empty()) return errors.ToError();
  if (input.copy_shipped_days) {
    LT_TRY_ASSIGN(const auto shipped, sla::ShippedDefinition());
    definition.days = shipped.days;
  }
  LT_TRY(CheckBuilds(definition));
  const TimestampMs now = context.clock.NowMs();
  definition.updated_at = now;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    auto inserted = storage::CalendarStore(connection).Insert(definition);
    if (!inserted.ok()) {
      if (inserted.error().code == ErrorCode::kConflict) {
        return Error::Of(ErrorCode::kConflict, "error.calendar_code_taken",
                         {{"code", definition.code}});
      }
      return inserted.error();
    }
    definition.id = inserted.value();
    ChangeList changes;
    changes.Record("code", std::nullopt, definition.code);
    changes.Record("time_zone", std::nullopt, definition.time_zone);
    changes.Record("week", std::nullopt, WeekText(definition));
    return Audit(connection, definition, "create", principal, now, std::move(changes));
  }));
  return definition;
}

Result<sla::CalendarDefinition> UpdateCalendar(AppContext& context,
                                               const domain::Principal& principal, Id id,
                                               const CalendarPatch& patch) {
  LT_TRY(RequireAdmin(principal));
  const TimestampMs now = context.clock.NowMs();
  sla::CalendarDefinition after;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto before, LoadCalendar(connection, id));
    after = before;
    FieldErrors errors;
    if (patch.name) after.name = CheckText(*patch.name, "name", 200, Presence::kRequired, errors);
    if (patch.time_zone) after.time_zone = *patch.time_zone;
    for (std::size_t day = 0; day < 7; ++day) {
      if (patch.week[day]) {
        after.week[day] =
            CheckPeriods(*patch.week[day], std::string("week.") + kDayNames[day], errors);
      }
    }
    if (patch.adjusted_day)
      after.adjusted_day = CheckPeriods(*patch.adjusted_day, "adjusted_day", errors);
    if (!errors.empty()) return errors.ToError();
    LT_TRY(CheckBuilds(after));
    after.updated_at = std::max(now, before.updated_at + 1);
    LT_TRY(storage::CalendarStore(connection).Update(after));
    ChangeList changes;
    changes.Record("name", before.name, after.name);
    changes.Record("time_zone", before.time_zone, after.time_zone);
    changes.Record("week", WeekText(before), WeekText(after));
    LT_TRY(ScheduleSlaRecompute(connection, RecomputeScope::kCalendar, id, now));
    return Audit(connection, after, "update", principal, now, std::move(changes));
  }));
  return after;
}

Result<sla::CalendarDefinition> ImportCalendarYear(AppContext& context,
                                                   const domain::Principal& principal, Id id,
                                                   int year, std::string_view json) {
  LT_TRY(RequireAdmin(principal));
  if (year < 1970 || year > 2200) {
    return Error::Invalid("year", "validation.range", {{"min", "1970"}, {"max", "2200"}});
  }
  LT_TRY_ASSIGN(const auto days, sla::ParseChinaHolidays(json));
  const auto first = sla::ParseLocalDay(std::to_string(year) + "-01-01");
  const auto last = sla::ParseLocalDay(std::to_string(year) + "-12-31");
  std::map<sla::LocalDay, const sla::CalendarException*> unique;
  for (const auto& day : days) {
    if (day.day < *first || day.day > *last || !unique.emplace(day.day, &day).second) {
      return Error::Invalid("days", "validation.bad_calendar_day");
    }
  }
  const TimestampMs now = context.clock.NowMs();
  sla::CalendarDefinition after;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto before, LoadCalendar(connection, id));
    storage::CalendarStore store(connection);
    LT_TRY(store.ReplaceDays(id, *first, *last, days));
    LT_TRY(store.Touch(id, std::max(now, before.updated_at + 1)));
    LT_TRY_ASSIGN(after, LoadCalendar(connection, id));
    ChangeList changes;
    changes.Record("year", std::nullopt, std::to_string(year));
    changes.Record("days", std::nullopt, std::to_string(days.size()));
    LT_TRY(ScheduleSlaRecompute(connection, RecomputeScope::kCalendar, id, now));
    return Audit(connection, after, "import_year", principal, now, std::move(changes));
  }));
  return after;
}

}  // namespace lt::app
