// libFuzzer target: the SMS webhook, as a request arrives (webhook_input.hpp):
// the signature checked as the webhook checks it, then the body read as the
// API reads it (JSON, the fields of an incoming text) and the text's phone
// number, length, split and the gateway request it would be answered by.
// It must never crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/sms.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/sms_wire.hpp"
#include "webhook_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using lt::fuzz::Require;
  const auto body = lt::fuzz::SignedBody(data, size);
  if (!body) return 0;

  auto object = lt::http::wire::ParseObject(*body);
  if (!object.ok()) return 0;
  auto sms = lt::http::wire::ParseIncomingSms(*object);
  if (!sms.ok()) return 0;
  lt::domain::NormalizePhone(sms->from);
  if (!lt::IsValidUtf8(sms->text)) return 0;  // the intake refuses it (CheckText)
  std::string joined;
  for (int parts = 1; parts <= 3; ++parts) {
    joined.clear();
    for (const auto& piece : lt::domain::SplitSms(sms->text, parts)) {
      Require(lt::IsValidUtf8(piece));
      Require(lt::domain::MeasureSms(piece).parts <= static_cast<std::size_t>(parts));
      joined += piece;
    }
    Require(joined.size() <= sms->text.size());
  }
  const lt::domain::SmsGateway gateway;
  const std::string request = lt::domain::FillSmsBody(gateway.format, gateway.body_template,
                                                      {"+8613800138000", sms->text, sms->id});
  Require(!nlohmann::json::parse(request, nullptr, false).is_discarded());
  return 0;
}
