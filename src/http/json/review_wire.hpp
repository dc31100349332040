#pragma once

// The JSON shapes of decision reviews (ISO 10002) and recurrence-prevention
// reports.

#include <nlohmann/json.hpp>

#include "app/decision_reviews.hpp"
#include "app/prevention_reports.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json ReviewToJson(const app::ReviewView& view);
Result<app::Settlement> ParseSettlement(const nlohmann::json& body);

nlohmann::json PreventionReportToJson(const domain::PreventionReport& report);
nlohmann::json PreventionViewToJson(const app::PreventionView& view);
Result<app::PreventionInput> ParsePreventionInput(const nlohmann::json& body);

}  // namespace lt::http::wire
