#include "app/feedback_letter.hpp"

#include <tuple>

#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/letter_templates.hpp"
#include "domain/letter_template.hpp"
#include "storage/action_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/quality_report_store.hpp"

namespace lt::app {

Result<std::string> WriteFeedbackLetterFor(storage::Connection& connection,
                                           const domain::Case& a_case, const std::string& reply) {
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  LT_TRY_ASSIGN(const auto report, storage::QualityReportStore(connection).Find(a_case.id));
  LT_TRY_ASSIGN(const auto actions, storage::ActionStore(connection).List(a_case.id));
  return WriteFeedbackLetter(connection, customer.value_or(domain::Customer{}), a_case, report,
                             actions, reply);
}

Result<LetterPreview> PreviewFeedbackLetter(AppContext& context, const domain::Principal& principal,
                                            domain::Id case_id, const std::string& reply) {
  LetterPreview preview{i18n::kDefaultLocale, {}};
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
    preview.language = LetterLanguageOf(customer.value_or(domain::Customer{}));
    LT_TRY_ASSIGN(preview.text, WriteFeedbackLetterFor(connection, a_case, reply));
    return Ok();
  }));
  return preview;
}

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
  return domain::FillLetterTemplate(letter_template.kind, letter_template.body, fields);
}

}  // namespace lt::app
