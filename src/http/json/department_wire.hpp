#pragma once

// The JSON shapes of a department.

#include <nlohmann/json.hpp>

#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"

namespace lt::http::wire {

nlohmann::json DepartmentToJson(const domain::Department& department);
Result<app::DepartmentInput> ParseDepartmentInput(const nlohmann::json& body);
Result<app::DepartmentPatch> ParseDepartmentPatch(const nlohmann::json& body);

}  // namespace lt::http::wire
