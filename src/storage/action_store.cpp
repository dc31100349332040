#include "storage/action_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kActionColumns =
    "id, case_id, kind, description, owner_id, department_id, due_at, status, evidence, "
    "verification, done_at, verified_at, created_by, created_at, updated_at, prevention_report_id";

domain::Action ActionFromRow(const Row& row) {
  domain::Action action;
  action.id = row.Int(0);
  action.case_id = row.Int(1);
  action.kind =
      domain::kActionKindCodes.FromCode(row.Text(2)).value_or(domain::ActionKind::kCorrective);
  action.description = row.Text(3);
  action.owner_id = row.Int(4);
  action.department_id = row.OptionalInt(5);
  action.due_at = row.Int(6);
  action.status =
      domain::kActionStatusCodes.FromCode(row.Text(7)).value_or(domain::ActionStatus::kOpen);
  action.evidence = row.Text(8);
  action.verification = row.Text(9);
  action.done_at = row.OptionalInt(10);
  action.verified_at = row.OptionalInt(11);
  action.created_by = row.OptionalInt(12);
  action.created_at = row.Int(13);
  action.updated_at = row.Int(14);
  action.prevention_report_id = row.OptionalInt(15);
  return action;
}

}  // namespace

Result<Id> ActionStore::Insert(const domain::Action& action) {
  return connection_.QueryInt(
      "INSERT INTO actions (case_id, kind, description, owner_id, department_id, due_at, status, "
      "evidence, verification, done_at, verified_at, created_by, created_at, updated_at, "
      "prevention_report_id) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
      {action.case_id, std::string(domain::kActionKindCodes.ToCode(action.kind)),
       action.description, action.owner_id, OptionalValue(action.department_id), action.due_at,
       std::string(domain::kActionStatusCodes.ToCode(action.status)), action.evidence,
       action.verification, OptionalValue(action.done_at), OptionalValue(action.verified_at),
       OptionalValue(action.created_by), action.created_at, action.updated_at,
       OptionalValue(action.prevention_report_id)});
}

Status ActionStore::Update(const domain::Action& action) {
  LT_TRY(connection_.Execute(
      "UPDATE actions SET kind = $1, description = $2, owner_id = $3, department_id = $4, "
      "due_at = $5, status = $6, evidence = $7, verification = $8, done_at = $9, "
      "verified_at = $10, updated_at = $11, "
      "due_notified_at = CASE WHEN due_at = $5 THEN due_notified_at END WHERE id = $12",
      {std::string(domain::kActionKindCodes.ToCode(action.kind)), action.description,
       action.owner_id, OptionalValue(action.department_id), action.due_at,
       std::string(domain::kActionStatusCodes.ToCode(action.status)), action.evidence,
       action.verification, OptionalValue(action.done_at), OptionalValue(action.verified_at),
       action.updated_at, action.id}));
  return Ok();
}

Result<std::optional<domain::Action>> ActionStore::Find(Id id) {
  std::optional<domain::Action> found;
  LT_TRY(connection_.Query(std::string("SELECT ") + kActionColumns + " FROM actions WHERE id = $1",
                           {id}, [&](const Row& row) { found = ActionFromRow(row); }));
  return found;
}

Result<std::vector<domain::Action>> ActionStore::List(Id case_id) {
  std::vector<domain::Action> actions;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kActionColumns + " FROM actions WHERE case_id = $1 ORDER BY id",
      {case_id}, [&](const Row& row) { actions.push_back(ActionFromRow(row)); }));
  return actions;
}

Result<std::vector<domain::Action>> ActionStore::ListAcross(
    std::optional<Id> owner_id, std::optional<Id> department_id,
    const std::vector<domain::ActionStatus>& statuses, int limit) {
  std::string sql = std::string("SELECT ") + kActionColumns + " FROM actions WHERE 1 = 1";
  SqlParams params;
  if (owner_id) {
    params.push_back(*owner_id);
    sql += " AND owner_id = $" + std::to_string(params.size());
  }
  if (department_id) {
    params.push_back(*department_id);
    sql += " AND department_id = $" + std::to_string(params.size());
  }
  if (!statuses.empty()) {
    sql += " AND status IN (";
    for (std::size_t i = 0; i < statuses.size(); ++i) {
      params.push_back(std::string(domain::kActionStatusCodes.ToCode(statuses[i])));
      sql += (i ? ", $" : "$") + std::to_string(params.size());
    }
    sql += ")";
  }
  params.push_back(std::int64_t{limit});
  sql += " ORDER BY due_at, id LIMIT $" + std::to_string(params.size());
  std::vector<domain::Action> actions;
  LT_TRY(connection_.Query(sql, params,
                           [&](const Row& row) { actions.push_back(ActionFromRow(row)); }));
  return actions;
}

Result<std::vector<domain::Action>> ActionStore::ClaimFallingDue(TimestampMs due_before,
                                                                 TimestampMs now, int limit) {
  std::vector<domain::Action> actions;
  LT_TRY(connection_.Query(std::string("SELECT ") + kActionColumns +
                               " FROM actions WHERE due_notified_at IS NULL AND due_at <= $1 "
                               "AND status = 'open' ORDER BY due_at, id LIMIT $2" +
                               connection_.dialect().SkipLockedRows(),
                           {due_before, std::int64_t{limit}},
                           [&](const Row& row) { actions.push_back(ActionFromRow(row)); }));
  for (const auto& action : actions) {
    LT_TRY(connection_.Execute("UPDATE actions SET due_notified_at = $1 WHERE id = $2",
                               {now, action.id}));
  }
  return actions;
}

Result<std::optional<TimestampMs>> ActionStore::NextUnnotifiedDueAt() {
  return connection_.QueryOptionalInt(
      "SELECT MIN(due_at) FROM actions WHERE due_notified_at IS NULL AND status = 'open'");
}

}  // namespace lt::storage
