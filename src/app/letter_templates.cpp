#include "app/letter_templates.hpp"

#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/letter_template_store.hpp"

namespace lt::app {
namespace {

constexpr std::array<i18n::Locale, 2> kLanguages = {i18n::Locale::kZhCn, i18n::Locale::kEn};

struct TemplateKey {
  domain::LetterKind kind;
  i18n::Locale language;
};

// Only exact codes name a template: "zh" or "en-US" are not templates of their own.
Result<TemplateKey> ParseKey(std::string_view kind, std::string_view language) {
  const auto parsed_kind = domain::kLetterKindCodes.FromCode(kind);
  for (const i18n::Locale locale : kLanguages) {
    if (parsed_kind && i18n::LocaleTag(locale) == language)
      return TemplateKey{*parsed_kind, locale};
  }
  return Error::Of(ErrorCode::kNotFound, "error.not_found");
}

std::string Shipped(domain::LetterKind kind, i18n::Locale language) {
  return i18n::Translate(language,
                         "letter.template." + std::string(domain::kLetterKindCodes.ToCode(kind)));
}

Status Audit(storage::Connection& connection, const TemplateKey& key, const std::string& verb,
             const domain::Principal& principal, TimestampMs now, const std::string& before,
             const std::string& after) {
  ChangeList changes;
  changes.Record("kind", std::nullopt, std::string(domain::kLetterKindCodes.ToCode(key.kind)));
  changes.Record("language", std::nullopt, std::string(i18n::LocaleTag(key.language)));
  changes.Record("body", before, after);
  return storage::AuditStore(connection)
      .Append(MakeEvent("letter_template", 0, verb, principal.user_id, now, changes.Take()));
}

}  // namespace

Result<LetterTemplate> LetterTemplateFor(storage::Connection& connection, domain::LetterKind kind,
                                         i18n::Locale language) {
  LetterTemplate result{kind, language, Shipped(kind, language)};
  LT_TRY_ASSIGN(const auto stored, storage::LetterTemplateStore(connection)
                                       .Find(std::string(domain::kLetterKindCodes.ToCode(kind)),
                                             std::string(i18n::LocaleTag(language))));
  if (stored) {
    result.body = stored->body;
    result.customised = true;
    result.updated_at = stored->updated_at;
    result.updated_by = stored->updated_by;
  }
  return result;
}

Result<std::vector<LetterTemplate>> ListLetterTemplates(AppContext& context,
                                                        const domain::Principal& principal) {
  LT_TRY(RequireStaff(principal));
  std::vector<LetterTemplate> templates;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    for (const auto& [kind, code] : domain::kLetterKindCodes.entries) {
      for (const i18n::Locale language : kLanguages) {
        LT_TRY_ASSIGN(auto found, LetterTemplateFor(connection, kind, language));
        templates.push_back(std::move(found));
      }
    }
    return Ok();
  }));
  return templates;
}

Result<LetterTemplate> GetLetterTemplate(AppContext& context, const domain::Principal& principal,
                                         std::string_view kind, std::string_view language) {
  LT_TRY(RequireStaff(principal));
  LT_TRY_ASSIGN(const TemplateKey key, ParseKey(kind, language));
  LetterTemplate result;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(result, LetterTemplateFor(connection, key.kind, key.language));
    return Ok();
  }));
  return result;
}

Result<LetterTemplate> SaveLetterTemplate(AppContext& context, const domain::Principal& principal,
                                          std::string_view kind, std::string_view language,
                                          const std::string& body) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const TemplateKey key, ParseKey(kind, language));
  LT_TRY(domain::CheckLetterTemplate(key.kind, body));
  const TimestampMs now = context.clock.NowMs();
  LetterTemplate result;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const LetterTemplate before,
                  LetterTemplateFor(connection, key.kind, key.language));
    LT_TRY(storage::LetterTemplateStore(connection)
               .Save({std::string(kind), std::string(language), body, now, principal.user_id}));
    LT_TRY(Audit(connection, key, "update", principal, now, before.body, body));
    LT_TRY_ASSIGN(result, LetterTemplateFor(connection, key.kind, key.language));
    return Ok();
  }));
  return result;
}

Result<LetterTemplate> ResetLetterTemplate(AppContext& context, const domain::Principal& principal,
                                           std::string_view kind, std::string_view language) {
  LT_TRY(RequireAdmin(principal));
  LT_TRY_ASSIGN(const TemplateKey key, ParseKey(kind, language));
  const TimestampMs now = context.clock.NowMs();
  LetterTemplate result;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const LetterTemplate before,
                  LetterTemplateFor(connection, key.kind, key.language));
    LT_TRY_ASSIGN(
        const bool removed,
        storage::LetterTemplateStore(connection).Remove(std::string(kind), std::string(language)));
    if (removed)
      LT_TRY(Audit(connection, key, "reset", principal, now, before.body,
                   Shipped(key.kind, key.language)));
    LT_TRY_ASSIGN(result, LetterTemplateFor(connection, key.kind, key.language));
    return Ok();
  }));
  return result;
}

}  // namespace lt::app
