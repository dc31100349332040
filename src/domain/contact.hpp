#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lt::domain {

// Normalises a phone number to E.164 ("+8613812345678") so that the same
// customer is recognised whatever way the number was written: spaces,
// dashes, dots, parentheses, full-width digits, "+86", "0086", "86" prefixes,
// mainland mobile numbers (11 digits starting 1[3-9]) and landlines with a
// trunk zero ("010-8888 6666" → "+861088886666"). Numbers with another
// country code must start with "+" or "00". Returns nullopt when the text is
// not a plausible phone number.
std::optional<std::string> NormalizePhone(std::string_view text);

// The start of an E.164 number from the first digits someone typed, for a
// look-up as they type: "138 12" → "+8613812", "0755-88" → "+8675588",
// "+1 415" → "+1415". Needs at least three digits; nullopt otherwise or
// when the text holds anything but digits and phone punctuation.
std::optional<std::string> PhonePrefix(std::string_view text);

// Whether a text can reach a normalised number: a mainland mobile
// ("+8613812345678"), or a number of another country (whose mobile ranges
// Lingting does not know); not a mainland landline ("+861088886666").
bool CanReceiveSms(std::string_view e164);

// Trims and case-folds an e-mail address ("Li.Wei@Example.COM " →
// "li.wei@example.com"). Returns nullopt unless it has exactly one "@", a
// non-empty local part, a dotted domain and no spaces or control characters.
std::optional<std::string> NormalizeEmail(std::string_view text);

// A normalised phone number or e-mail address with most of it hidden, for
// staff who do not work with customers: "+8613812345678" → "+86138****5678",
// "li.wei@example.com" → "l***@example.com".
std::string MaskPhone(std::string_view phone);
std::string MaskEmail(std::string_view email);

}  // namespace lt::domain
