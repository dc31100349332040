#pragma once

// Webhooks Lingting receives (SMS gateway, telephony) prove who sent them
// with an HMAC-SHA-256, under a secret both sides keep, over
// "<timestamp>.<body>": headers
//   X-Lingting-Timestamp: 1764900000          (Unix seconds)
//   X-Lingting-Signature: sha256=<64 hex digits>
// A request older or newer than the window is refused, so a captured request
// cannot be replayed later; within the window the caller refuses a signature
// it has seen before.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.hpp"

namespace lt::domain {

inline constexpr std::int64_t kWebhookWindowMs = 5 * 60 * 1000;
// The shortest secret an administrator may set for a webhook, in characters.
inline constexpr std::size_t kMinWebhookSecretChars = 16;

enum class WebhookCheck {
  kValid,
  kMissing,    // no timestamp or no signature
  kMalformed,  // not a number, or not "sha256=<hex>"
  kStale,      // outside the window around now
  kMismatch,   // not signed with the secret
};

// The signature header's value for `body` sent at `timestamp` (seconds).
std::string SignWebhook(std::string_view secret, std::int64_t timestamp, std::string_view body);

WebhookCheck CheckWebhook(std::string_view secret, const std::optional<std::string>& timestamp,
                          const std::optional<std::string>& signature, std::string_view body,
                          TimestampMs now);

}  // namespace lt::domain
