#include "domain/wechat.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>
#include <vector>

#include "base/crypto.hpp"
#include "base/utf8.hpp"
#include "domain/placeholder_template.hpp"

namespace lt::domain {
namespace {

constexpr std::array<std::string_view, 4> kTemplatePlaceholders = {"number", "text", "summary",
                                                                   "time"};
// What a template message's "thing" field takes.
constexpr std::size_t kSummaryChars = 20;

}  // namespace

std::string WechatSignature(std::string_view token, std::string_view timestamp,
                            std::string_view nonce) {
  std::vector<std::string_view> parts = {token, timestamp, nonce};
  std::sort(parts.begin(), parts.end());
  std::string joined;
  for (const auto part : parts) joined += part;
  return Sha1Hex(joined);
}

bool CheckWechatSignature(std::string_view token, std::string_view timestamp,
                          std::string_view nonce, std::string_view signature, TimestampMs now,
                          std::int64_t max_skew_ms) {
  if (token.empty() || timestamp.empty() || timestamp.size() > 12 || nonce.size() > 64 ||
      signature.size() != 40) {
    return false;
  }
  std::int64_t seconds = 0;
  for (const char c : timestamp) {
    if (c < '0' || c > '9') return false;
    seconds = seconds * 10 + (c - '0');
  }
  if (std::abs(seconds * 1000 - now) > max_skew_ms) return false;
  return ConstantTimeEquals(WechatSignature(token, timestamp, nonce), signature);
}

bool InWechatWindow(const WechatFollower& follower, const WechatAccount& account, TimestampMs now) {
  return follower.subscribed && follower.last_inbound_at &&
         now - *follower.last_inbound_at < kWechatWindowMs &&
         follower.sent_in_window < account.window_messages;
}

std::string FillWechatTemplate(std::string_view template_data, const WechatTemplateFields& fields) {
  std::string summary = TruncateCodePoints(fields.text, kSummaryChars);
  if (summary.size() < fields.text.size()) {
    summary = TruncateCodePoints(fields.text, kSummaryChars - 1) + "…";
  }
  std::string out;
  WalkTemplate(
      template_data, [&](std::string_view text) { out += text; },
      [&](std::string_view name) {
        if (name == "number") out += JsonEscaped(fields.number);
        if (name == "text") out += JsonEscaped(fields.text);
        if (name == "summary") out += JsonEscaped(summary);
        if (name == "time") out += JsonEscaped(fields.time);
      });
  return out;
}

Status CheckWechatTemplate(std::string_view template_data) {
  std::optional<std::string> unknown;
  const bool closed = WalkTemplate(
      template_data, [](std::string_view) {},
      [&](std::string_view name) {
        if (std::find(kTemplatePlaceholders.begin(), kTemplatePlaceholders.end(), name) ==
                kTemplatePlaceholders.end() &&
            !unknown) {
          unknown = "${" + std::string(name) + "}";
        }
      });
  if (!closed) unknown = "${";
  if (unknown) {
    return Error::Invalid(
        "template_data", "validation.sms_placeholder",
        {{"placeholder", *unknown}, {"available", "${number} ${text} ${summary} ${time}"}});
  }
  const auto sample = nlohmann::json::parse(
      FillWechatTemplate(template_data, {"TS-2026-000001", "\"{x}\"\n", "2026-01-01 09:00"}),
      nullptr, false);
  if (!sample.is_object()) return Error::Invalid("template_data", "validation.wechat_template");
  return Ok();
}

}  // namespace lt::domain
