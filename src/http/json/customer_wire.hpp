#pragma once

// The JSON shapes of a customer and the bodies that create and change one.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "http/json/object_reader.hpp"

namespace lt::http::wire {

nlohmann::json CustomerToJson(const domain::Customer& customer);
Result<app::CustomerInput> ParseCustomerInput(const nlohmann::json& body);
Result<app::CustomerPatch> ParseCustomerPatch(const nlohmann::json& body);

// Reads a customer's fields (name, kind, contacts, ...) from `reader`.
void ReadCustomerFields(ObjectReader& reader, app::CustomerInput& input);

}  // namespace lt::http::wire
