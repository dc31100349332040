// libFuzzer target: the SMS webhook, as a request arrives. The input is the
// timestamp header, the signature header and the body, one per line (the
// body is the rest). The signature is checked as the webhook checks it; when
// the first byte is odd the request is signed for real instead, so that the
// fuzzer also reaches what follows a good signature: the body read as the
// API reads it (JSON, the fields of an incoming text) and the text's phone
// number, length, split and the gateway request it would be answered by.
// It must never crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/sms.hpp"
#include "domain/webhook_signature.hpp"
#include "http/json/object_reader.hpp"
#include "http/json/sms_wire.hpp"

namespace {

constexpr lt::TimestampMs kNow = 1'764'900'000'000;
constexpr std::string_view kSecret = "fuzzing-webhook-secret";

void Require(bool condition) {
  if (!condition) std::abort();
}

std::string_view NextLine(std::string_view& rest) {
  const auto end = rest.find('\n');
  const std::string_view line = rest.substr(0, end);
  rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  return line;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool initialised = lt::InitCrypto().ok();
  Require(initialised);
  if (size == 0) return 0;
  const bool sign = (data[0] & 1) != 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::optional<std::string> timestamp(std::string(NextLine(rest)));
  std::optional<std::string> signature(std::string(NextLine(rest)));
  const std::string body(rest);
  if (sign) {
    timestamp = std::to_string(kNow / 1000);
    signature = lt::domain::SignWebhook(kSecret, kNow / 1000, body);
  }
  const auto check = lt::domain::CheckWebhook(kSecret, timestamp, signature, body, kNow);
  if (sign) Require(check == lt::domain::WebhookCheck::kValid);
  if (check != lt::domain::WebhookCheck::kValid) return 0;

  auto object = lt::http::wire::ParseObject(body);
  if (!object.ok()) return 0;
  auto sms = lt::http::wire::ParseIncomingSms(*object);
  if (!sms.ok()) return 0;
  lt::domain::NormalizePhone(sms->from);
  if (!lt::IsValidUtf8(sms->text)) return 0;  // the intake refuses it (CheckText)
  const lt::domain::SmsLength length = lt::domain::MeasureSms(sms->text);
  std::string joined;
  for (int parts = 1; parts <= 3; ++parts) {
    joined.clear();
    for (const auto& piece : lt::domain::SplitSms(sms->text, parts)) {
      Require(lt::IsValidUtf8(piece));
      Require(lt::domain::MeasureSms(piece).parts <= static_cast<std::size_t>(parts) ||
              length.parts <= static_cast<std::size_t>(parts));
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
