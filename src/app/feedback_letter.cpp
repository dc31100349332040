#include "app/feedback_letter.hpp"

#include <tuple>

#include "i18n/i18n.hpp"

namespace lt::app {

std::string RenderFeedbackLetter(const domain::Customer& customer, const domain::Case& a_case,
                                 const std::optional<domain::QualityReport>& report,
                                 const std::vector<domain::Action>& actions,
                                 const std::string& reply) {
  i18n::Locale locale = i18n::kDefaultLocale;
  std::ignore = i18n::ParseLocaleTag(customer.language, locale);  // unknown: the default
  auto text = [&](const char* key, std::vector<MessageArg> args = {}) {
    return i18n::Translate(locale, key, args);
  };
  std::string letter =
      text("letter.greeting", {{"customer", customer.name}}) + "\n\n" +
      text("letter.intro", {{"subject", a_case.subject}, {"number", a_case.number}});
  if (report && !report->root_cause_occurrence.empty()) {
    letter += "\n\n" + text("letter.cause", {{"cause", report->root_cause_occurrence}});
  }
  std::string countermeasures;
  for (const auto& action : actions) {
    if (action.status == domain::ActionStatus::kCancelled ||
        action.kind == domain::ActionKind::kContainment) {
      continue;
    }
    countermeasures +=
        (countermeasures.empty() ? "" : "\n") + std::string("- ") + action.description;
  }
  if (!countermeasures.empty()) {
    letter += "\n\n" + text("letter.countermeasures", {{"countermeasures", countermeasures}});
  }
  letter += "\n\n" + reply + "\n\n" + text("letter.closing");
  return letter;
}

}  // namespace lt::app
