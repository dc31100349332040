#include "domain/webhook_signature.hpp"

#include <cctype>
#include <charconv>

#include "base/crypto.hpp"

namespace lt::domain {

std::string SignWebhook(std::string_view secret, std::int64_t timestamp, std::string_view body) {
  std::string signed_text = std::to_string(timestamp);
  signed_text += '.';
  signed_text += body;
  return "sha256=" + HmacSha256Hex(secret, signed_text);
}

WebhookCheck CheckWebhook(std::string_view secret, const std::optional<std::string>& timestamp,
                          const std::optional<std::string>& signature, std::string_view body,
                          TimestampMs now) {
  if (!timestamp || !signature || timestamp->empty() || signature->empty()) {
    return WebhookCheck::kMissing;
  }
  std::int64_t seconds = 0;
  const auto [end, error] =
      std::from_chars(timestamp->data(), timestamp->data() + timestamp->size(), seconds);
  if (error != std::errc() || end != timestamp->data() + timestamp->size()) {
    return WebhookCheck::kMalformed;
  }
  if (signature->size() != 7 + 64 || signature->rfind("sha256=", 0) != 0) {
    return WebhookCheck::kMalformed;
  }
  // Centuries away is stale, and is told before the product below could overflow.
  constexpr std::int64_t kFarSeconds = 1'000'000'000'000'000;
  if (seconds > kFarSeconds || seconds < -kFarSeconds) return WebhookCheck::kStale;
  const std::int64_t skew = seconds * 1000 - now;
  if (skew > kWebhookWindowMs || skew < -kWebhookWindowMs) return WebhookCheck::kStale;
  std::string given = *signature;
  for (char& c : given) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string expected = SignWebhook(secret, seconds, body);
  return ConstantTimeEquals(given, expected) ? WebhookCheck::kValid : WebhookCheck::kMismatch;
}

}  // namespace lt::domain
