#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "sla/calendar_definition.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Which calendar and which edit of it: enough to tell whether a built
// calendar is still current.
struct CalendarVersion {
  std::int64_t id = 0;
  TimestampMs updated_at = 0;
};

// Business calendars and the days of each (migrations/*/0011_calendars.sql).
class CalendarStore {
 public:
  explicit CalendarStore(Connection& connection) : connection_(connection) {}

  // Every calendar, by code, without its days.
  Result<std::vector<sla::CalendarDefinition>> List();
  // The calendar with all its days.
  Result<std::optional<sla::CalendarDefinition>> Find(std::int64_t id);
  // The calendar of a department, if it has one.
  Result<std::optional<CalendarVersion>> VersionForDepartment(std::int64_t department_id);
  // Inserts the calendar and its days; returns its id. kConflict when the code is taken.
  Result<std::int64_t> Insert(const sla::CalendarDefinition& definition);
  // Saves name, zone, periods and updated_at (not the days).
  Status Update(const sla::CalendarDefinition& definition);
  // Replaces the days in [first_day, last_day] with `days`.
  Status ReplaceDays(std::int64_t calendar_id, sla::LocalDay first_day, sla::LocalDay last_day,
                     const std::vector<sla::CalendarException>& days);
  Status Touch(std::int64_t calendar_id, TimestampMs updated_at);

 private:
  Status InsertDays(std::int64_t calendar_id, const std::vector<sla::CalendarException>& days);
  Connection& connection_;
};

}  // namespace lt::storage
