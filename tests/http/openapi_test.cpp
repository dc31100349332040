// The OpenAPI document must describe exactly the routes the server serves.

#include "http/openapi.hpp"

#include <gtest/gtest.h>

#include <set>

#include "base/ascii.hpp"
#include "support/api_harness.hpp"

namespace lt {
namespace {

TEST(OpenApi, IsValidJsonOfVersion31) {
  const auto document = nlohmann::json::parse(http::OpenApiDocument(), nullptr, false);
  ASSERT_FALSE(document.is_discarded());
  EXPECT_EQ(document["openapi"], "3.1.0");
  EXPECT_TRUE(document["components"]["schemas"].contains("Problem"));
}

TEST(OpenApi, DocumentsEveryRouteAndNoOther) {
  test::ApiHarness harness;
  const auto document = nlohmann::json::parse(http::OpenApiDocument(), nullptr, false);
  std::set<std::string> served, documented;
  for (const auto& route : harness.api.router().routes())
    served.insert(AsciiLower(route.method) + " " + route.pattern);
  for (const auto& [path, operations] : document["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      if (method == "parameters") continue;
      documented.insert(method + " " + path);
      EXPECT_TRUE(operation.contains("summary")) << method << " " << path;
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
  for (const auto& route : served)
    EXPECT_TRUE(documented.contains(route)) << "undocumented: " << route;
  for (const auto& route : documented)
    EXPECT_TRUE(served.contains(route)) << "documented but not served: " << route;
}

// Every $ref points at a schema that exists.
TEST(OpenApi, EveryReferenceResolves) {
  const auto document = nlohmann::json::parse(http::OpenApiDocument(), nullptr, false);
  int references = 0;
  std::function<void(const nlohmann::json&)> visit = [&](const nlohmann::json& node) {
    if (node.is_object()) {
      for (const auto& [key, value] : node.items()) {
        if (key == "$ref" && value.is_string()) {
          const std::string ref = value;
          ASSERT_EQ(ref.rfind("#/components/", 0), 0u) << ref;
          const auto pointer = nlohmann::json::json_pointer(ref.substr(1));
          EXPECT_TRUE(document.contains(pointer)) << ref;
          ++references;
        } else {
          visit(value);
        }
      }
    } else if (node.is_array()) {
      for (const auto& item : node) visit(item);
    }
  };
  visit(document);
  EXPECT_GT(references, 20);
}

}  // namespace
}  // namespace lt
