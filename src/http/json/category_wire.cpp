#include "http/json/category_wire.hpp"

#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json CategoryToJson(const domain::Category& category) {
  return json{{"id", category.id},
              {"code", category.code},
              {"name", category.name},
              {"parent_id", OptionalId(category.parent_id)},
              {"active", category.active}};
}

Result<app::CategoryInput> ParseCategoryInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CategoryInput input;
  input.code = reader.RequiredString("code");
  input.name = reader.RequiredString("name");
  input.parent_id = reader.Integer("parent_id", 1, INT64_MAX);
  return Finish(reader, errors, std::move(input));
}

Result<app::CategoryPatch> ParseCategoryPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CategoryPatch patch;
  patch.code = reader.String("code");
  patch.name = reader.String("name");
  patch.parent_id = reader.NullableId("parent_id");
  patch.active = reader.Boolean("active");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
