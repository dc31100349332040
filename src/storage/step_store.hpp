#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The workflow steps taken on cases and the procedure events they recorded
// (migrations/*/0003_workflow.sql).
class StepStore {
 public:
  explicit StepStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::CaseStep& step);
  Result<std::vector<domain::CaseStep>> List(domain::Id case_id);

  Status InsertEvent(domain::Id case_id, const domain::ProcedureEvent& event,
                     std::optional<domain::Id> step_id);
  // In the order they were recorded.
  Result<std::vector<domain::ProcedureEvent>> ListEvents(domain::Id case_id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
