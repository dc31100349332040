#pragma once

// Verification next month (procedure step 8): in the month after QA
// approved a report's countermeasures, QA checks whether the same problem
// came back (cases of the same category and product received since the
// countermeasures took effect) and whether the actions were carried out,
// then closes the case or reopens the investigation with that evidence.

#include <optional>
#include <string_view>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"

namespace lt::app {

struct Verification {
  domain::Case a_case;
  domain::QualityReport report;
  TimestampMs effective_since = 0;  // domain::CountermeasuresEffectiveSince
  TimestampMs due_from = 0;         // the first moment of the month after the approval
  bool due = false;                 // now >= due_from
  // Whether the case names a category or a product to compare by; without
  // either no recurrence can be told.
  bool comparable = false;
  std::vector<domain::Case> recurrences;  // visible to the reader, oldest first
  std::vector<domain::Action> open_actions;
};

// At most this many recurrences are listed per report.
inline constexpr int kMaxRecurrences = 100;

// The reports due for verification by the end of `month` ("YYYY-MM", the
// current month when empty): approved in an earlier month and not yet
// verified, oldest approval first, on cases the caller sees; at most `limit`.
// Staff only. Errors: kForbidden, kInvalidArgument (month).
Result<std::vector<Verification>> ListDueVerifications(AppContext& context,
                                                       const domain::Principal& principal,
                                                       std::string_view month, int limit);

// The verification of one case. Errors: kNotFound (case absent or not
// visible, or its countermeasures not approved yet), kForbidden.
Result<Verification> GetVerification(AppContext& context, const domain::Principal& principal,
                                     Id case_id);

// What stops QA closing the case at `now` (the regulation's 5.3 (3)), one
// field error each: "month" ("close.before_month") until the month after
// the countermeasures' approval begins; "actions" ("close.actions_unsettled")
// while an action is open, or done and not verified; "recurrences"
// ("close.recurrences") when the same or a similar abnormality came back
// since the countermeasures took effect, or ("close.not_comparable") when the
// case names neither category nor product, so that none can be told. Without
// approved countermeasures (the potential-failure path) only the actions
// count. Empty when the case may close. Call inside a transaction.
Result<std::vector<FieldError>> CloseBlockers(storage::Connection& connection,
                                              const domain::Case& a_case, TimestampMs now);

}  // namespace lt::app
