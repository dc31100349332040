#include "domain/procedure.hpp"

#include <algorithm>

namespace lt::domain {

std::optional<TimestampMs> CountermeasuresEffectiveSince(const QualityReport& report,
                                                         const std::vector<Action>& actions) {
  if (!report.approved_at) return std::nullopt;
  std::optional<TimestampMs> latest_done;
  for (const auto& action : actions) {
    if (action.kind == ActionKind::kContainment || !action.done_at ||
        action.status == ActionStatus::kCancelled) {
      continue;
    }
    latest_done = std::max(latest_done.value_or(*action.done_at), *action.done_at);
  }
  return latest_done.value_or(*report.approved_at);
}

}  // namespace lt::domain
