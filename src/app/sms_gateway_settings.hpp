#pragma once

// The SMS gateway texts go out through and come in from (issue 16), kept by
// administrators with the other channel settings. Its secrets (the
// authentication header's value, the webhook's HMAC key) are never read
// back: each is kept unless a new one is given. Every change is audited
// ("channel_settings", without the secrets).

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/sms.hpp"

namespace lt::app {

struct SmsGatewayView {
  domain::SmsGateway gateway;  // secrets blank
  bool auth_value_set = false;
  bool webhook_secret_set = false;
};

struct SmsGatewayInput {
  domain::SmsGateway gateway;
  std::optional<std::string> auth_value;      // nullopt: keep the stored one
  std::optional<std::string> webhook_secret;  // nullopt: keep; at least 16 characters
};

// Admins only. nullopt while none is set.
Result<std::optional<SmsGatewayView>> GetSmsGateway(AppContext& context,
                                                    const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument naming the field (url, body_template,
// auth_header, auth_value, success_text, webhook_secret, department_id).
Result<SmsGatewayView> SaveSmsGateway(AppContext& context, const domain::Principal& principal,
                                      const SmsGatewayInput& input);

// Sends a test text to `to` through `input` (stored secrets when none are
// given) or the stored gateway, now, outside the outbox. The answer is the
// gateway's. Errors: kForbidden; kInvalidArgument as SaveSmsGateway and on
// "to"; kNotFound when nothing is stored and no input given.
struct SmsTestResult {
  bool ok = false;
  std::string answer;
};
Result<SmsTestResult> TestSmsGateway(AppContext& context, const domain::Principal& principal,
                                     const std::optional<SmsGatewayInput>& input,
                                     const std::string& to);

}  // namespace lt::app
