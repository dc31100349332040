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

std::vector<FieldError> CountermeasureGaps(const std::vector<Action>& actions,
                                           bool permanent_pending) {
  std::vector<FieldError> gaps;
  bool temporary = false, permanent = false;
  for (const auto& action : actions) {
    if (action.status == ActionStatus::kCancelled || action.prevention_report_id) continue;
    if (!action.department_id && action.id != 0) {
      gaps.push_back({"countermeasures",
                      "validation.countermeasure_department",
                      {{"action", std::to_string(action.id)}}});
    }
    temporary = temporary || action.kind == ActionKind::kContainment;
    permanent = permanent || action.kind == ActionKind::kCorrective ||
                action.kind == ActionKind::kPreventive;
  }
  if (!temporary) gaps.push_back({"countermeasures", "validation.countermeasure_temporary", {}});
  if (!permanent && !permanent_pending) {
    gaps.push_back({"countermeasures", "validation.countermeasure_permanent", {}});
  }
  return gaps;
}

}  // namespace lt::domain
