#pragma once

// The customer feedback letter (客户品质/环境抱怨回馈): the formal reply sent
// with the send_reply step, written from the letter template of its kind in
// the customer's language (app/letter_templates.hpp): what the case was
// about, the cause and the countermeasures (when the investigation found
// them), the reply in the replier's words.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/store_access.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/entities.hpp"
#include "domain/procedure.hpp"
#include "i18n/i18n.hpp"

namespace lt::app {

// The language the customer's letters are written in (the default when the
// customer has none Lingting knows).
i18n::Locale LetterLanguageOf(const domain::Customer& customer);

// Writes the letter for the case as it stands in the store (its customer,
// quality report and actions) with `reply`. Call inside a transaction.
Result<std::string> WriteFeedbackLetterFor(storage::Connection& connection,
                                           const domain::Case& a_case, const std::string& reply);

struct LetterPreview {
  i18n::Locale language;
  std::string text;
};
// The letter the send_reply step would send with `reply` now, for the
// replier to read first (staff; kNotFound when the case is not visible).
Result<LetterPreview> PreviewFeedbackLetter(AppContext& context, const domain::Principal& principal,
                                            domain::Id case_id, const std::string& reply);

// Writes the letter for the case. Call inside the step's transaction.
Result<std::string> WriteFeedbackLetter(storage::Connection& connection,
                                        const domain::Customer& customer,
                                        const domain::Case& a_case,
                                        const std::optional<domain::QualityReport>& report,
                                        const std::vector<domain::Action>& actions,
                                        const std::string& reply);

}  // namespace lt::app
