#include "http/json/saved_view_wire.hpp"

#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

json SavedViewToJson(const domain::SavedView& view, const domain::Principal& reader) {
  return {{"id", view.id},
          {"name", view.name},
          {"queue", domain::kQueueCodes.ToCode(view.queue)},
          {"query", view.query},
          {"department_id", OptionalId(view.department_id)},
          {"owner_id", view.owner_id},
          {"mine", reader.user_id == view.owner_id},
          {"created_at", FormatTimestamp(view.created_at)},
          {"updated_at", FormatTimestamp(view.updated_at)}};
}

Result<app::SavedViewInput> ParseSavedView(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::SavedViewInput input;
  input.name = reader.RequiredString("name");
  input.queue = reader.RequiredString("queue");
  input.query = reader.String("query").value_or("");
  input.department_id = reader.NullableId("department_id").value_or(std::nullopt);
  return Finish(reader, errors, std::move(input));
}

}  // namespace lt::http::wire
