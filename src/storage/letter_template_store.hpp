#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.hpp"
#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// A feedback letter template an admin saved (migrations/*/0013_letter_templates.sql).
struct StoredLetterTemplate {
  std::string kind;      // domain::kLetterKindCodes
  std::string language;  // "zh-CN" or "en"
  std::string body;
  TimestampMs updated_at = 0;
  std::optional<domain::Id> updated_by;
};

class LetterTemplateStore {
 public:
  explicit LetterTemplateStore(Connection& connection) : connection_(connection) {}

  Result<std::vector<StoredLetterTemplate>> List();
  Result<std::optional<StoredLetterTemplate>> Find(const std::string& kind,
                                                   const std::string& language);
  // Inserts or replaces the template of (kind, language).
  Status Save(const StoredLetterTemplate& stored);
  // Removes it; true when there was one.
  Result<bool> Remove(const std::string& kind, const std::string& language);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
