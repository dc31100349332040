#pragma once

// The customer's rating of a case's outcome (domain/case_rating.hpp): given
// on the portal once the company has answered (a public message to the
// customer on the timeline) or the case is resolved or closed; given again,
// it replaces the first. Staff read it on the case.

#include <optional>
#include <string>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/case_rating.hpp"

namespace lt::app {

struct CaseRatingInput {
  std::optional<domain::RatingLevel> level;
  std::optional<bool> solved;
  std::optional<std::string> comment;
};

// Errors: kNotFound (case absent or not visible), kForbidden (staff: the
// rating is the customer's), kInvalidArgument (fields), kConflict
// "error.rating_too_early" (no answer yet).
Result<domain::CaseRating> RateCase(AppContext& context, const domain::Principal& principal,
                                    domain::Id case_id, const CaseRatingInput& input);

struct CaseRatingView {
  std::optional<domain::CaseRating> rating;  // nullopt until the customer rates
  bool may_rate = false;                     // the reader is the customer, and it is time
};
// Errors: kNotFound (case absent or not visible).
Result<CaseRatingView> GetCaseRating(AppContext& context, const domain::Principal& principal,
                                     domain::Id case_id);

}  // namespace lt::app
