#pragma once

#include <memory>
#include <string>

#include "base/result.hpp"
#include "domain/workflow.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Shared and immutable: the shipped workflow is built once, not on every
// case write.
using WorkflowPtr = std::shared_ptr<const domain::Workflow>;

// The workflow tables (migrations/*/0003_workflow.sql). While they are
// empty the shipped procedure applies.
class WorkflowStore {
 public:
  explicit WorkflowStore(Connection& connection) : connection_(connection) {}

  // The workflow in force: the stored one, or domain::DefaultWorkflow().
  // Read once per transaction (Connection::Recall).
  Result<WorkflowPtr> Load();
  // Whether an admin has replaced the shipped workflow.
  Result<bool> IsCustomised();
  // Replaces the whole workflow (already validated by the caller).
  Status Replace(const domain::Workflow& workflow);
  // Whether any case is in this state.
  Result<bool> StateInUse(const std::string& state);

 private:
  Result<WorkflowPtr> LoadStored();
  Connection& connection_;
};

}  // namespace lt::storage
