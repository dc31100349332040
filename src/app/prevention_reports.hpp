#pragma once

// Recurrence-prevention reports (预防再发处理报告): the QA head opens one on a
// case whose problem is serious, QA sets its preventive actions, the QA head
// (or a manager) approves it, and QA verifies it once every action is verified or cancelled. Every
// change is audited ("prevention_report", id).

#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"

namespace lt::app {

struct PreventionView {
  domain::PreventionReport report;
  std::vector<domain::Action> actions;  // the report's own
};

struct PreventionInput {
  std::string problem;  // required
  std::string analysis;
};

// The QA head (and admins) who see the case: the head decides a problem is
// serious. Errors: kNotFound, kForbidden, kInvalidArgument, kConflict
// "error.prevention_report_exists".
Result<PreventionView> OpenPreventionReport(AppContext& context, const domain::Principal& principal,
                                            Id case_id, const PreventionInput& input);

// Staff. Errors: kNotFound (case or report), kForbidden.
Result<PreventionView> GetPreventionReport(AppContext& context, const domain::Principal& principal,
                                           Id case_id);

// Adds one of the report's actions (preventive unless said otherwise) until
// it is verified. QA, managers, admins. Errors as AddAction, and kConflict
// "error.prevention_report_status" once verified.
Result<domain::Action> AddPreventionAction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const ActionInput& input);

// The QA head, managers and admins, once it has an action and is not
// approved yet.
// Errors: kNotFound, kForbidden, kConflict ("error.prevention_report_status",
// "error.prevention_report_no_actions").
Result<PreventionView> ApprovePreventionReport(AppContext& context,
                                               const domain::Principal& principal, Id case_id);

// QA, managers, admins, once approved and every action verified or
// cancelled. Errors: kNotFound, kForbidden, kInvalidArgument, kConflict
// ("error.prevention_report_status", "error.actions_unsettled").
Result<PreventionView> VerifyPreventionReport(AppContext& context,
                                              const domain::Principal& principal, Id case_id,
                                              const std::string& verification);

// Unverified or verified reports on cases the caller sees, oldest first.
Result<std::vector<domain::PreventionReport>> ListPreventionReports(
    AppContext& context, const domain::Principal& principal, domain::Settled verified, int limit);

}  // namespace lt::app
