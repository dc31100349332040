#include "http/json/call_event_wire.hpp"

#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {
using nlohmann::json;

Result<app::CallEvent> ParseCallEvent(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  app::CallEvent event;
  event.call_id = reader.RequiredString("call_id");
  event.event = reader.RequiredString("event");
  event.direction =
      reader.Enum("direction", domain::kDirectionCodes).value_or(domain::Direction::kInbound);
  event.number = reader.String("number").value_or("");
  event.agent = reader.String("agent").value_or("");
  event.at = reader.Timestamp("at");
  if (const auto seconds = reader.Integer("duration_seconds", 0, 24 * 3600)) {
    event.duration_seconds = static_cast<int>(*seconds);
  }
  return Finish(reader, errors, std::move(event));
}

}  // namespace lt::http::wire
