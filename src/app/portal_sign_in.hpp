#pragma once

// Signing in to the customer portal (issue 16): a customer gives an e-mail
// address or mobile number and gets a one-time code there, through the
// outbox; the code signs them in as the customer who has that address (a
// new customer when nobody has it yet: signing up). Whether the address is
// known is never told before the code is given. Limits: a code per address
// a minute at most and kPortalCodesPerAddress an hour, kPortalCodesPerClient
// an hour per client address; a code lives ten minutes, is used once and
// dies after five wrong tries (domain/portal_code.hpp).

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "i18n/i18n.hpp"

namespace lt::app {

struct SignInCodeRequest {
  std::string address;         // as typed
  std::string client_address;  // the requesting client's IP address
  i18n::Locale locale = i18n::kDefaultLocale;
};

struct SignInCodeSent {
  domain::ContactKind channel = domain::ContactKind::kEmail;  // kEmail or kPhone
  TimestampMs expires_at = 0;
  TimestampMs resend_at = 0;  // no new code before this
};

// Queues a code to the address. Errors: kInvalidArgument on "address"
// (validation.sign_in_address: neither an e-mail address nor a mobile
// number; validation.sign_in_unreachable: Lingting has no SMTP server or SMS
// gateway to send it with), kRateLimited (retry_after in seconds).
Result<SignInCodeSent> RequestSignInCode(AppContext& context, const SignInCodeRequest& request);

struct SignInWithCodeInput {
  std::string address;
  std::string code;
  std::optional<std::string> name;  // a new customer's name (default: the address)
  i18n::Locale locale = i18n::kDefaultLocale;
};

// The portal user of the customer with that address (created with the
// customer when needed), once the code is right. Errors: kInvalidArgument
// ("address", "code", "name" malformed), kUnauthenticated
// "error.sign_in_code" (wrong, expired, used, or dead of wrong tries; a
// wrong try counts), kForbidden "error.portal_user_inactive" (an
// administrator deactivated the customer's portal user).
Result<domain::User> SignInWithCode(AppContext& context, const SignInWithCodeInput& input);

// The customer's portal user, created when they have none. Call inside the
// write transaction. Errors: kForbidden "error.portal_user_inactive".
Result<domain::User> PortalUserOf(storage::Connection& connection, const domain::Customer& customer,
                                  TimestampMs now);

}  // namespace lt::app
