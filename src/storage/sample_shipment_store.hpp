#pragma once

#include <vector>

#include "base/result.hpp"
#include "domain/case_rating.hpp"
#include "domain/sample_shipment.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Samples on their way and the customers' ratings
// (migrations/*/0025_portal.sql).
class SampleShipmentStore {
 public:
  explicit SampleShipmentStore(Connection& connection) : connection_(connection) {}

  Status Insert(domain::SampleShipment& shipment);
  // Oldest first.
  Result<std::vector<domain::SampleShipment>> ListByCase(domain::Id case_id);

 private:
  Connection& connection_;
};

class CaseRatingStore {
 public:
  explicit CaseRatingStore(Connection& connection) : connection_(connection) {}

  // Inserts the rating, or replaces the case's earlier one.
  Status Save(const domain::CaseRating& rating);
  Result<std::optional<domain::CaseRating>> Find(domain::Id case_id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
