// The signature webhooks carry: HMAC-SHA-256 over "<timestamp>.<body>",
// refused when missing, malformed, stale or signed with another secret.

#include "domain/webhook_signature.hpp"

#include <gtest/gtest.h>

#include "base/crypto.hpp"

namespace lt::domain {
namespace {

constexpr TimestampMs kNow = 1'764'900'000'000;

TEST(WebhookSignature, HmacMatchesTheRfc4231Vector) {
  ASSERT_TRUE(InitCrypto().ok());
  EXPECT_EQ(HmacSha256Hex("Jefe", "what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(WebhookSignature, ATimestampCenturiesAwayIsStaleNotAnOverflow) {
  ASSERT_TRUE(InitCrypto().ok());
  const std::string signature = "sha256=" + std::string(64, '0');
  // The fuzzer's find: seconds times 1000 past the range of int64.
  for (const std::string timestamp :
       {"17649000264900020", "-9223372036854775808", "9223372036854775807", "1000000000000001"}) {
    EXPECT_EQ(CheckWebhook("secret", timestamp, signature, "{}", kNow), WebhookCheck::kStale)
        << timestamp;
  }
}

TEST(WebhookSignature, AcceptsOnlyAFreshRequestSignedWithTheSecret) {
  ASSERT_TRUE(InitCrypto().ok());
  const std::string body = R"({"id":"1","from":"13800138000","text":"空调漏水"})";
  const std::string secret = "a-secret-of-the-gateway";
  const std::int64_t at = kNow / 1000;
  const std::string signature = SignWebhook(secret, at, body);
  EXPECT_EQ(signature.rfind("sha256=", 0), 0u);
  const auto check = [&](std::optional<std::string> timestamp, std::optional<std::string> signed_as,
                         const std::string& text, TimestampMs now = kNow) {
    return CheckWebhook(secret, timestamp, signed_as, text, now);
  };
  const std::string stamp = std::to_string(at);
  EXPECT_EQ(check(stamp, signature, body), WebhookCheck::kValid);
  // Upper-case hex is the same signature.
  std::string upper = signature;
  for (std::size_t i = 7; i < upper.size(); ++i)
    upper[i] = static_cast<char>(std::toupper(upper[i]));
  EXPECT_EQ(check(stamp, upper, body), WebhookCheck::kValid);
  EXPECT_EQ(check(std::nullopt, signature, body), WebhookCheck::kMissing);
  EXPECT_EQ(check(stamp, std::nullopt, body), WebhookCheck::kMissing);
  EXPECT_EQ(check("17649e5", signature, body), WebhookCheck::kMalformed);
  EXPECT_EQ(check(stamp, signature.substr(7), body), WebhookCheck::kMalformed);
  EXPECT_EQ(check(stamp, signature, body + " "), WebhookCheck::kMismatch);
  EXPECT_EQ(check(std::to_string(at + 1), signature, body), WebhookCheck::kMismatch);
  EXPECT_EQ(CheckWebhook("another-secret-entirely", stamp, signature, body, kNow),
            WebhookCheck::kMismatch);
  // Five minutes either way, no more.
  EXPECT_EQ(check(stamp, signature, body, kNow + kWebhookWindowMs), WebhookCheck::kValid);
  EXPECT_EQ(check(stamp, signature, body, kNow + kWebhookWindowMs + 1000), WebhookCheck::kStale);
  EXPECT_EQ(check(stamp, signature, body, kNow - kWebhookWindowMs - 1000), WebhookCheck::kStale);
}

}  // namespace
}  // namespace lt::domain
