#include "storage/saved_view_store.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kSavedViewColumns =
    "id, owner_id, name, queue, query, department_id, created_at, updated_at";

domain::SavedView SavedViewFromRow(const Row& row) {
  domain::SavedView view;
  view.id = row.Int(0);
  view.owner_id = row.Int(1);
  view.name = row.Text(2);
  view.queue = domain::kQueueCodes.FromCode(row.Text(3)).value_or(domain::Queue::kAll);
  view.query = row.Text(4);
  view.department_id = row.OptionalInt(5);
  view.created_at = row.Int(6);
  view.updated_at = row.Int(7);
  return view;
}

}  // namespace

Result<std::vector<domain::SavedView>> SavedViewStore::ListFor(
    domain::Id owner_id, const std::vector<domain::Id>& department_ids) {
  SqlParams params = {owner_id};
  std::string sql =
      "SELECT " + std::string(kSavedViewColumns) + " FROM saved_views WHERE owner_id = $1";
  if (!department_ids.empty()) {
    sql += " OR department_id IN (";
    for (std::size_t i = 0; i < department_ids.size(); ++i) {
      params.push_back(department_ids[i]);
      sql += (i > 0 ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  std::vector<domain::SavedView> views;
  LT_TRY(connection_.Query(sql + " ORDER BY name, id", params,
                           [&](const Row& row) { views.push_back(SavedViewFromRow(row)); }));
  return views;
}

Result<std::optional<domain::SavedView>> SavedViewStore::Find(domain::Id id) {
  std::optional<domain::SavedView> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kSavedViewColumns) + " FROM saved_views WHERE id = $1", {id},
      [&](const Row& row) { found = SavedViewFromRow(row); }));
  return found;
}

Result<bool> SavedViewStore::NameTaken(domain::Id owner_id, const std::string& name,
                                       domain::Id except) {
  LT_TRY_ASSIGN(const std::int64_t count,
                connection_.QueryInt("SELECT COUNT(*) FROM saved_views WHERE owner_id = $1 AND "
                                     "name = $2 AND id <> $3",
                                     {owner_id, name, except}));
  return count > 0;
}

Result<domain::Id> SavedViewStore::Insert(const domain::SavedView& view) {
  domain::Id id = 0;
  LT_TRY(connection_.Query(
      "INSERT INTO saved_views (owner_id, name, queue, query, department_id, created_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
      {view.owner_id, view.name, std::string(domain::kQueueCodes.ToCode(view.queue)), view.query,
       OptionalValue(view.department_id), view.created_at, view.updated_at},
      [&](const Row& row) { id = row.Int(0); }));
  return id;
}

Status SavedViewStore::Update(const domain::SavedView& view) {
  LT_TRY(connection_.Execute(
      "UPDATE saved_views SET name = $1, queue = $2, query = $3, department_id = $4, "
      "updated_at = $5 WHERE id = $6",
      {view.name, std::string(domain::kQueueCodes.ToCode(view.queue)), view.query,
       OptionalValue(view.department_id), view.updated_at, view.id}));
  return Ok();
}

Status SavedViewStore::Remove(domain::Id id) {
  LT_TRY(connection_.Execute("DELETE FROM saved_views WHERE id = $1", {id}));
  return Ok();
}

}  // namespace lt::storage
