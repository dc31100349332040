#pragma once

// Reading the procedure's documents of a case: the quality abnormality report
// (or environmental communication form) and the actions.

#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"

namespace lt::app {

// Staff only. Errors: kNotFound (case absent or not visible, or no report yet), kForbidden.
Result<domain::QualityReport> GetQualityReport(AppContext& context,
                                               const domain::Principal& principal, Id case_id);

// Staff only. Errors: kNotFound, kForbidden.
Result<std::vector<domain::Action>> ListCaseActions(AppContext& context,
                                                    const domain::Principal& principal, Id case_id);

}  // namespace lt::app
