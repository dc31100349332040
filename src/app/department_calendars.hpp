#pragma once

// The business calendars deadlines are counted in: the shipped one, and the
// one an admin assigned to a department. Shared by the SLA clocks, the
// monthly periods and the calendar use cases, below all of them.

#include <memory>
#include <optional>

#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "sla/business_calendar.hpp"
#include "sla/calendar_definition.hpp"

namespace lt::app {

// The shipped calendar (sla::ShippedCalendar), built once.
Result<const sla::BusinessCalendar*> ShippedBusinessCalendar();

// The calendar the deadlines of `department_id`'s cases count in (the
// shipped one without a department or a calendar). Built calendars are
// cached per calendar and edit (id, updated_at), and shared; thread-safe. The
// cache is the process's: it assumes one store per process, as a server has.
Result<std::shared_ptr<const sla::BusinessCalendar>> CalendarForDepartment(
    storage::Connection& connection, std::optional<domain::Id> department_id);

// A stored calendar's definition; kNotFound when there is none.
Result<sla::CalendarDefinition> LoadCalendar(storage::Connection& connection, domain::Id id);

}  // namespace lt::app
