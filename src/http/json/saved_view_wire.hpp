#pragma once

// The JSON shape of a saved queue view.

#include <nlohmann/json.hpp>

#include "app/saved_views.hpp"
#include "base/result.hpp"
#include "domain/saved_view.hpp"

namespace lt::http::wire {

nlohmann::json SavedViewToJson(const domain::SavedView& view, const domain::Principal& reader);
Result<app::SavedViewInput> ParseSavedView(const nlohmann::json& body);

}  // namespace lt::http::wire
