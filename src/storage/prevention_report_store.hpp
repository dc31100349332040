#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Recurrence-prevention reports (migrations/*/0007_reviews_and_proposals.sql).
class PreventionReportStore {
 public:
  explicit PreventionReportStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::PreventionReport& report);
  Status Save(const domain::PreventionReport& report);
  Result<std::optional<domain::PreventionReport>> Find(domain::Id case_id);
  // Unverified (kNo) or verified reports, oldest first.
  Result<std::vector<domain::PreventionReport>> List(domain::Settled verified, int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
