#include "storage/calendar_store.hpp"

namespace lt::storage {
namespace {

constexpr const char* kCalendarColumns =
    "id, code, name, time_zone, week, adjusted_day, updated_at";

std::string WeekText(const std::array<std::vector<sla::WorkingPeriod>, 7>& week) {
  std::string text;
  for (std::size_t day = 0; day < week.size(); ++day) {
    if (day) text += ";";
    text += sla::FormatPeriods(week[day]);
  }
  return text;
}

std::array<std::vector<sla::WorkingPeriod>, 7> WeekOf(const std::string& text) {
  std::array<std::vector<sla::WorkingPeriod>, 7> week;
  std::size_t day = 0, start = 0;
  while (day < week.size()) {
    const auto end = text.find(';', start);
    week[day++] = sla::ParsePeriods(text.substr(start, end - start))
                      .value_or(std::vector<sla::WorkingPeriod>{});
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return week;
}

sla::CalendarDefinition CalendarFromRow(const Row& row) {
  sla::CalendarDefinition definition;
  definition.id = row.Int(0);
  definition.code = row.Text(1);
  definition.name = row.Text(2);
  definition.time_zone = row.Text(3);
  definition.week = WeekOf(row.Text(4));
  definition.adjusted_day =
      sla::ParsePeriods(row.Text(5)).value_or(std::vector<sla::WorkingPeriod>{});
  definition.updated_at = row.Int(6);
  return definition;
}

}  // namespace

Result<std::vector<sla::CalendarDefinition>> CalendarStore::List() {
  std::vector<sla::CalendarDefinition> calendars;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kCalendarColumns + " FROM business_calendars ORDER BY code", {},
      [&](const Row& row) { calendars.push_back(CalendarFromRow(row)); }));
  return calendars;
}

Result<std::optional<sla::CalendarDefinition>> CalendarStore::Find(std::int64_t id) {
  std::optional<sla::CalendarDefinition> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kCalendarColumns + " FROM business_calendars WHERE id = $1", {id},
      [&](const Row& row) { found = CalendarFromRow(row); }));
  if (!found) return found;
  LT_TRY(connection_.Query(
      "SELECT day, working, name FROM calendar_days WHERE calendar_id = $1 ORDER BY day", {id},
      [&](const Row& row) {
        found->days.push_back({row.Int(0), row.Int(1) != 0, row.Text(2)});
      }));
  return found;
}

Result<std::optional<CalendarVersion>> CalendarStore::VersionForDepartment(
    std::int64_t department_id) {
  std::optional<CalendarVersion> version;
  LT_TRY(
      connection_.Query("SELECT c.id, c.updated_at FROM departments d JOIN business_calendars c "
                        "ON c.id = d.calendar_id WHERE d.id = $1",
                        {department_id}, [&](const Row& row) {
                          version = CalendarVersion{row.Int(0), row.Int(1)};
                        }));
  return version;
}

Result<std::int64_t> CalendarStore::Insert(const sla::CalendarDefinition& definition) {
  LT_TRY_ASSIGN(
      const std::int64_t id,
      connection_.QueryInt(
          "INSERT INTO business_calendars (code, name, time_zone, week, adjusted_day, "
          "updated_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          {definition.code, definition.name, definition.time_zone, WeekText(definition.week),
           sla::FormatPeriods(definition.adjusted_day), definition.updated_at}));
  LT_TRY(InsertDays(id, definition.days));
  return id;
}

Status CalendarStore::Update(const sla::CalendarDefinition& definition) {
  LT_TRY(connection_.Execute(
      "UPDATE business_calendars SET name = $1, time_zone = $2, week = $3, adjusted_day = $4, "
      "updated_at = $5 WHERE id = $6",
      {definition.name, definition.time_zone, WeekText(definition.week),
       sla::FormatPeriods(definition.adjusted_day), definition.updated_at, definition.id}));
  return Ok();
}

Status CalendarStore::ReplaceDays(std::int64_t calendar_id, sla::LocalDay first_day,
                                  sla::LocalDay last_day,
                                  const std::vector<sla::CalendarException>& days) {
  LT_TRY(connection_.Execute(
      "DELETE FROM calendar_days WHERE calendar_id = $1 AND day >= $2 AND day <= $3",
      {calendar_id, first_day, last_day}));
  return InsertDays(calendar_id, days);
}

Status CalendarStore::Touch(std::int64_t calendar_id, TimestampMs updated_at) {
  LT_TRY(connection_.Execute("UPDATE business_calendars SET updated_at = $1 WHERE id = $2",
                             {updated_at, calendar_id}));
  return Ok();
}

Status CalendarStore::InsertDays(std::int64_t calendar_id,
                                 const std::vector<sla::CalendarException>& days) {
  for (const auto& day : days) {
    LT_TRY(connection_.Execute(
        "INSERT INTO calendar_days (calendar_id, day, working, name) VALUES ($1, $2, $3, $4)",
        {calendar_id, day.day, std::int64_t{day.working ? 1 : 0}, day.name}));
  }
  return Ok();
}

}  // namespace lt::storage
