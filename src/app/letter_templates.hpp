#pragma once

// The feedback letter templates admins keep, one per kind of letter
// (domain::LetterKind) and language (zh-CN, en). Without an admin's version,
// the shipped template of the i18n catalog applies; resetting returns to it.
// Every change is audited ("letter_template", 0, with the kind and language).

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/letter_template.hpp"
#include "i18n/i18n.hpp"

namespace lt::app {

struct LetterTemplate {
  domain::LetterKind kind = domain::LetterKind::kQuality;
  i18n::Locale language = i18n::kDefaultLocale;
  std::string body;
  bool customised = false;  // an admin's version, not the shipped one
  std::optional<TimestampMs> updated_at;
  std::optional<domain::Id> updated_by;
};

// The template the letter of `kind` in `language` is written from. Call
// inside a transaction.
Result<LetterTemplate> LetterTemplateFor(storage::Connection& connection, domain::LetterKind kind,
                                         i18n::Locale language);

// Staff read; admins change. `kind` and `language` are codes ("quality",
// "zh-CN"). Errors: kForbidden, kNotFound (unknown kind or language),
// kInvalidArgument (domain::CheckLetterTemplate).
Result<std::vector<LetterTemplate>> ListLetterTemplates(AppContext& context,
                                                        const domain::Principal& principal);
Result<LetterTemplate> GetLetterTemplate(AppContext& context, const domain::Principal& principal,
                                         std::string_view kind, std::string_view language);
Result<LetterTemplate> SaveLetterTemplate(AppContext& context, const domain::Principal& principal,
                                          std::string_view kind, std::string_view language,
                                          const std::string& body);
Result<LetterTemplate> ResetLetterTemplate(AppContext& context, const domain::Principal& principal,
                                           std::string_view kind, std::string_view language);

}  // namespace lt::app
