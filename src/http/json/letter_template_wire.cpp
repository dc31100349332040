#include "http/json/letter_template_wire.hpp"

#include "http/json/object_reader.hpp"
#include "http/json/wire_support.hpp"

namespace lt::http::wire {

using nlohmann::json;

json LetterTemplateToJson(const app::LetterTemplate& letter_template) {
  return {{"kind", domain::kLetterKindCodes.ToCode(letter_template.kind)},
          {"language", i18n::LocaleTag(letter_template.language)},
          {"body", letter_template.body},
          {"customised", letter_template.customised},
          {"updated_at", OptionalTime(letter_template.updated_at)},
          {"updated_by", OptionalId(letter_template.updated_by)}};
}

Result<std::string> ParseLetterTemplateBody(const json& body) {
  FieldErrors errors;
  ObjectReader reader(body, errors);
  std::string text = reader.RequiredString("body");
  return Finish(reader, errors, std::move(text));
}

}  // namespace lt::http::wire
