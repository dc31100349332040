#include "storage/audit_store.hpp"

#include <nlohmann/json.hpp>

#include "storage/multi_row.hpp"

namespace lt::storage {
Status AuditStore::Append(const domain::CaseEvent& event) { return AppendMany({&event, 1}); }

Status AuditStore::AppendMany(std::span<const domain::CaseEvent> events) {
  if (events.empty()) return Ok();
  SqlParams params;
  params.reserve(events.size() * 6);
  for (const auto& event : events) {
    nlohmann::json changes = nlohmann::json::array();
    for (const auto& change : event.changes) {
      nlohmann::json item = {{"field", change.field}};
      if (change.before) item["before"] = *change.before;  // absent means null
      if (change.after) item["after"] = *change.after;
      changes.push_back(std::move(item));
    }
    params.insert(
        params.end(),
        {event.entity, event.entity_id, event.action, OptionalValue(event.actor_user_id), event.at,
         changes.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
  }
  return connection_.Send(
      "INSERT INTO case_events (entity, entity_id, action, actor_user_id, at, changes) VALUES " +
          RowsOfParameters(6, events.size()),
      params);
}

Result<std::vector<domain::CaseEvent>> AuditStore::ListFor(const std::string& entity,
                                                           domain::Id entity_id) {
  std::vector<domain::CaseEvent> events;
  LT_TRY(connection_.Query(
      "SELECT id, entity, entity_id, action, actor_user_id, at, changes FROM case_events "
      "WHERE entity = $1 AND entity_id = $2 ORDER BY id",
      {entity, entity_id}, [&](const Row& row) {
        domain::CaseEvent event;
        event.id = row.Int(0);
        event.entity = row.Text(1);
        event.entity_id = row.Int(2);
        event.action = row.Text(3);
        event.actor_user_id = row.OptionalInt(4);
        event.at = row.Int(5);
        const auto changes = nlohmann::json::parse(row.Text(6), nullptr, false);
        if (changes.is_array()) {
          for (const auto& change : changes) {
            domain::FieldChange field_change;
            field_change.field = change.value("field", "");
            if (change.contains("before") && change["before"].is_string()) {
              field_change.before = change["before"].get<std::string>();
            }
            if (change.contains("after") && change["after"].is_string()) {
              field_change.after = change["after"].get<std::string>();
            }
            event.changes.push_back(std::move(field_change));
          }
        }
        events.push_back(std::move(event));
      }));
  return events;
}

}  // namespace lt::storage
