#include "domain/letter_template.hpp"

#include <algorithm>
#include <array>
#include <optional>
#include <vector>

#include "base/utf8.hpp"

namespace lt::domain {
namespace {

constexpr std::array<std::string_view, 6> kFeedbackPlaceholders = {
    "customer", "number", "subject", "cause", "countermeasures", "reply"};
constexpr std::array<std::string_view, 4> kAcknowledgementPlaceholders = {
    "customer", "number", "subject", "first_contact_due"};
constexpr std::array<std::string_view, 3> kSmsAcknowledgementPlaceholders = {"customer", "number",
                                                                             "first_contact_due"};
constexpr std::array<std::string_view, 2> kOptional = {"cause", "countermeasures"};

std::vector<std::string_view> PlaceholdersOf(LetterKind kind) {
  if (kind == LetterKind::kAcknowledgement) {
    return {kAcknowledgementPlaceholders.begin(), kAcknowledgementPlaceholders.end()};
  }
  if (kind == LetterKind::kSmsAcknowledgement || kind == LetterKind::kWechatAcknowledgement) {
    return {kSmsAcknowledgementPlaceholders.begin(), kSmsAcknowledgementPlaceholders.end()};
  }
  return {kFeedbackPlaceholders.begin(), kFeedbackPlaceholders.end()};
}

std::string_view RequiredOf(LetterKind kind) {
  return kind == LetterKind::kQuality || kind == LetterKind::kEnvironmental ? "reply" : "number";
}

// One piece of a template: literal text, or a placeholder's name.
struct Piece {
  std::string text;
  bool placeholder = false;
};

// Splits a template into pieces; on a bad brace, nullopt and what was wrong.
std::optional<std::vector<Piece>> Parse(LetterKind kind, std::string_view body, std::string& bad) {
  const std::vector<std::string_view> known = PlaceholdersOf(kind);
  std::vector<Piece> pieces(1);
  for (std::size_t at = 0; at < body.size(); ++at) {
    const char c = body[at];
    if ((c == '{' || c == '}') && at + 1 < body.size() && body[at + 1] == c) {
      pieces.back().text += c;
      ++at;
    } else if (c == '{') {
      const auto close = body.find('}', at);
      const std::string_view name =
          body.substr(at + 1, close == std::string_view::npos ? 0 : close - at - 1);
      if (close == std::string_view::npos ||
          std::find(known.begin(), known.end(), name) == known.end()) {
        bad = std::string(body.substr(at, close == std::string_view::npos ? 20 : close - at + 1));
        return std::nullopt;
      }
      pieces.push_back({std::string(name), true});
      pieces.emplace_back();
      at = close;
    } else if (c == '}') {
      bad.assign(1, c);
      return std::nullopt;
    } else {
      pieces.back().text += c;
    }
  }
  return pieces;
}

std::string_view ValueOf(std::string_view name, const LetterFields& fields) {
  if (name == "customer") return fields.customer;
  if (name == "number") return fields.number;
  if (name == "subject") return fields.subject;
  if (name == "cause") return fields.cause;
  if (name == "countermeasures") return fields.countermeasures;
  if (name == "first_contact_due") return fields.first_contact_due;
  return fields.reply;
}

}  // namespace

LetterKind LetterKindOf(const Case& a_case) {
  return a_case.origin_class == OriginClass::kEnvironmental ? LetterKind::kEnvironmental
                                                            : LetterKind::kQuality;
}

Status CheckLetterTemplate(LetterKind kind, std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Error::Invalid("body", "validation.required");
  }
  if (CountCodePoints(body) > kMaxLetterTemplateChars) {
    return Error::Invalid("body", "validation.too_long",
                          {{"max", std::to_string(kMaxLetterTemplateChars)}});
  }
  std::string bad;
  const auto pieces = Parse(kind, body, bad);
  if (!pieces) {
    std::string available;
    for (const std::string_view name : PlaceholdersOf(kind)) {
      available += (available.empty() ? "{" : ", {") + std::string(name) + "}";
    }
    return Error::Invalid("body", "validation.letter_placeholder",
                          {{"placeholder", bad}, {"available", available}});
  }
  const std::string_view required = RequiredOf(kind);
  const bool has_required = std::any_of(pieces->begin(), pieces->end(), [&](const Piece& piece) {
    return piece.placeholder && piece.text == required;
  });
  if (!has_required) {
    return Error::Invalid("body", "validation.letter_needs",
                          {{"placeholder", "{" + std::string(required) + "}"}});
  }
  return Ok();
}

std::string FillLetterTemplate(LetterKind kind, std::string_view body, const LetterFields& fields) {
  std::string bad;
  const auto pieces = Parse(kind, body, bad);
  if (!pieces) return std::string(body);  // not checked: shown as written rather than lost
  // Paragraphs are filled one by one, so that one whose optional placeholder
  // is empty can be left out whole.
  std::string letter;
  std::string paragraph;
  bool drop = false;
  auto end_paragraph = [&] {
    if (!drop && paragraph.find_first_not_of(" \t\r\n") != std::string::npos) {
      if (!letter.empty()) letter += "\n\n";
      const auto first = paragraph.find_first_not_of("\r\n");
      const auto last = paragraph.find_last_not_of(" \t\r\n");
      letter += paragraph.substr(first, last - first + 1);
    }
    paragraph.clear();
    drop = false;
  };
  for (const Piece& piece : *pieces) {
    if (piece.placeholder) {
      const std::string_view value = ValueOf(piece.text, fields);
      if (value.empty() &&
          std::find(kOptional.begin(), kOptional.end(), piece.text) != kOptional.end()) {
        drop = true;
      }
      paragraph += value;
      continue;
    }
    // Literal text may end paragraphs: a blank line (two line breaks with
    // only spaces between) separates them.
    std::size_t start = 0;
    for (std::size_t at = 0; at < piece.text.size(); ++at) {
      if (piece.text[at] != '\n') continue;
      std::size_t next = at + 1;
      while (next < piece.text.size() &&
             (piece.text[next] == ' ' || piece.text[next] == '\t' || piece.text[next] == '\r')) {
        ++next;
      }
      if (next < piece.text.size() && piece.text[next] == '\n') {
        paragraph += piece.text.substr(start, at - start);
        end_paragraph();
        start = next + 1;
        at = next;
      }
    }
    paragraph += piece.text.substr(start);
  }
  end_paragraph();
  return letter;
}

}  // namespace lt::domain
