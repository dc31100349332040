#pragma once

// Templates of the customer feedback letter (客户品质/环境抱怨回馈), one per
// kind of letter and language, written with placeholders:
//
//   {customer} {number} {subject} {cause} {countermeasures} {reply}
//
// {reply} (the replier's own words) is required. A paragraph (text between
// blank lines) holding {cause} or {countermeasures} is left out when the case
// has none, so "原因：{cause}" does not print an empty cause. "{{" and "}}"
// write literal braces.

#include <string>
#include <string_view>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

enum class LetterKind { kQuality, kEnvironmental };
inline constexpr EnumCodes<LetterKind, 2> kLetterKindCodes{{{
    {LetterKind::kQuality, "quality"},
    {LetterKind::kEnvironmental, "environmental"},
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
};

inline constexpr std::size_t kMaxLetterTemplateChars = 20000;

// Checks a template. Errors: kInvalidArgument on field "body" with
// "validation.required", "validation.too_long" {max},
// "validation.letter_placeholder" {placeholder} (unknown, or a brace not
// closed: write "{{" for a literal one) or "validation.letter_needs_reply".
Status CheckLetterTemplate(std::string_view body);

// The letter: `body` (a template CheckLetterTemplate accepts) filled in.
std::string FillLetterTemplate(std::string_view body, const LetterFields& fields);

}  // namespace lt::domain
