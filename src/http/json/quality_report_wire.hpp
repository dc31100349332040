#pragma once

// The JSON shape of a case's quality abnormality report.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/inputs.hpp"
#include "domain/procedure.hpp"

namespace lt::http::wire {

nlohmann::json QualityReportToJson(const domain::QualityReport& report);

}  // namespace lt::http::wire
