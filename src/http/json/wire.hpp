#pragma once

// The JSON shapes of the API live in one file per resource
// (http/json/*_wire.hpp); their field names are the public contract
// documented in openapi.json. This is what they share on the way out.

#include <nlohmann/json.hpp>

#include <string>

namespace lt::http::wire {

// Serialises for the wire; invalid UTF-8 (which validation keeps out) is replaced.
std::string Dump(const nlohmann::json& value);

}  // namespace lt::http::wire
