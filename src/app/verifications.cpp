#include "app/verifications.hpp"

#include <algorithm>
#include <iterator>

#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/cases.hpp"
#include "app/department_calendars.hpp"
#include "app/report_period.hpp"
#include "app/sla_clocks.hpp"
#include "storage/action_store.hpp"
#include "storage/case_store.hpp"
#include "storage/code_list.hpp"
#include "storage/connection.hpp"
#include "storage/database.hpp"
#include "storage/quality_report_store.hpp"

namespace lt::app {
namespace {

// Fills in what the verification of `report` on `a_case` looks at.
Result<Verification> Examine(storage::Connection& connection, const domain::Principal& principal,
                             domain::Case a_case, domain::QualityReport report, TimestampMs now) {
  Verification verification;
  LT_TRY_ASSIGN(const auto actions, storage::ActionStore(connection).List(a_case.id));
  verification.effective_since =
      domain::CountermeasuresEffectiveSince(report, actions).value_or(a_case.received_at);
  LT_TRY_ASSIGN(const Period approval_month, MonthContaining(report.approved_at.value_or(0)));
  verification.due_from = approval_month.to;
  verification.due = now >= verification.due_from;
  for (const auto& action : actions) {
    if (domain::IsUnsettled(action)) verification.open_actions.push_back(action);
  }
  verification.comparable = a_case.category_id.has_value() || !a_case.product.empty();
  if (verification.comparable) {
    LT_TRY_ASSIGN(auto similar,
                  storage::CaseStore(connection)
                      .ListSimilar(a_case.category_id, a_case.product, verification.effective_since,
                                   a_case.id, kMaxRecurrences));
    for (auto& other : similar) {
      if (domain::CanSeeCase(principal, other))
        verification.recurrences.push_back(std::move(other));
    }
  }
  verification.a_case = std::move(a_case);
  verification.report = std::move(report);
  return verification;
}

}  // namespace

Result<std::vector<FieldError>> CloseBlockers(storage::Connection& connection,
                                              const domain::Case& a_case, TimestampMs now) {
  LT_TRY_ASSIGN(const auto report, storage::QualityReportStore(connection).Find(a_case.id));
  std::optional<Verification> verification;
  std::vector<domain::Action> unsettled;
  if (report && report->approved_at) {
    // Every case counts as a recurrence, whoever may see it.
    LT_TRY_ASSIGN(verification,
                  Examine(connection, domain::Principal::System(), a_case, *report, now));
    unsettled = verification->open_actions;
  } else {
    LT_TRY_ASSIGN(const auto actions, storage::ActionStore(connection).List(a_case.id));
    std::copy_if(actions.begin(), actions.end(), std::back_inserter(unsettled),
                 domain::IsUnsettled);
  }
  std::vector<FieldError> blockers;
  if (verification && !verification->due) {
    LT_TRY_ASSIGN(const auto* calendar, ShippedBusinessCalendar());
    blockers.push_back({"month",
                        "close.before_month",
                        {{"month", calendar->FormatLocal(verification->due_from).substr(0, 7)}}});
  }
  if (!unsettled.empty()) {
    std::vector<std::string> ids;
    for (const auto& action : unsettled) ids.push_back(std::to_string(action.id));
    blockers.push_back(
        {"actions", "close.actions_unsettled", {{"actions", storage::Join(ids, ", ")}}});
  }
  if (verification && !verification->comparable) {
    blockers.push_back({"recurrences", "close.not_comparable", {}});
  } else if (verification && !verification->recurrences.empty()) {
    std::vector<std::string> numbers;
    for (const auto& other : verification->recurrences) numbers.push_back(other.number);
    blockers.push_back(
        {"recurrences", "close.recurrences", {{"cases", storage::Join(numbers, ", ")}}});
  }
  return blockers;
}

Result<std::vector<Verification>> ListDueVerifications(AppContext& context,
                                                       const domain::Principal& principal,
                                                       std::string_view month, int limit) {
  LT_TRY(RequireStaff(principal));
  Period period;
  if (month.empty()) {
    LT_TRY_ASSIGN(period, MonthContaining(context.clock.NowMs()));
  } else {
    LT_TRY_ASSIGN(period, MonthPeriod(month));
  }
  const TimestampMs now = context.clock.NowMs();
  std::vector<Verification> due;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(const auto reports,
                  storage::QualityReportStore(connection)
                      .ListAwaitingVerification(period.from, kVisibleOverRead * limit));
    return KeepVisible(
        connection, principal, reports, limit,
        [](const domain::QualityReport& report) { return report.case_id; },
        [&](const domain::QualityReport& report, domain::Case a_case) -> Status {
          LT_TRY_ASSIGN(auto verification,
                        Examine(connection, principal, std::move(a_case), report, now));
          due.push_back(std::move(verification));
          return Ok();
        });
  }));
  return due;
}

Result<Verification> GetVerification(AppContext& context, const domain::Principal& principal,
                                     Id case_id) {
  Verification verification;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(auto a_case, LoadVisibleCase(connection, principal, case_id));
    LT_TRY(RequireStaff(principal));
    LT_TRY_ASSIGN(auto report, storage::QualityReportStore(connection).Find(case_id));
    if (!report || !report->approved_at) {
      return Error::Of(ErrorCode::kNotFound, "error.not_found");
    }
    LT_TRY_ASSIGN(verification, Examine(connection, principal, std::move(a_case),
                                        std::move(*report), context.clock.NowMs()));
    return Ok();
  }));
  return verification;
}

}  // namespace lt::app
