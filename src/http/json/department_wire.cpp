#include "http/json/department_wire.hpp"

#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json DepartmentToJson(const domain::Department& department) {
  return json{{"id", department.id},
              {"code", department.code},
              {"name", department.name},
              {"parent_id", OptionalId(department.parent_id)},
              {"calendar_id", OptionalId(department.calendar_id)},
              {"created_at", FormatTimestamp(department.created_at)}};
}

Result<app::DepartmentInput> ParseDepartmentInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DepartmentInput input;
  input.code = reader.RequiredString("code");
  input.name = reader.RequiredString("name");
  input.parent_id = reader.Integer("parent_id", 1, INT64_MAX);
  input.calendar_id = reader.Integer("calendar_id", 1, INT64_MAX);
  return Finish(reader, errors, std::move(input));
}

Result<app::DepartmentPatch> ParseDepartmentPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::DepartmentPatch patch;
  patch.code = reader.String("code");
  patch.name = reader.String("name");
  patch.parent_id = reader.NullableId("parent_id");
  patch.calendar_id = reader.NullableId("calendar_id");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
