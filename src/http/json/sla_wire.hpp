#pragma once

// The JSON shapes of SLA clocks, a moved deadline and the SLA policies.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/sla_clocks.hpp"
#include "base/result.hpp"
#include "sla/sla_policy.hpp"
#include "sla/stored_clock.hpp"

namespace lt::http::wire {

nlohmann::json ClockToJson(const sla::StoredClock& stored);
Result<app::DeadlineMove> ParseDeadlineMove(const nlohmann::json& body, std::string target);

nlohmann::json SlaPoliciesToJson(const std::vector<sla::SlaPolicy>& policies);
Result<std::vector<sla::SlaPolicy>> ParseSlaPolicies(const nlohmann::json& body);

}  // namespace lt::http::wire
