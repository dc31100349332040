#pragma once

#include <optional>
#include <string>

#include "domain/entities.hpp"

namespace lt::domain {

// What a user is told: an SLA clock's warning, breach or escalation.
struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::string kind;  // "sla_warning", "sla_breach", "sla_escalation"
  std::optional<Id> case_id;
  std::string case_number;
  std::string target;
  std::optional<TimestampMs> due_at;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> read_at;
};

}  // namespace lt::domain
