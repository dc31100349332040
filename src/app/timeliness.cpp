#include "app/timeliness.hpp"

#include <algorithm>
#include <map>

#include "app/authorization.hpp"
#include "app/report_period.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/directory_store.hpp"
#include "storage/sla_clock_store.hpp"

namespace lt::app {
namespace {

void Add(Attainment& into, const storage::TimelinessCount& count) {
  into.on_time += count.on_time;
  into.late += count.late;
  into.pending += count.pending;
}

// Groups keyed by `key`, in key order (nullopt first).
template <class Key>
using Grouping = std::map<Key, Attainment>;

}  // namespace

Result<TimelinessFigures> CountTimelinessFigures(AppContext& context,
                                                 const domain::Principal& principal,
                                                 std::string_view month) {
  LT_TRY(RequireStaff(principal));
  LT_TRY_ASSIGN(const Period period, MonthPeriod(month));
  const TimestampMs now = context.clock.NowMs();
  const domain::CaseScope scope = domain::ScopeOf(principal);
  TimelinessFigures report;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        const auto counts,
        storage::SlaClockStore(connection).CountTimeliness(period.from, period.to, now, scope));
    Grouping<std::optional<Id>> by_department, by_person;
    Grouping<std::string> by_target;
    for (const auto& count : counts) {
      Add(report.overall, count);
      Add(by_department[count.department_id], count);
      Add(by_person[count.assignee_id], count);
      Add(by_target[count.target], count);
    }
    storage::DirectoryStore directory(connection);
    LT_TRY_ASSIGN(const auto departments, directory.ListDepartments());
    for (const auto& [id, attainment] : by_department) {
      std::string name;
      for (const auto& department : departments) {
        if (id && department.id == *id) name = department.name;
      }
      report.departments.push_back({id, name, attainment});
    }
    for (const auto& [id, attainment] : by_person) {
      std::string name;
      if (id) {
        LT_TRY_ASSIGN(const auto user, directory.FindUser(*id));
        if (user) name = user->name;
      }
      report.people.push_back({id, name, attainment});
    }
    for (const auto& [target, attainment] : by_target) {
      report.targets.push_back({std::nullopt, target, attainment});
    }
    return Ok();
  }));
  return report;
}

}  // namespace lt::app
