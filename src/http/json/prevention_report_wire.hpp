#pragma once

// The JSON shapes of a recurrence-prevention report, with its actions, and
// the body that opens or changes one.

#include <nlohmann/json.hpp>

#include "app/prevention_reports.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json PreventionReportToJson(const domain::PreventionReport& report);
nlohmann::json PreventionViewToJson(const app::PreventionView& view);
Result<app::PreventionInput> ParsePreventionInput(const nlohmann::json& body);

}  // namespace lt::http::wire
