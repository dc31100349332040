#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Corrective and preventive actions (migrations/*/0003_workflow.sql).
class ActionStore {
 public:
  explicit ActionStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::Action& action);
  Status Update(const domain::Action& action);
  Result<std::optional<domain::Action>> Find(domain::Id id);
  Result<std::vector<domain::Action>> List(domain::Id case_id);
  // Actions of any case, soonest due first: of one owner and of one
  // department when given, in any of `statuses` (all when empty), at most `limit`.
  Result<std::vector<domain::Action>> ListAcross(std::optional<domain::Id> owner_id,
                                                 std::optional<domain::Id> department_id,
                                                 const std::vector<domain::ActionStatus>& statuses,
                                                 int limit);

  // The open actions due by `due_before` whose owner was not yet told, at
  // most `limit`, soonest first, marked told at `now` (call in a write
  // transaction). Moving an action's deadline lets it be told again.
  Result<std::vector<domain::Action>> ClaimFallingDue(TimestampMs due_before, TimestampMs now,
                                                      int limit);
  // The soonest deadline of an open action whose owner was not yet told.
  Result<std::optional<TimestampMs>> NextUnnotifiedDueAt();

 private:
  Connection& connection_;
};

}  // namespace lt::storage
