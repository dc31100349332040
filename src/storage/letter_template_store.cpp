#include "storage/letter_template_store.hpp"

#include <memory>

namespace lt::storage {
namespace {

constexpr std::string_view kLetterTemplateColumns = "kind, language, body, updated_at, updated_by";

StoredLetterTemplate LetterTemplateFromRow(const Row& row) {
  return {row.Text(0), row.Text(1), row.Text(2), row.Int(3), row.OptionalInt(4)};
}

// The key a template is kept under for the transaction (Connection::Recall).
std::string KeptAs(const std::string& kind, const std::string& language) {
  return "letter_template:" + kind + "/" + language;
}

}  // namespace

Result<std::vector<StoredLetterTemplate>> LetterTemplateStore::List() {
  std::vector<StoredLetterTemplate> templates;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kLetterTemplateColumns) +
          " FROM letter_templates ORDER BY kind, language",
      {}, [&](const Row& row) { templates.push_back(LetterTemplateFromRow(row)); }));
  return templates;
}

Result<std::optional<StoredLetterTemplate>> LetterTemplateStore::Find(const std::string& kind,
                                                                      const std::string& language) {
  // Kept for the transaction: a batch of mail acknowledges with one template.
  using Found = std::optional<StoredLetterTemplate>;
  const std::string kept_as = KeptAs(kind, language);
  if (const auto kept = connection_.Recall<Found>(kept_as)) return *kept;
  Found found;
  LT_TRY(connection_.Query("SELECT " + std::string(kLetterTemplateColumns) +
                               " FROM letter_templates WHERE kind = $1 AND language = $2",
                           {kind, language},
                           [&](const Row& row) { found = LetterTemplateFromRow(row); }));
  connection_.Remember(kept_as, std::make_shared<const Found>(found));
  return found;
}

Status LetterTemplateStore::Save(const StoredLetterTemplate& stored) {
  connection_.Forget(KeptAs(stored.kind, stored.language));
  LT_TRY(connection_.Execute(
      "INSERT INTO letter_templates (kind, language, body, updated_at, updated_by) "
      "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (kind, language) DO UPDATE SET "
      "body = excluded.body, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
      {stored.kind, stored.language, stored.body, stored.updated_at,
       OptionalValue(stored.updated_by)}));
  return Ok();
}

Result<bool> LetterTemplateStore::Remove(const std::string& kind, const std::string& language) {
  connection_.Forget(KeptAs(kind, language));
  LT_TRY_ASSIGN(
      const std::int64_t removed,
      connection_.Execute("DELETE FROM letter_templates WHERE kind = $1 AND language = $2",
                          {kind, language}));
  return removed > 0;
}

}  // namespace lt::storage
