#pragma once

// Use cases of the workflow: which steps a case can take now, and taking one.

#include <memory>
#include <optional>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"
#include "domain/workflow.hpp"

namespace lt::app {

struct AvailableSteps {
  std::shared_ptr<const domain::Workflow> workflow;  // in force, for naming the states
  std::vector<domain::WorkflowTransition> steps;
};

// The steps the principal may take on the case now, in workflow order.
// Errors: kNotFound (absent or not visible).
Result<AvailableSteps> ListAvailableSteps(AppContext& context, const domain::Principal& principal,
                                          Id case_id);

struct TakenStep {
  domain::Case a_case;  // after the step
  domain::CaseStep step;
};

// Moves the case to `input.to` through the step that leads there from its
// state, records the step's data and procedure events, updates the quality
// report and actions, restarts the SLA clocks and writes the audit record,
// all in one transaction. Errors: kNotFound (case absent or not visible);
// kConflict "error.transition_not_allowed" (no step leads from the case's
// state to `to` for this case) or "error.case_changed" (If-Match);
// kForbidden "error.transition_forbidden" (the role may not take it);
// kInvalidArgument (required data missing or malformed, data the step does
// not take, unknown references).
Result<TakenStep> TakeStep(AppContext& context, const domain::Principal& principal, Id case_id,
                           const StepInput& input, std::optional<std::int64_t> expected_version);

// The steps the case took, oldest first (staff only).
Result<std::vector<domain::CaseStep>> ListCaseSteps(AppContext& context,
                                                    const domain::Principal& principal, Id case_id);

}  // namespace lt::app
