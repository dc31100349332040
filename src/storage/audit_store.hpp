#pragma once

#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The append-only audit trail. Append() runs inside the transaction of the
// change it records, so a change and its record commit together or not at all.
class AuditStore {
 public:
  explicit AuditStore(Connection& connection) : connection_(connection) {}

  Status Append(const domain::CaseEvent& event);
  // Several records in one statement.
  Status AppendMany(std::span<const domain::CaseEvent> events);
  Result<std::vector<domain::CaseEvent>> ListFor(const std::string& entity, domain::Id entity_id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
