#pragma once

// Admin use cases on the business rules kept as data: the workflow and the
// SLA policies. Reading them is open to staff; replacing them to admins,
// audited.

#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/workflow.hpp"
#include "sla/sla_policy.hpp"

namespace lt::app {

// Every staff member reads the workflow: the console names states and steps
// from it and shows the data each step asks for. Errors: kForbidden (portal users).
Result<domain::Workflow> GetWorkflow(AppContext& context, const domain::Principal& principal);
// The same for any reader: the portal shows customers its states' kinds.
Result<domain::Workflow> WorkflowInForce(AppContext& context);

// Replaces the workflow. Errors: kForbidden (not an admin); kInvalidArgument
// (domain::ValidateWorkflow); kConflict "error.state_in_use" when a state
// that cases are in would disappear.
Result<domain::Workflow> ReplaceWorkflow(AppContext& context, const domain::Principal& principal,
                                         const domain::Workflow& workflow);

// Admins and managers; the other staff see each case's deadlines on the
// case. Errors: kForbidden.
Result<std::vector<sla::SlaPolicy>> GetSlaPolicies(AppContext& context,
                                                   const domain::Principal& principal);

// Replaces every SLA policy, and schedules the recomputation of every open
// case's clocks (app::RecomputeSlaBatch); clocks that stopped keep their
// verdict. Errors: kForbidden, kInvalidArgument
// (sla::ValidateSlaPolicies, unknown users and categories).
Result<std::vector<sla::SlaPolicy>> ReplaceSlaPolicies(AppContext& context,
                                                       const domain::Principal& principal,
                                                       const std::vector<sla::SlaPolicy>& policies);

}  // namespace lt::app
