#pragma once

// The monthly timeliness attainment as JSON.

#include <nlohmann/json.hpp>

#include "app/timeliness.hpp"
#include "i18n/i18n.hpp"

namespace lt::http::wire {

nlohmann::json TimelinessToJson(const app::TimelinessFigures& figures, i18n::Locale locale);

}  // namespace lt::http::wire
