#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Quality abnormality reports, one per case (migrations/*/0003_workflow.sql).
class QualityReportStore {
 public:
  explicit QualityReportStore(Connection& connection) : connection_(connection) {}

  Result<std::optional<domain::QualityReport>> Find(domain::Id case_id);
  // Inserts the report, or updates it when the case has one; returns its id.
  Result<domain::Id> Save(const domain::QualityReport& report);
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
  Result<std::vector<ClosedReport>> ListClosed(TimestampMs from, TimestampMs to);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
