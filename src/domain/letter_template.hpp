#pragma once

// Templates of the letters Lingting writes to customers, one per kind of
// letter and language, written with placeholders:
//
//  - the feedback letter (客户品质/环境抱怨回馈) of the reply step:
//    {customer} {number} {subject} {cause} {countermeasures} {reply};
//    {reply} (the replier's own words) is required;
//  - the acknowledgement of receipt (受理回执), sent when a case is filed:
//    {customer} {number} {subject} {first_contact_due}; {number} is required;
//  - the same by SMS, short enough for a text or two: {customer} {number}
//    {first_contact_due}; {number} is required.
//
// A paragraph (text between
// blank lines) holding {cause} or {countermeasures} is left out when the case
// has none, so "原因：{cause}" does not print an empty cause. "{{" and "}}"
// write literal braces.

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class LetterKind {
  kQuality,
  kEnvironmental,
  kAcknowledgement,
  kSmsAcknowledgement,
  kWechatAcknowledgement,
};
inline constexpr EnumCodes<LetterKind, 5> kLetterKindCodes{{{
    {LetterKind::kQuality, "quality"},
    {LetterKind::kEnvironmental, "environmental"},
    {LetterKind::kAcknowledgement, "acknowledgement"},
    {LetterKind::kSmsAcknowledgement, "sms_acknowledgement"},
    {LetterKind::kWechatAcknowledgement, "wechat_acknowledgement"},
}}};

// Environmental complaints get the environmental letter; the others the
// quality letter.
LetterKind LetterKindOf(const Case& a_case);

struct LetterFields {
  std::string customer;
  std::string number;
  std::string subject;
  std::string cause;            // empty when the investigation found none
  std::string countermeasures;  // one "- " line each; empty when there are none
  std::string reply;
  std::string first_contact_due;  // "2026年3月2日 21:30", in the customer's language
};

inline constexpr std::size_t kMaxLetterTemplateChars = 20000;

// Checks a template of `kind`. Errors: kInvalidArgument on field "body" with
// "validation.required", "validation.too_long" {max},
// "validation.letter_placeholder" {placeholder} {available} (unknown to the
// kind, or a brace not closed: write "{{" for a literal one) or
// "validation.letter_needs" {placeholder} (the one the kind requires).
Status CheckLetterTemplate(LetterKind kind, std::string_view body);

// The letter: `body` (a template CheckLetterTemplate accepts for `kind`) filled in.
std::string FillLetterTemplate(LetterKind kind, std::string_view body, const LetterFields& fields);

}  // namespace lt::domain
