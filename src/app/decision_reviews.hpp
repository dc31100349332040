#pragma once

// The review of rejected decisions (ISO 10002): every customer rejection
// stays on the review list, with the alternatives offered, until someone
// records how it was settled. Settlements are audited.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"

namespace lt::app {

struct ReviewView {
  domain::DecisionReview review;
  domain::Case a_case;
};

// Open or settled reviews on cases the caller sees, oldest first. Staff only.
Result<std::vector<ReviewView>> ListDecisionReviews(AppContext& context,
                                                    const domain::Principal& principal,
                                                    domain::Settled settled, int limit);

struct Settlement {
  std::string outcome;  // required
  std::optional<domain::Alternative> alternative_taken;
};

// QA, sales, general affairs, managers and admins who see the case.
// Errors: kNotFound, kForbidden, kInvalidArgument, kConflict "error.review_settled".
Result<ReviewView> SettleDecisionReview(AppContext& context, const domain::Principal& principal,
                                        Id review_id, const Settlement& settlement);

}  // namespace lt::app
