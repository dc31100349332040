#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/call.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Phone calls (migrations/*/0022_calls.sql).
class CallStore {
 public:
  explicit CallStore(Connection& connection) : connection_(connection) {}

  Status Insert(domain::Call& call);  // sets its id
  Status Update(const domain::Call& call);
  Result<std::optional<domain::Call>> Find(domain::Id id);
  Result<std::optional<domain::Call>> FindByExternal(const std::string& external_id);
  // The latest calls first, started at or after `since`; only those without
  // a case when `unlinked`; only an agent's (and those ringing for nobody)
  // when `agent_user_id` is given.
  Result<std::vector<domain::Call>> List(TimestampMs since, bool unlinked,
                                         std::optional<domain::Id> agent_user_id, int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
