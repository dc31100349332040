#include "storage/group_robot_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kGroupRobotColumns =
    "id, name, kind, department_id, url, secret, kinds, language, active, created_at, updated_at";

domain::GroupRobot GroupRobotFromRow(const Row& row) {
  domain::GroupRobot robot;
  robot.id = row.Int(0);
  robot.name = row.Text(1);
  robot.kind = domain::kRobotKindCodes.FromCode(row.Text(2)).value_or(domain::RobotKind::kWecom);
  robot.department_id = row.OptionalInt(3);
  robot.url = row.Text(4);
  robot.secret = row.Text(5);
  robot.kinds = SplitCodes(row.Text(6));
  robot.language = row.Text(7);
  robot.active = row.Int(8) != 0;
  robot.created_at = row.Int(9);
  robot.updated_at = row.Int(10);
  return robot;
}

}  // namespace

Result<std::vector<domain::GroupRobot>> GroupRobotStore::List() {
  std::vector<domain::GroupRobot> robots;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kGroupRobotColumns) + " FROM group_robots ORDER BY id", {},
      [&](const Row& row) { robots.push_back(GroupRobotFromRow(row)); }));
  return robots;
}

Result<std::optional<domain::GroupRobot>> GroupRobotStore::Find(domain::Id id) {
  std::optional<domain::GroupRobot> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kGroupRobotColumns) + " FROM group_robots WHERE id = $1", {id},
      [&](const Row& row) { found = GroupRobotFromRow(row); }));
  return found;
}

Status GroupRobotStore::Insert(domain::GroupRobot& robot) {
  LT_TRY_ASSIGN(robot.id,
                connection_.QueryInt(
                    "INSERT INTO group_robots (name, kind, department_id, url, secret, kinds, "
                    "language, active, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8, $9, $10) RETURNING id",
                    {robot.name, std::string(domain::kRobotKindCodes.ToCode(robot.kind)),
                     OptionalValue(robot.department_id), robot.url, robot.secret,
                     JoinCodes(robot.kinds), robot.language, std::int64_t{robot.active ? 1 : 0},
                     robot.created_at, robot.updated_at}));
  return Ok();
}

Status GroupRobotStore::Update(const domain::GroupRobot& robot) {
  LT_TRY(connection_.Execute(
      "UPDATE group_robots SET name = $2, kind = $3, department_id = $4, url = $5, secret = $6, "
      "kinds = $7, language = $8, active = $9, updated_at = $10 WHERE id = $1",
      {robot.id, robot.name, std::string(domain::kRobotKindCodes.ToCode(robot.kind)),
       OptionalValue(robot.department_id), robot.url, robot.secret, JoinCodes(robot.kinds),
       robot.language, std::int64_t{robot.active ? 1 : 0}, robot.updated_at}));
  return Ok();
}

Result<bool> GroupRobotStore::Delete(domain::Id id) {
  LT_TRY_ASSIGN(const std::int64_t deleted,
                connection_.Execute("DELETE FROM group_robots WHERE id = $1", {id}));
  return deleted > 0;
}

}  // namespace lt::storage
