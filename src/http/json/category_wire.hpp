#pragma once

// The JSON shapes of a complaint category.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::http::wire {

nlohmann::json CategoryToJson(const domain::Category& category);
Result<app::CategoryInput> ParseCategoryInput(const nlohmann::json& body);
Result<app::CategoryPatch> ParseCategoryPatch(const nlohmann::json& body);

}  // namespace lt::http::wire
