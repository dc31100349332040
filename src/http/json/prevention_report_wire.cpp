#include "http/json/prevention_report_wire.hpp"

#include "http/json/action_wire.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

json PreventionReportToJson(const domain::PreventionReport& report) {
  return {{"id", report.id},
          {"case_id", report.case_id},
          {"problem", report.problem},
          {"analysis", report.analysis},
          {"opened_by", OptionalId(report.opened_by)},
          {"opened_at", FormatTimestamp(report.opened_at)},
          {"approved_by", OptionalId(report.approved_by)},
          {"approved_at", OptionalTime(report.approved_at)},
          {"verification", report.verification},
          {"verified_by", OptionalId(report.verified_by)},
          {"verified_at", OptionalTime(report.verified_at)}};
}

json PreventionViewToJson(const app::PreventionView& view) {
  json out = PreventionReportToJson(view.report);
  json actions = json::array();
  for (const auto& action : view.actions) actions.push_back(ActionToJson(action));
  out["actions"] = actions;
  return out;
}

Result<app::PreventionInput> ParsePreventionInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::PreventionInput input;
  input.problem = reader.RequiredString("problem");
  input.analysis = reader.String("analysis").value_or("");
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
