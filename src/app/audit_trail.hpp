#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"

namespace lt::app {

// Collects before/after pairs of the fields a use case changed, for the audit
// record written in the same transaction.
class ChangeList {
 public:
  void Record(std::string field, std::optional<std::string> before,
              std::optional<std::string> after) {
    if (before != after)
      changes_.push_back({std::move(field), std::move(before), std::move(after)});
  }
  void Record(std::string field, std::optional<domain::Id> before,
              std::optional<domain::Id> after) {
    Record(std::move(field), ToText(before), ToText(after));
  }
  bool empty() const { return changes_.empty(); }
  std::vector<domain::FieldChange> Take() { return std::move(changes_); }

 private:
  static std::optional<std::string> ToText(std::optional<domain::Id> id) {
    return id ? std::optional<std::string>(std::to_string(*id)) : std::nullopt;
  }
  std::vector<domain::FieldChange> changes_;
};

// The audit record fields every use case fills the same way.
domain::CaseEvent MakeEvent(std::string entity, domain::Id entity_id, std::string action,
                            std::optional<domain::Id> actor_user_id, TimestampMs at,
                            std::vector<domain::FieldChange> changes);

}  // namespace lt::app
