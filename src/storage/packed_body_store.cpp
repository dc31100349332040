#include "storage/packed_body_store.hpp"

#include <algorithm>

#include "storage/multi_row.hpp"

namespace lt::storage {

Result<std::set<std::string>> PackedBodyStore::Known(std::span<const std::string> sha256s) {
  std::set<std::string> known;
  for (std::size_t start = 0; start < sha256s.size(); start += kRowsPerInsert) {
    SqlParams params;
    const std::string list = ParameterList(
        params, sha256s.subspan(start, std::min(kRowsPerInsert, sha256s.size() - start)));
    LT_TRY(connection_.Query("SELECT sha256 FROM packed_bodies WHERE sha256 IN (" + list + ")",
                             params, [&](const Row& row) { known.insert(row.Text(0)); }));
  }
  return known;
}

Status PackedBodyStore::Record(std::span<const PackedBody> bodies) {
  for (std::size_t start = 0; start < bodies.size(); start += kRowsPerInsert) {
    const auto some = bodies.subspan(start, std::min(kRowsPerInsert, bodies.size() - start));
    SqlParams params;
    for (const PackedBody& body : some) {
      params.insert(params.end(), {body.sha256, body.pack, body.position, body.size});
    }
    LT_TRY(connection_.Execute(
        "INSERT INTO packed_bodies (sha256, pack, position, size_bytes) "
        "VALUES " +
            RowsOfParameters(4, some.size()) + " ON CONFLICT (sha256) DO NOTHING",
        params));
  }
  return Ok();
}

Result<std::optional<PackedBody>> PackedBodyStore::Find(const std::string& sha256) {
  std::optional<PackedBody> found;
  LT_TRY(connection_.Query("SELECT pack, position, size_bytes FROM packed_bodies WHERE sha256 = $1",
                           {sha256}, [&](const Row& row) {
                             found = PackedBody{sha256, row.Text(0), row.Int(1), row.Int(2)};
                           }));
  return found;
}

}  // namespace lt::storage
