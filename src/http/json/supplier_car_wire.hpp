#pragma once

// The JSON shapes of supplier corrective action requests.

#include <nlohmann/json.hpp>

#include "app/supplier_cars.hpp"
#include "base/result.hpp"

namespace lt::http::wire {

nlohmann::json SupplierCarToJson(const domain::SupplierCar& car);
nlohmann::json CarViewToJson(const app::CarView& view);
Result<app::CarRequestInput> ParseCarRequest(const nlohmann::json& body);
Result<app::CarAnswerInput> ParseCarAnswer(const nlohmann::json& body);

struct CarDecisionInput {
  app::CarVerdict verdict = app::CarVerdict::kAccept;
  std::string note;
};
// {"verdict": "accept" | "return", "note": "..."}.
Result<CarDecisionInput> ParseCarDecision(const nlohmann::json& body);

}  // namespace lt::http::wire
