#pragma once

// The JSON shapes of SLA clocks, a moved deadline and the SLA policies.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/sla_clocks.hpp"
#include "base/result.hpp"
#include "sla/sla_policy.hpp"
#include "sla/stored_clock.hpp"
#include "sla/working_time.hpp"

namespace lt::http::wire {

// A clock; with `left`, the time left on it and the stretches that count
// ("time_left"), for a console to count down in working time.
nlohmann::json ClockToJson(const sla::StoredClock& stored,
                           const sla::WorkingTimeLeft* left = nullptr);
// Every clock of the case, each with its time left where it runs.
nlohmann::json ClocksToJson(const app::CaseWithClocks& found);
Result<app::DeadlineMove> ParseDeadlineMove(const nlohmann::json& body, std::string target);

nlohmann::json SlaPoliciesToJson(const std::vector<sla::SlaPolicy>& policies);
Result<std::vector<sla::SlaPolicy>> ParseSlaPolicies(const nlohmann::json& body);

}  // namespace lt::http::wire
