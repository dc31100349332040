// libFuzzer target: the WeChat webhook, as a push arrives: the nonce on the
// first line (the signature checked as the webhook checks it, made right for
// real when the first byte is odd), then the body read as the API reads it
// (XML through libxml2, without the network or entity expansion). A message
// read must name its sender and kind, and its text must fill the template
// message's data as valid JSON. It must never crash, hang or leak.

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/crypto.hpp"
#include "domain/wechat.hpp"
#include "http/json/wechat_wire.hpp"
#include "webhook_input.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool initialised = lt::InitCrypto().ok();
  lt::fuzz::Require(initialised);
  if (size == 0) return 0;
  const bool sign = (data[0] & 1) != 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto end = rest.find('\n');
  const std::string nonce(rest.substr(0, end));
  const std::string_view body = end == std::string_view::npos ? "" : rest.substr(end + 1);
  const std::string token = "fuzzingToken2026";
  const std::string timestamp = std::to_string(lt::fuzz::kNow / 1000);
  const std::string signature = sign ? lt::domain::WechatSignature(token, timestamp, nonce)
                                     : std::string(nonce.size() % 41, 'a');
  const bool valid =
      lt::domain::CheckWechatSignature(token, timestamp, nonce, signature, lt::fuzz::kNow, 300'000);
  if (sign) lt::fuzz::Require(valid || nonce.size() > 64);
  if (!valid) return 0;
  const auto message = lt::http::wire::ParseWechatXml(body);
  if (!message.ok()) return 0;
  lt::fuzz::Require(!message->from_user.empty() && !message->type_code.empty());
  const std::string filled = lt::domain::FillWechatTemplate(
      R"({"thing1":{"value":"${summary}"},"thing2":{"value":"${text}"}})",
      {message->msg_id, message->content, message->event});
  lt::fuzz::Require(nlohmann::json::parse(filled, nullptr, false).is_object());
  return 0;
}
