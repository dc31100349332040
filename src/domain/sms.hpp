#pragma once

// SMS (issue 16): texts from customers arrive through a gateway's webhook
// (app/sms_intake); texts to customers go out through the gateway's HTTP
// API, from the outbox, via the port below (adapter: runtime/sms_gateway).
// What counts as one message is the network's rule, which gateways bill by:
// 160 GSM-7 characters or 70 UCS-2 units alone, 153 or 67 per part of a
// long (concatenated) text.

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"
#include "domain/send_outcome.hpp"

namespace lt::domain {

// How the request body the gateway takes is written.
enum class SmsBodyFormat { kJson, kForm };
inline constexpr EnumCodes<SmsBodyFormat, 2> kSmsBodyFormatCodes{{{
    {SmsBodyFormat::kJson, "json"},
    {SmsBodyFormat::kForm, "form"},
}}};

// The SMS gateway, kept by administrators.
struct SmsGateway {
  // Sending: each text is an HTTP POST of `body_template` to `url`, with
  // ${to} (E.164, "+8613812345678"), ${to_national} ("13812345678" for
  // mainland numbers, else E.164 without "+"), ${text} and ${reference}
  // (stable across retries: the gateway can drop doubles) filled in, escaped
  // for `format`. A 2xx answer counts when it contains `success_text` (any
  // 2xx when empty): Chinese gateways answer 200 with an error code inside.
  std::string url;
  SmsBodyFormat format = SmsBodyFormat::kJson;
  std::string body_template = R"({"to":"${to}","text":"${text}","reference":"${reference}"})";
  std::string auth_header;  // e.g. "Authorization"; "" for none
  std::string auth_value;   // e.g. "Bearer …" (write-only)
  std::string success_text;
  // Texts longer than this many parts are sent as several texts.
  int max_parts = 10;
  int timeout_seconds = 10;
  bool verify_certificate = true;
  // Receiving: the key of the HMAC that signs the webhook (write-only), and
  // the department the cases texts open go to (their agents see them).
  std::string webhook_secret;
  std::optional<Id> department_id;

  bool operator==(const SmsGateway&) const = default;
};

// The placeholders a body template may use, and a check of one: Errors:
// kInvalidArgument on "body_template" with "validation.required",
// "validation.sms_placeholder" {placeholder} {available},
// "validation.sms_needs" {placeholder} (${to} and ${text} are required) or,
// for JSON, "validation.sms_json" (not a JSON document once filled in).
inline constexpr std::string_view kSmsPlaceholders = "${to} ${to_national} ${text} ${reference}";
Status CheckSmsBodyTemplate(SmsBodyFormat format, std::string_view body_template);

struct SmsFields {
  std::string to;  // E.164
  std::string text;
  std::string reference;
};
// The request body: the template filled in, each value escaped for `format`.
std::string FillSmsBody(SmsBodyFormat format, std::string_view body_template,
                        const SmsFields& fields);

// How long a text is in the network's terms.
enum class SmsAlphabet { kGsm7, kUcs2 };
struct SmsLength {
  SmsAlphabet alphabet = SmsAlphabet::kGsm7;
  std::size_t units = 0;  // septets (GSM-7) or UTF-16 code units (UCS-2)
  std::size_t parts = 0;  // 1 up to 160/70 units, else ceil(units / 153 or 67)
};
SmsLength MeasureSms(std::string_view text);

// `text` (UTF-8) cut into texts of at most `max_parts` parts each, at a line
// or sentence end or a space near the limit where there is one; never inside
// a character, a surrogate pair or a GSM escape. One text when it fits.
std::vector<std::string> SplitSms(std::string_view text, int max_parts);

// Hands texts to the gateway: the port the adapter implements.
class SmsSender {
 public:
  virtual ~SmsSender() = default;
  // One POST for one text (already split). kPermanent for a 4xx other than
  // 408 and 429, or a 2xx without the success text; kTemporary for no
  // connection, a timeout, 408, 429 and 5xx.
  virtual SendOutcome Send(const SmsGateway& gateway, const SmsFields& fields) = 0;
};

}  // namespace lt::domain
