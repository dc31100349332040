#include "storage/call_store.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kCallColumns =
    "id, external_id, direction, number, customer_id, agent_user_id, state, started_at, "
    "answered_at, ended_at, duration_seconds, notes, case_id, interaction_id, created_at";

domain::Call CallFromRow(const Row& row) {
  domain::Call call;
  call.id = row.Int(0);
  call.external_id = row.OptionalText(1);
  call.direction =
      domain::kDirectionCodes.FromCode(row.Text(2)).value_or(domain::Direction::kInbound);
  call.number = row.Text(3);
  call.customer_id = row.OptionalInt(4);
  call.agent_user_id = row.OptionalInt(5);
  call.state = domain::kCallStateCodes.FromCode(row.Text(6)).value_or(domain::CallState::kEnded);
  call.started_at = row.Int(7);
  call.answered_at = row.OptionalInt(8);
  call.ended_at = row.OptionalInt(9);
  if (const auto duration = row.OptionalInt(10))
    call.duration_seconds = static_cast<int>(*duration);
  call.notes = row.Text(11);
  call.case_id = row.OptionalInt(12);
  call.interaction_id = row.OptionalInt(13);
  call.created_at = row.Int(14);
  return call;
}

SqlValue OptionalText(const std::optional<std::string>& text) {
  return text ? SqlValue(*text) : SqlValue(nullptr);
}

SqlValue OptionalSeconds(const std::optional<int>& seconds) {
  return seconds ? SqlValue(std::int64_t{*seconds}) : SqlValue(nullptr);
}

}  // namespace

Status CallStore::Insert(domain::Call& call) {
  LT_TRY_ASSIGN(
      call.id,
      connection_.QueryInt(
          "INSERT INTO calls (external_id, direction, number, customer_id, agent_user_id, state, "
          "started_at, answered_at, ended_at, duration_seconds, notes, case_id, interaction_id, "
          "created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) "
          "RETURNING id",
          {OptionalText(call.external_id),
           std::string(domain::kDirectionCodes.ToCode(call.direction)), call.number,
           OptionalValue(call.customer_id), OptionalValue(call.agent_user_id),
           std::string(domain::kCallStateCodes.ToCode(call.state)), call.started_at,
           OptionalValue(call.answered_at), OptionalValue(call.ended_at),
           OptionalSeconds(call.duration_seconds), call.notes, OptionalValue(call.case_id),
           OptionalValue(call.interaction_id), call.created_at}));
  return Ok();
}

Status CallStore::Update(const domain::Call& call) {
  LT_TRY(connection_.Execute(
      "UPDATE calls SET customer_id = $2, agent_user_id = $3, state = $4, answered_at = $5, "
      "ended_at = $6, duration_seconds = $7, notes = $8, case_id = $9, interaction_id = $10 "
      "WHERE id = $1",
      {call.id, OptionalValue(call.customer_id), OptionalValue(call.agent_user_id),
       std::string(domain::kCallStateCodes.ToCode(call.state)), OptionalValue(call.answered_at),
       OptionalValue(call.ended_at), OptionalSeconds(call.duration_seconds), call.notes,
       OptionalValue(call.case_id), OptionalValue(call.interaction_id)}));
  return Ok();
}

Result<std::optional<domain::Call>> CallStore::Find(domain::Id id) {
  std::optional<domain::Call> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kCallColumns) + " FROM calls WHERE id = $1",
                           {id}, [&](const Row& row) { found = CallFromRow(row); }));
  return found;
}

Result<std::optional<domain::Call>> CallStore::FindByExternal(const std::string& external_id) {
  std::optional<domain::Call> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kCallColumns) + " FROM calls WHERE external_id = $1", {external_id},
      [&](const Row& row) { found = CallFromRow(row); }));
  return found;
}

Result<std::vector<domain::Call>> CallStore::List(TimestampMs since, bool unlinked,
                                                  std::optional<domain::Id> agent_user_id,
                                                  int limit) {
  std::string sql = "SELECT " + std::string(kCallColumns) + " FROM calls WHERE started_at >= $1";
  SqlParams params = {since};
  if (unlinked) sql += " AND case_id IS NULL";
  if (agent_user_id) {
    params.push_back(*agent_user_id);
    sql += " AND (agent_user_id = $2 OR agent_user_id IS NULL)";
  }
  params.push_back(std::int64_t{limit});
  sql += " ORDER BY started_at DESC, id DESC LIMIT $" + std::to_string(params.size());
  std::vector<domain::Call> calls;
  LT_TRY(
      connection_.Query(sql, params, [&](const Row& row) { calls.push_back(CallFromRow(row)); }));
  return calls;
}

}  // namespace lt::storage
