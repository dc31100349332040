#include "app/audit_trail.hpp"

namespace lt::app {

domain::CaseEvent MakeEvent(std::string entity, domain::Id entity_id, std::string action,
                            std::optional<domain::Id> actor_user_id, TimestampMs at,
                            std::vector<domain::FieldChange> changes) {
  domain::CaseEvent event;
  event.entity = std::move(entity);
  event.entity_id = entity_id;
  event.action = std::move(action);
  event.actor_user_id = actor_user_id;
  event.at = at;
  event.changes = std::move(changes);
  return event;
}

}  // namespace lt::app
