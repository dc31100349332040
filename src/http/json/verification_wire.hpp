#pragma once

// The JSON shape of the verification, next month, of a case's countermeasures.

#include <nlohmann/json.hpp>

#include <vector>

#include "app/verifications.hpp"

namespace lt::http::wire {

nlohmann::json VerificationToJson(const app::Verification& verification);

}  // namespace lt::http::wire
