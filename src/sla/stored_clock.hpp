#pragma once

#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "sla/sla_clock.hpp"

namespace lt::sla {

// A clock as kept in sla_clocks: the computed clock plus what happened to it.
struct StoredClock {
  domain::Id case_id = 0;
  SlaClock clock;
  std::optional<TimestampMs> warned_at;
  std::optional<TimestampMs> breached_at;
  std::optional<TimestampMs> next_alert_at;  // NextAlertAt of the above
  std::optional<MovedDeadline> moved;
  std::optional<domain::Id> moved_by;
  std::string moved_reason;
};

}  // namespace lt::sla
