#include "storage/supplier_car_store.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kSupplierCarColumns =
    "id, case_id, supplier_id, request, requested_by, requested_at, initial_analysis, "
    "initial_analysis_at, root_cause, countermeasures, answered_at, status, decision_note, "
    "decided_by, decided_at, updated_at";

domain::SupplierCar SupplierCarFromRow(const Row& row) {
  domain::SupplierCar car;
  car.id = row.Int(0);
  car.case_id = row.Int(1);
  car.supplier_id = row.Int(2);
  car.request = row.Text(3);
  car.requested_by = row.OptionalInt(4);
  car.requested_at = row.Int(5);
  car.initial_analysis = row.Text(6);
  car.initial_analysis_at = row.OptionalInt(7);
  car.root_cause = row.Text(8);
  car.countermeasures = row.Text(9);
  car.answered_at = row.OptionalInt(10);
  car.status =
      domain::kCarStatusCodes.FromCode(row.Text(11)).value_or(domain::CarStatus::kRequested);
  car.decision_note = row.Text(12);
  car.decided_by = row.OptionalInt(13);
  car.decided_at = row.OptionalInt(14);
  car.updated_at = row.Int(15);
  return car;
}

Result<std::vector<domain::SupplierCar>> Select(Connection& connection, const std::string& where,
                                                const SqlParams& params) {
  std::vector<domain::SupplierCar> cars;
  LT_TRY(connection.Query(
      std::string("SELECT ") + kSupplierCarColumns + " FROM supplier_cars " + where, params,
      [&](const Row& row) { cars.push_back(SupplierCarFromRow(row)); }));
  return cars;
}

}  // namespace

Result<Id> SupplierCarStore::Insert(const domain::SupplierCar& car) {
  return connection_.QueryInt(
      "INSERT INTO supplier_cars (case_id, supplier_id, request, requested_by, requested_at, "
      "status, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {car.case_id, car.supplier_id, car.request, OptionalValue(car.requested_by), car.requested_at,
       std::string(domain::kCarStatusCodes.ToCode(car.status)), car.updated_at});
}

Status SupplierCarStore::Update(const domain::SupplierCar& car) {
  LT_TRY(connection_.Execute(
      "UPDATE supplier_cars SET requested_at = $1, initial_analysis = $2, "
      "initial_analysis_at = $3, root_cause = $4, countermeasures = $5, answered_at = $6, "
      "status = $7, decision_note = $8, decided_by = $9, decided_at = $10, updated_at = $11 "
      "WHERE id = $12",
      {car.requested_at, car.initial_analysis, OptionalValue(car.initial_analysis_at),
       car.root_cause, car.countermeasures, OptionalValue(car.answered_at),
       std::string(domain::kCarStatusCodes.ToCode(car.status)), car.decision_note,
       OptionalValue(car.decided_by), OptionalValue(car.decided_at), car.updated_at, car.id}));
  return Ok();
}

Result<std::optional<domain::SupplierCar>> SupplierCarStore::Find(Id id) {
  LT_TRY_ASSIGN(auto cars, Select(connection_, "WHERE id = $1", {id}));
  if (cars.empty()) return std::optional<domain::SupplierCar>();
  return std::optional<domain::SupplierCar>(std::move(cars.front()));
}

Result<std::vector<domain::SupplierCar>> SupplierCarStore::ListForCase(Id case_id) {
  return Select(connection_, "WHERE case_id = $1 ORDER BY id", {case_id});
}

Result<std::vector<domain::SupplierCar>> SupplierCarStore::ListForSupplier(Id supplier_id,
                                                                           int limit) {
  return Select(connection_, "WHERE supplier_id = $1 ORDER BY id DESC LIMIT $2",
                {supplier_id, std::int64_t{limit}});
}

Result<std::vector<domain::SupplierCar>> SupplierCarStore::ListByStatus(
    const std::vector<std::string>& statuses, int limit) {
  SqlParams params;
  std::string in;
  for (const auto& status : statuses) {
    params.push_back(status);
    in += (in.empty() ? "$" : ", $") + std::to_string(params.size());
  }
  params.push_back(std::int64_t{limit});
  return Select(connection_,
                "WHERE status IN (" + in + ") ORDER BY requested_at, id LIMIT $" +
                    std::to_string(params.size()),
                params);
}

}  // namespace lt::storage
