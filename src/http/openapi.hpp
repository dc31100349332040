#pragma once

#include <string_view>

namespace lt::http {

// The OpenAPI 3.1 description of the API (src/http/openapi.json, compiled in).
// A test checks that it documents exactly the routes the router serves.
std::string_view OpenApiDocument();

}  // namespace lt::http
