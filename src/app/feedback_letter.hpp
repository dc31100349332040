#pragma once

// The customer feedback letter (客户品质/环境抱怨回馈): the formal reply sent
// with the send_reply step, written from the catalog's letter template in
// the customer's language: greeting, what the case was about, the cause and
// the countermeasures (when the investigation found them), the reply in the
// replier's words, and the closing.

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/procedure.hpp"

namespace lt::app {

std::string RenderFeedbackLetter(const domain::Customer& customer, const domain::Case& a_case,
                                 const std::optional<domain::QualityReport>& report,
                                 const std::vector<domain::Action>& actions,
                                 const std::string& reply);

}  // namespace lt::app
