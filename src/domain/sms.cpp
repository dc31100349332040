#include "domain/sms.hpp"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "base/url_encoding.hpp"
#include "domain/contact.hpp"
#include "domain/placeholder_template.hpp"

namespace lt::domain {
namespace {

constexpr std::size_t kGsmSingle = 160;
constexpr std::size_t kGsmPart = 153;
constexpr std::size_t kUcsSingle = 70;
constexpr std::size_t kUcsPart = 67;

// One character of well-formed UTF-8: its code point and byte length.
struct CodePoint {
  char32_t value = 0;
  std::size_t bytes = 1;
};
CodePoint Decode(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
  const unsigned char first = byte(0);
  const auto continued = [&](std::size_t length, char32_t lead) {
    if (at + length > text.size()) return CodePoint{0xFFFD, 1};
    char32_t value = lead;
    for (std::size_t i = 1; i < length; ++i) value = (value << 6) | (byte(i) & 0x3F);
    return CodePoint{value, length};
  };
  if (first < 0x80) return {first, 1};
  if ((first & 0xE0) == 0xC0) return continued(2, first & 0x1F);
  if ((first & 0xF0) == 0xE0) return continued(3, first & 0x0F);
  if ((first & 0xF8) == 0xF0) return continued(4, first & 0x07);
  return {0xFFFD, 1};
}

// The GSM 03.38 default alphabet and its extension table (escape + one).
constexpr std::u32string_view kGsmBasic =
    U"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    U"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
constexpr std::u32string_view kGsmExtension = U"\f^{}\\[~]|€";

// Units a character takes in `alphabet`: 0 when GSM-7 cannot write it.
std::size_t UnitsOf(char32_t c, SmsAlphabet alphabet) {
  if (alphabet == SmsAlphabet::kUcs2) return c > 0xFFFF ? 2 : 1;
  if (kGsmBasic.find(c) != std::u32string_view::npos) return 1;
  if (kGsmExtension.find(c) != std::u32string_view::npos) return 2;
  return 0;
}

SmsAlphabet AlphabetOf(std::string_view text) {
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint c = Decode(text, at);
    if (UnitsOf(c.value, SmsAlphabet::kGsm7) == 0) return SmsAlphabet::kUcs2;
    at += c.bytes;
  }
  return SmsAlphabet::kGsm7;
}

// Where a long text is best cut: after a line or a sentence, else after a
// clause or a word.
bool IsSentenceEnd(char32_t c) {
  return c == U'\n' || c == U'。' || c == U'！' || c == U'？' || c == U'.' || c == U'!' ||
         c == U'?';
}
bool IsClauseEnd(char32_t c) {
  return c == U' ' || c == U'，' || c == U'；' || c == U'、' || c == U',' || c == U';';
}

std::string NationalNumber(const std::string& e164) {
  if (e164.rfind("+86", 0) == 0) return e164.substr(3);
  return e164.empty() || e164[0] != '+' ? e164 : e164.substr(1);
}

constexpr std::array<std::string_view, 4> kPlaceholderNames = {"to", "to_national", "text",
                                                               "reference"};

}  // namespace

Status CheckSmsBodyTemplate(SmsBodyFormat format, std::string_view body_template) {
  const auto invalid = [](std::string code, std::vector<MessageArg> params = {}) {
    return Error::Invalid("body_template", std::move(code), std::move(params));
  };
  if (body_template.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return invalid("validation.required");
  }
  std::optional<std::string> unknown;
  bool has_to = false;
  bool has_text = false;
  const bool closed = WalkTemplate(
      body_template, [](std::string_view) {},
      [&](std::string_view name) {
        if (name == "to" || name == "to_national") has_to = true;
        if (name == "text") has_text = true;
        if (std::find(kPlaceholderNames.begin(), kPlaceholderNames.end(), name) ==
                kPlaceholderNames.end() &&
            !unknown) {
          unknown = "${" + std::string(name) + "}";
        }
      });
  if (!closed) unknown = "${";
  if (unknown) {
    return invalid("validation.sms_placeholder",
                   {{"placeholder", *unknown}, {"available", std::string(kSmsPlaceholders)}});
  }
  if (!has_to) return invalid("validation.sms_needs", {{"placeholder", "${to}"}});
  if (!has_text) return invalid("validation.sms_needs", {{"placeholder", "${text}"}});
  if (format == SmsBodyFormat::kJson) {
    const std::string sample =
        FillSmsBody(format, body_template, {"+8613800000000", "\"{x}\"\n", "1"});
    if (nlohmann::json::parse(sample, nullptr, false).is_discarded()) {
      return invalid("validation.sms_json");
    }
  }
  return Ok();
}

std::string FillSmsBody(SmsBodyFormat format, std::string_view body_template,
                        const SmsFields& fields) {
  const auto escaped = [&](const std::string& value) {
    return format == SmsBodyFormat::kJson ? JsonEscaped(value) : FormEncode(value);
  };
  std::string out;
  WalkTemplate(
      body_template, [&](std::string_view text) { out += text; },
      [&](std::string_view name) {
        if (name == "to") out += escaped(fields.to);
        if (name == "to_national") out += escaped(NationalNumber(fields.to));
        if (name == "text") out += escaped(fields.text);
        if (name == "reference") out += escaped(fields.reference);
      });
  return out;
}

SmsLength MeasureSms(std::string_view text) {
  SmsLength length;
  length.alphabet = AlphabetOf(text);
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint c = Decode(text, at);
    length.units += UnitsOf(c.value, length.alphabet);
    at += c.bytes;
  }
  const bool gsm = length.alphabet == SmsAlphabet::kGsm7;
  const std::size_t single = gsm ? kGsmSingle : kUcsSingle;
  const std::size_t part = gsm ? kGsmPart : kUcsPart;
  if (length.units == 0) {
    length.parts = 0;
  } else if (length.units <= single) {
    length.parts = 1;
  } else {
    // A character is never split between parts, so count part by part.
    length.parts = 1;
    std::size_t used = 0;
    for (std::size_t at = 0; at < text.size();) {
      const CodePoint c = Decode(text, at);
      const std::size_t units = UnitsOf(c.value, length.alphabet);
      if (used + units > part) {
        ++length.parts;
        used = 0;
      }
      used += units;
      at += c.bytes;
    }
  }
  return length;
}

std::vector<std::string> SplitSms(std::string_view text, int max_parts) {
  max_parts = std::max(max_parts, 1);
  if (MeasureSms(text).parts <= static_cast<std::size_t>(max_parts)) {
    return {std::string(text)};
  }
  const SmsAlphabet alphabet = AlphabetOf(text);
  const std::size_t part = alphabet == SmsAlphabet::kGsm7 ? kGsmPart : kUcsPart;
  const std::size_t single = alphabet == SmsAlphabet::kGsm7 ? kGsmSingle : kUcsSingle;
  // Each piece must itself fit in max_parts parts.
  const std::size_t budget = max_parts == 1 ? single : part * static_cast<std::size_t>(max_parts);
  std::vector<std::string> pieces;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t units = 0;
    std::size_t end = start;
    std::size_t last_sentence = std::string_view::npos;
    std::size_t last_clause = std::string_view::npos;
    std::size_t used_in_part = 0;
    std::size_t parts = 1;
    while (end < text.size()) {
      const CodePoint c = Decode(text, end);
      const std::size_t width = UnitsOf(c.value, alphabet);
      if (max_parts > 1) {
        if (used_in_part + width > part) {
          if (parts == static_cast<std::size_t>(max_parts)) break;
          ++parts;
          used_in_part = 0;
        }
        used_in_part += width;
      } else if (units + width > budget) {
        break;
      }
      units += width;
      end += c.bytes;
      if (IsSentenceEnd(c.value)) last_sentence = end;
      if (IsClauseEnd(c.value)) last_clause = end;
    }
    // Cut after a sentence in the second half of the piece, else after a
    // clause or word in its last fifth, else where the piece is full.
    if (end < text.size()) {
      if (last_sentence != std::string_view::npos && last_sentence > start + (end - start) / 2) {
        end = last_sentence;
      } else if (last_clause != std::string_view::npos &&
                 last_clause > start + (end - start) * 4 / 5) {
        end = last_clause;
      }
    }
    std::string piece(text.substr(start, end - start));
    while (!piece.empty() && (piece.back() == ' ' || piece.back() == '\n')) piece.pop_back();
    if (!piece.empty()) pieces.push_back(std::move(piece));
    start = end;
    while (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
  }
  return pieces;
}

}  // namespace lt::domain
