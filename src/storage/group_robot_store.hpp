#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/group_robot.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The group robots of WeCom, DingTalk and Feishu
// (migrations/*/0023_staff_notifications.sql).
class GroupRobotStore {
 public:
  explicit GroupRobotStore(Connection& connection) : connection_(connection) {}

  Result<std::vector<domain::GroupRobot>> List();
  Result<std::optional<domain::GroupRobot>> Find(domain::Id id);
  // Stores a new robot (its id set).
  Status Insert(domain::GroupRobot& robot);
  Status Update(const domain::GroupRobot& robot);
  // False when there was none.
  Result<bool> Delete(domain::Id id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
