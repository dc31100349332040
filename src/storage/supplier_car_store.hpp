#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/supplier_car.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Supplier corrective action requests (migrations/*/0012_supplier_cars.sql).
class SupplierCarStore {
 public:
  explicit SupplierCarStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::SupplierCar& car);
  // Saves everything but the case, supplier and request.
  Status Update(const domain::SupplierCar& car);
  Result<std::optional<domain::SupplierCar>> Find(domain::Id id);
  Result<std::vector<domain::SupplierCar>> ListForCase(domain::Id case_id);
  // Newest first, at most `limit`.
  Result<std::vector<domain::SupplierCar>> ListForSupplier(domain::Id supplier_id, int limit);
  // The requests in any of `statuses` (codes), oldest first.
  Result<std::vector<domain::SupplierCar>> ListByStatus(const std::vector<std::string>& statuses,
                                                        int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
