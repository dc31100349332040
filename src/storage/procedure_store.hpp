#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Steps, procedure events, quality reports, actions, decision reviews and
// recurrence-prevention reports of cases (migrations/*/0003_workflow.sql,
// 0007_reviews_and_proposals.sql).
class ProcedureStore {
 public:
  explicit ProcedureStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> InsertStep(const domain::CaseStep& step);
  Result<std::vector<domain::CaseStep>> ListSteps(domain::Id case_id);

  Status InsertEvent(domain::Id case_id, const domain::ProcedureEvent& event,
                     std::optional<domain::Id> step_id);
  // In the order they were recorded.
  Result<std::vector<domain::ProcedureEvent>> ListEvents(domain::Id case_id);

  Result<std::optional<domain::QualityReport>> FindReport(domain::Id case_id);
  // Inserts the report, or updates it when the case has one; returns its id.
  Result<domain::Id> SaveReport(const domain::QualityReport& report);
  // Reports whose countermeasures were approved before `approved_before` and
  // that are not verified yet, oldest approval first, at most `limit`.
  Result<std::vector<domain::QualityReport>> ListAwaitingVerification(TimestampMs approved_before,
                                                                      int limit);

  // The reports of cases closed (their latest "closed" procedure event) in
  // [from, to), in closing order, with that moment.
  struct ClosedReport {
    domain::QualityReport report;
    TimestampMs closed_at = 0;
  };
  Result<std::vector<ClosedReport>> ListClosedReports(TimestampMs from, TimestampMs to);

  Result<domain::Id> InsertAction(const domain::Action& action);
  Status UpdateAction(const domain::Action& action);
  Result<std::optional<domain::Action>> FindAction(domain::Id id);
  Result<std::vector<domain::Action>> ListActions(domain::Id case_id);
  // Actions of any case, soonest due first: of one owner when given, in any
  // of `statuses` (all when empty), at most `limit`.
  Result<std::vector<domain::Action>> ListActionsAcross(
      std::optional<domain::Id> owner_id, const std::vector<domain::ActionStatus>& statuses,
      int limit);

  Result<domain::Id> InsertReview(const domain::DecisionReview& review);
  // Saves the settlement fields.
  Status SettleReview(const domain::DecisionReview& review);
  Result<std::optional<domain::DecisionReview>> FindReview(domain::Id id);
  // Open (kNo) or settled reviews, oldest first.
  Result<std::vector<domain::DecisionReview>> ListReviews(domain::Settled settled, int limit);

  Result<domain::Id> InsertPreventionReport(const domain::PreventionReport& report);
  Status SavePreventionReport(const domain::PreventionReport& report);
  Result<std::optional<domain::PreventionReport>> FindPreventionReport(domain::Id case_id);
  // Unverified (kNo) or verified reports, oldest first.
  Result<std::vector<domain::PreventionReport>> ListPreventionReports(domain::Settled verified,
                                                                      int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
