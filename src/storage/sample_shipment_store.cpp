#include "storage/sample_shipment_store.hpp"

namespace lt::storage {

Status SampleShipmentStore::Insert(domain::SampleShipment& shipment) {
  return connection_.Query(
      "INSERT INTO sample_shipments (case_id, carrier, tracking_number, shipped_on, quantity, "
      "note, recorded_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
      {shipment.case_id, shipment.carrier, shipment.tracking_number, shipment.shipped_on,
       std::int64_t{shipment.quantity}, shipment.note, OptionalValue(shipment.recorded_by),
       shipment.created_at},
      [&](const Row& row) { shipment.id = row.Int(0); });
}

Result<std::vector<domain::SampleShipment>> SampleShipmentStore::ListByCase(domain::Id case_id) {
  std::vector<domain::SampleShipment> shipments;
  LT_TRY(connection_.Query(
      "SELECT id, case_id, carrier, tracking_number, shipped_on, quantity, note, recorded_by, "
      "created_at FROM sample_shipments WHERE case_id = $1 ORDER BY id",
      {case_id}, [&](const Row& row) {
        shipments.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), row.Text(4),
                             static_cast<int>(row.Int(5)), row.Text(6), row.OptionalInt(7),
                             row.Int(8)});
      }));
  return shipments;
}

Status CaseRatingStore::Save(const domain::CaseRating& rating) {
  LT_TRY(connection_.Execute(
      "INSERT INTO case_ratings (case_id, level, solved, comment, rated_by, rated_at) "
      "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (case_id) DO UPDATE SET "
      "level = excluded.level, solved = excluded.solved, comment = excluded.comment, "
      "rated_by = excluded.rated_by, rated_at = excluded.rated_at",
      {rating.case_id, std::string(domain::kRatingLevelCodes.ToCode(rating.level)),
       std::int64_t{rating.solved ? 1 : 0}, rating.comment, OptionalValue(rating.rated_by),
       rating.rated_at}));
  return Ok();
}

Result<std::optional<domain::CaseRating>> CaseRatingStore::Find(domain::Id case_id) {
  std::optional<domain::CaseRating> found;
  LT_TRY(connection_.Query(
      "SELECT case_id, level, solved, comment, rated_by, rated_at FROM case_ratings "
      "WHERE case_id = $1",
      {case_id}, [&](const Row& row) {
        found = domain::CaseRating{
            row.Int(0),
            domain::kRatingLevelCodes.FromCode(row.Text(1)).value_or(domain::RatingLevel::kFair),
            row.Int(2) != 0,
            row.Text(3),
            row.OptionalInt(4),
            row.Int(5)};
      }));
  return found;
}

}  // namespace lt::storage
