#pragma once

// The JSON shapes of a decision review (ISO 10002) and of its settlement.

#include <nlohmann/json.hpp>

#include "app/decision_reviews.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json ReviewToJson(const app::ReviewView& view);
Result<app::Settlement> ParseSettlement(const nlohmann::json& body);

}  // namespace lt::http::wire
