#pragma once

// The customer portal's one-time codes (issue 16). A customer signs in with
// a code sent to the e-mail address or mobile number they give; a customer
// signed in asks for a code to send to the WeChat Official Account, which
// binds their OpenID to them. Codes are stored only as hashes, expire after
// kPortalCodeLifetimeMs, are used once, and die after kPortalCodeMaxFailures
// wrong tries. How often codes may be asked for is limited per address and
// per client.

#include <optional>
#include <string>
#include <string_view>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class PortalCodePurpose { kSignIn, kWechatBinding };
inline constexpr EnumCodes<PortalCodePurpose, 2> kPortalCodePurposeCodes{{{
    {PortalCodePurpose::kSignIn, "sign_in"},
    {PortalCodePurpose::kWechatBinding, "wechat_binding"},
}}};

struct PortalCode {
  Id id = 0;
  PortalCodePurpose purpose = PortalCodePurpose::kSignIn;
  std::string address;            // the normalised sign-in address; "" for a binding
  std::optional<Id> customer_id;  // the customer a binding code binds to
  std::string code_hash;          // PortalCodeHash
  std::string client_address;     // who asked for it
  TimestampMs created_at = 0;
  TimestampMs expires_at = 0;
  int failed_attempts = 0;
  std::optional<TimestampMs> used_at;
};

inline constexpr std::size_t kSignInCodeDigits = 6;
// Longer: a binding code is looked up by itself, not beside an address.
inline constexpr std::size_t kBindingCodeDigits = 8;
inline constexpr TimestampMs kPortalCodeLifetimeMs = 10 * 60 * 1000;
inline constexpr int kPortalCodeMaxFailures = 5;
// A new code for the same address no sooner than this after the last.
inline constexpr TimestampMs kPortalCodeResendMs = 60 * 1000;
inline constexpr TimestampMs kPortalCodeWindowMs = 60 * 60 * 1000;
inline constexpr int kPortalCodesPerAddress = 5;  // in the window
inline constexpr int kPortalCodesPerClient = 20;  // in the window
// A WeChat follower who sent this many wrong binding codes waits this long.
inline constexpr int kWechatBindingMaxFailures = 5;
inline constexpr TimestampMs kWechatBindingLockMs = 24 * 60 * 60 * 1000;

// The address a customer signs in with: an e-mail address (case-folded) or
// a mobile number that can receive texts (E.164). nullopt otherwise (a
// landline, anything else).
std::optional<Contact> ParseSignInAddress(std::string_view text);

// What is stored of a code: a hash of the purpose, the address and the code.
std::string PortalCodeHash(PortalCodePurpose purpose, std::string_view address,
                           std::string_view code);

// Whether `code` may still be tried at `now`: not used, not expired, not
// dead of wrong tries.
bool PortalCodeUsable(const PortalCode& code, TimestampMs now);

// The binding code in a message to the Official Account: "绑定 12345678" or
// "bind 12345678", spaces and full-width digits allowed. nullopt when the
// message is something else (eight digits alone may be an order number).
std::optional<std::string> BindingCodeIn(std::string_view message);

}  // namespace lt::domain
