// libFuzzer target: the telephony webhook, as a request arrives
// (webhook_input.hpp): the signature checked as the webhook checks it, then
// the body read as the API reads it (JSON, the fields of a call event) and
// the caller's number and the agent's address normalised as the use case
// does. It must never crash, hang or leak.

#include <cstddef>
#include <cstdint>

#include "domain/contact.hpp"
#include "http/json/call_event_wire.hpp"
#include "http/json/object_reader.hpp"
#include "webhook_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = lt::fuzz::SignedBody(data, size);
  if (!body) return 0;
  auto object = lt::http::wire::ParseObject(*body);
  if (!object.ok()) return 0;
  auto event = lt::http::wire::ParseCallEvent(*object);
  if (!event.ok()) return 0;
  if (const auto number = lt::domain::NormalizePhone(event->number)) {
    lt::fuzz::Require(number->size() > 1 && (*number)[0] == '+');
    lt::domain::CanReceiveSms(*number);
  }
  lt::domain::NormalizeEmail(event->agent);
  return 0;
}
