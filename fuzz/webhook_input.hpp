#pragma once

// How the webhook fuzz targets read their input: the timestamp header, the
// signature header and the body, one per line (the body is the rest), after
// a first byte that, when odd, has the request signed for real, so that the
// fuzzer also reaches what follows a good signature.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "base/crypto.hpp"
#include "domain/webhook_signature.hpp"

namespace lt::fuzz {

inline constexpr TimestampMs kNow = 1'764'900'000'000;
inline constexpr std::string_view kSecret = "fuzzing-webhook-secret";

inline void Require(bool condition) {
  if (!condition) std::abort();
}

// The body of a request whose signature checks, or nullopt.
inline std::optional<std::string> SignedBody(const std::uint8_t* data, std::size_t size) {
  static const bool initialised = InitCrypto().ok();
  Require(initialised);
  if (size == 0) return std::nullopt;
  const bool sign = (data[0] & 1) != 0;
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  const auto next_line = [&rest] {
    const auto end = rest.find('\n');
    const std::string line(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    return line;
  };
  std::optional<std::string> timestamp = next_line();
  std::optional<std::string> signature = next_line();
  std::string body(rest);
  if (sign) {
    timestamp = std::to_string(kNow / 1000);
    signature = domain::SignWebhook(kSecret, kNow / 1000, body);
  }
  const auto check = domain::CheckWebhook(kSecret, timestamp, signature, body, kNow);
  if (sign) Require(check == domain::WebhookCheck::kValid);
  if (check != domain::WebhookCheck::kValid) return std::nullopt;
  return body;
}

}  // namespace lt::fuzz
