#include "http/json/verification_wire.hpp"

#include <tuple>

#include "http/json/action_wire.hpp"
#include "http/json/case_wire.hpp"
#include "http/json/quality_report_wire.hpp"

namespace lt::http::wire {
using nlohmann::json;

json VerificationToJson(const app::Verification& verification) {
  json recurrences = json::array();
  for (const auto& a_case : verification.recurrences) recurrences.push_back(CaseToJson(a_case));
  json open_actions = json::array();
  for (const auto& action : verification.open_actions) open_actions.push_back(ActionToJson(action));
  return {{"case", CaseToJson(verification.a_case)},
          {"report", QualityReportToJson(verification.report)},
          {"effective_since", FormatTimestamp(verification.effective_since)},
          {"due_from", FormatTimestamp(verification.due_from)},
          {"due", verification.due},
          {"comparable", verification.comparable},
          {"recurrences", recurrences},
          {"open_actions", open_actions}};
}

}  // namespace lt::http::wire
