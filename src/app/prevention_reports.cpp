#include "app/prevention_reports.hpp"

#include <algorithm>

#include "app/actions.hpp"
#include "app/audit_trail.hpp"
#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "base/time_format.hpp"
#include "storage/action_store.hpp"
#include "storage/audit_store.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/prevention_report_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxReportTextChars = 20000;

bool IsOneOf(const domain::Principal& principal, std::initializer_list<domain::Role> roles) {
  return principal.system || std::any_of(roles.begin(), roles.end(), [&](domain::Role role) {
           return domain::Holds(principal.role, role);
         });
}

Status RequireRoles(const domain::Principal& principal, std::initializer_list<domain::Role> roles) {
  if (!IsOneOf(principal, roles)) return Error::Of(ErrorCode::kForbidden, "error.forbidden");
  return Ok();
}

constexpr auto kQaRoles = {domain::Role::kQa, domain::Role::kManager, domain::Role::kAdmin};
// The QA head decides that a problem is serious enough (the regulation's 5.3
// (4)) and approves the report's countermeasures (5.3 (5)), as managers may.
constexpr auto kQaHeadRoles = {domain::Role::kQaHead, domain::Role::kAdmin};
constexpr auto kApproverRoles = {domain::Role::kQaHead, domain::Role::kManager,
                                 domain::Role::kAdmin};

Result<PreventionView> ViewOf(storage::Connection& connection, domain::PreventionReport report) {
  PreventionView view;
  LT_TRY_ASSIGN(auto actions, storage::ActionStore(connection).List(report.case_id));
  for (auto& action : actions) {
    if (action.prevention_report_id == report.id) view.actions.push_back(std::move(action));
  }
  view.report = std::move(report);
  return view;
}

// Loads the case's report for a change, once the case is visible and the
// principal holds one of `roles`.
Result<domain::PreventionReport> LoadForChange(storage::Connection& connection,
                                               const domain::Principal& principal, Id case_id,
                                               std::initializer_list<domain::Role> roles) {
  LT_TRY(LoadVisibleCase(connection, principal, case_id));
  LT_TRY(RequireRoles(principal, roles));
  LT_TRY_ASSIGN(auto report, storage::PreventionReportStore(connection).Find(case_id));
  if (!report) return Error::Of(ErrorCode::kNotFound, "error.not_found");
  return std::move(*report);
}

Status Audit(storage::Connection& connection, const domain::PreventionReport& report,
             const std::string& verb, const domain::Principal& principal, TimestampMs now,
             ChangeList changes) {
  return storage::AuditStore(connection)
      .Append(
          MakeEvent("prevention_report", report.id, verb, principal.user_id, now, changes.Take()));
}

Error StatusConflict(const char* state) {
  return Error::Of(ErrorCode::kConflict, "error.prevention_report_status", {{"state", state}});
}

}  // namespace

Result<PreventionView> OpenPreventionReport(AppContext& context, const domain::Principal& principal,
                                            Id case_id, const PreventionInput& input) {
  FieldErrors errors;
  const std::string problem =
      CheckText(input.problem, "problem", kMaxReportTextChars, Presence::kRequired, errors);
  const std::string analysis =
      CheckText(input.analysis, "analysis", kMaxReportTextChars, Presence::kOptional, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  PreventionView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireRoles(principal, kQaHeadRoles));
    LT_TRY_ASSIGN(const auto existing, storage::PreventionReportStore(connection).Find(case_id));
    if (existing) return Error::Of(ErrorCode::kConflict, "error.prevention_report_exists");
    domain::PreventionReport report;
    report.case_id = case_id;
    report.problem = problem;
    report.analysis = analysis;
    report.opened_by = principal.user_id;
    report.opened_at = report.updated_at = now;
    LT_TRY_ASSIGN(report.id, storage::PreventionReportStore(connection).Insert(report));
    ChangeList changes;
    changes.Record("case_id", std::nullopt, std::optional<Id>(case_id));
    changes.Record("problem", std::nullopt, problem);
    LT_TRY(Audit(connection, report, "open", principal, now, std::move(changes)));
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(report)));
    return Ok();
  }));
  return view;
}

Result<PreventionView> GetPreventionReport(AppContext& context, const domain::Principal& principal,
                                           Id case_id) {
  PreventionView view;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(auto report, storage::PreventionReportStore(connection).Find(case_id));
    if (!report) return Error::Of(ErrorCode::kNotFound, "error.not_found");
    LT_TRY_ASSIGN(view, ViewOf(connection, std::move(*report)));
    return Ok();
  }));
  return view;
}

Result<domain::Action> AddPreventionAction(AppContext& context, const domain::Principal& principal,
                                           Id case_id, const ActionInput& input) {
  const TimestampMs now = context.clock.NowMs();
  domain::Action added;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto report, LoadForChange(connection, principal, case_id, kQaRoles));
    if (report.verified_at) return StatusConflict("verified");
    FieldErrors errors;
    LT_TRY_ASSIGN(auto description, CheckNewAction(connection, input, "", errors));
    if (!errors.empty()) return errors.ToError();
    ActionInput preventive = input;
    if (!preventive.kind) preventive.kind = domain::ActionKind::kPreventive;
    added = NewAction(case_id, preventive, std::move(description), principal.user_id, now);
    added.prevention_report_id = report.id;
    LT_TRY_ASSIGN(added.id, storage::ActionStore(connection).Insert(added));
    ChangeList changes;
    changes.Record("action_id", std::nullopt, std::optional<Id>(added.id));
    changes.Record("description", std::nullopt, added.description);
    changes.Record("due_at", std::nullopt, FormatTimestamp(added.due_at));
    return Audit(connection, report, "add_action", principal, now, std::move(changes));
  }));
  return added;
}

Result<PreventionView> ApprovePreventionReport(AppContext& context,
                                               const domain::Principal& principal, Id case_id) {
  const TimestampMs now = context.clock.NowMs();
  PreventionView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto report, LoadForChange(connection, principal, case_id, kApproverRoles));
    if (report.approved_at) return StatusConflict("approved");
    LT_TRY_ASSIGN(view, ViewOf(connection, report));
    if (view.actions.empty()) {
      return Error::Of(ErrorCode::kConflict, "error.prevention_report_no_actions");
    }
    report.approved_by = principal.user_id;
    report.approved_at = report.updated_at = now;
    LT_TRY(storage::PreventionReportStore(connection).Save(report));
    ChangeList changes;
    changes.Record("approved_at", std::nullopt, FormatTimestamp(now));
    LT_TRY(Audit(connection, report, "approve", principal, now, std::move(changes)));
    view.report = std::move(report);
    return Ok();
  }));
  return view;
}

Result<PreventionView> VerifyPreventionReport(AppContext& context,
                                              const domain::Principal& principal, Id case_id,
                                              const std::string& verification) {
  FieldErrors errors;
  const std::string text =
      CheckText(verification, "verification", kMaxReportTextChars, Presence::kRequired, errors);
  if (!errors.empty()) return errors.ToError();
  const TimestampMs now = context.clock.NowMs();
  PreventionView view;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto report, LoadForChange(connection, principal, case_id, kQaRoles));
    if (!report.approved_at) return StatusConflict("opened");
    if (report.verified_at) return StatusConflict("verified");
    LT_TRY_ASSIGN(view, ViewOf(connection, report));
    const auto unsettled =
        std::count_if(view.actions.begin(), view.actions.end(), domain::IsUnsettled);
    if (unsettled > 0) {
      return Error::Of(ErrorCode::kConflict, "error.actions_unsettled",
                       {{"count", std::to_string(unsettled)}});
    }
    report.verification = text;
    report.verified_by = principal.user_id;
    report.verified_at = report.updated_at = now;
    LT_TRY(storage::PreventionReportStore(connection).Save(report));
    ChangeList changes;
    changes.Record("verification", std::nullopt, text);
    LT_TRY(Audit(connection, report, "verify", principal, now, std::move(changes)));
    view.report = std::move(report);
    return Ok();
  }));
  return view;
}

Result<std::vector<domain::PreventionReport>> ListPreventionReports(
    AppContext& context, const domain::Principal& principal, domain::Settled verified, int limit) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::PreventionReport> visible;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(
        const auto reports,
        storage::PreventionReportStore(connection).List(verified, kVisibleOverRead * limit));
    return KeepVisible(
        connection, principal, reports, limit,
        [](const domain::PreventionReport& report) { return report.case_id; },
        [&](const domain::PreventionReport& report, const domain::Case&) -> Status {
          visible.push_back(report);
          return Ok();
        });
  }));
  return visible;
}

}  // namespace lt::app
