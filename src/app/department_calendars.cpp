#include "app/department_calendars.hpp"

#include <map>
#include <mutex>

#include "sla/shipped_calendar.hpp"
#include "storage/calendar_store.hpp"
#include "storage/connection.hpp"

namespace lt::app {
namespace {

struct CachedCalendar {
  TimestampMs updated_at = 0;
  std::shared_ptr<const sla::BusinessCalendar> calendar;
};

std::mutex cache_mutex;
std::map<std::int64_t, CachedCalendar> cache;  // guarded by cache_mutex

}  // namespace

Result<const sla::BusinessCalendar*> ShippedBusinessCalendar() {
  static const Result<sla::BusinessCalendar> shipped = sla::ShippedCalendar();
  if (!shipped.ok()) return shipped.error();
  return &*shipped;
}

Result<sla::CalendarDefinition> LoadCalendar(storage::Connection& connection, domain::Id id) {
  LT_TRY_ASSIGN(auto found, storage::CalendarStore(connection).Find(id));
  if (!found) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return std::move(*found);
}

Result<std::shared_ptr<const sla::BusinessCalendar>> CalendarForDepartment(
    storage::Connection& connection, std::optional<domain::Id> department_id) {
  static const auto shipped = [] {
    auto built = ShippedBusinessCalendar();
    return built.ok() ? std::shared_ptr<const sla::BusinessCalendar>(
                            std::shared_ptr<const sla::BusinessCalendar>{}, built.value())
                      : nullptr;
  }();
  std::optional<storage::CalendarVersion> version;
  if (department_id) {
    LT_TRY_ASSIGN(version, storage::CalendarStore(connection).VersionForDepartment(*department_id));
  }
  if (!version) {
    if (!shipped) return Error::Internal("the shipped calendar does not build");
    return shipped;
  }
  {
    std::lock_guard lock(cache_mutex);
    const auto found = cache.find(version->id);
    if (found != cache.end() && found->second.updated_at == version->updated_at) {
      return found->second.calendar;
    }
  }
  LT_TRY_ASSIGN(const auto definition, LoadCalendar(connection, version->id));
  LT_TRY_ASSIGN(auto built, sla::BuildCalendar(definition));
  auto calendar = std::make_shared<const sla::BusinessCalendar>(std::move(built));
  std::lock_guard lock(cache_mutex);
  cache[version->id] = {definition.updated_at, calendar};
  return calendar;
}

}  // namespace lt::app
