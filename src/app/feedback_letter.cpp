#include "app/feedback_letter.hpp"

#include <tuple>

#include "app/letter_templates.hpp"
#include "domain/letter_template.hpp"
#include "storage/connection.hpp"

namespace lt::app {

i18n::Locale LetterLanguageOf(const domain::Customer& customer) {
  i18n::Locale locale = i18n::kDefaultLocale;
  std::ignore = i18n::ParseLocaleTag(customer.language, locale);  // unknown: the default
  return locale;
}

Result<std::string> WriteFeedbackLetter(storage::Connection& connection,
                                        const domain::Customer& customer,
                                        const domain::Case& a_case,
                                        const std::optional<domain::QualityReport>& report,
                                        const std::vector<domain::Action>& actions,
                                        const std::string& reply) {
  domain::LetterFields fields;
  fields.customer = customer.name;
  fields.number = a_case.number;
  fields.subject = a_case.subject;
  // Without a sample the potential-failure analysis stands for the cause.
  if (report) {
    fields.cause = !report->root_cause_occurrence.empty() ? report->root_cause_occurrence
                                                          : report->failure_analysis;
  }
  for (const auto& action : actions) {
    if (action.status == domain::ActionStatus::kCancelled ||
        action.kind == domain::ActionKind::kContainment) {
      continue;
    }
    fields.countermeasures +=
        (fields.countermeasures.empty() ? "" : "\n") + std::string("- ") + action.description;
  }
  // On the environmental form the responsible unit's solution is the countermeasure.
  if (fields.countermeasures.empty() && report && !report->solution.empty()) {
    fields.countermeasures = "- " + report->solution;
  }
  fields.reply = reply;
  LT_TRY_ASSIGN(
      const LetterTemplate letter_template,
      LetterTemplateFor(connection, domain::LetterKindOf(a_case), LetterLanguageOf(customer)));
  return domain::FillLetterTemplate(letter_template.body, fields);
}

}  // namespace lt::app
