#include "http/json/user_wire.hpp"

#include "base/time_format.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json UserToJson(const domain::User& user) {
  return json{{"id", user.id},
              {"email", user.email},
              {"name", user.name},
              {"role", domain::kRoleCodes.ToCode(user.role)},
              {"department_ids", user.department_ids},
              {"customer_id", OptionalId(user.customer_id)},
              {"locale", user.locale},
              {"active", user.active},
              {"created_at", FormatTimestamp(user.created_at)}};
}

json StaffMemberToJson(const domain::User& user) {
  return json{{"id", user.id},
              {"name", user.name},
              {"role", domain::kRoleCodes.ToCode(user.role)},
              {"department_ids", user.department_ids},
              {"active", user.active}};
}

json TokenToJson(const domain::ApiToken& token) {
  return json{{"id", token.id},
              {"user_id", token.user_id},
              {"name", token.name},
              {"prefix", token.prefix},
              {"created_at", FormatTimestamp(token.created_at)},
              {"last_used_at", OptionalTime(token.last_used_at)},
              {"revoked_at", OptionalTime(token.revoked_at)}};
}

Result<app::UserInput> ParseUserInput(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::UserInput input;
  input.email = reader.RequiredString("email");
  input.name = reader.RequiredString("name");
  input.role = reader.Enum("role", domain::kRoleCodes);
  if (!reader.Has("role")) errors.Add("role", "validation.required");
  input.department_ids = reader.IdList("department_ids").value_or(std::vector<std::int64_t>{});
  input.customer_id = reader.Integer("customer_id", 1, INT64_MAX);
  input.locale = reader.String("locale").value_or("zh-CN");
  input.password = reader.String("password");
  return Finish(reader, errors, std::move(input));
}

Result<app::UserPatch> ParseUserPatch(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::UserPatch patch;
  patch.email = reader.String("email");
  patch.name = reader.String("name");
  patch.role = reader.Enum("role", domain::kRoleCodes);
  patch.department_ids = reader.IdList("department_ids");
  patch.customer_id = reader.NullableId("customer_id");
  patch.locale = reader.String("locale");
  patch.active = reader.Boolean("active");
  patch.password = reader.String("password");
  return Finish(reader, errors, std::move(patch));
}

}  // namespace lt::http::wire
