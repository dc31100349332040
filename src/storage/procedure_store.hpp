#pragma once

#include <optional>
#include <vector>

#include "domain/procedure.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Steps, procedure events, quality reports and actions of cases
// (migrations/*/0003_workflow.sql).
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

  Result<domain::Id> InsertAction(const domain::Action& action);
  Status UpdateAction(const domain::Action& action);
  Result<std::optional<domain::Action>> FindAction(domain::Id id);
  Result<std::vector<domain::Action>> ListActions(domain::Id case_id);
  // Actions of any case, soonest due first: of one owner when given, in any
  // of `statuses` (all when empty), at most `limit`.
  Result<std::vector<domain::Action>> ListActionsAcross(
      std::optional<domain::Id> owner_id, const std::vector<domain::ActionStatus>& statuses,
      int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
