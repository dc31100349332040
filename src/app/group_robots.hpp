#pragma once

// The group robots staff notices are posted through (domain/group_robot.hpp),
// kept by administrators. A robot's signing secret is never read back: it is
// kept unless a new one is given. Every change is audited ("group_robot",
// without the secret).

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/group_robot.hpp"
#include "domain/outbox_message.hpp"

namespace lt::app {

struct GroupRobotView {
  domain::GroupRobot robot;  // secret blank
  bool secret_set = false;
  std::optional<domain::OutboxMessage> last_message;  // how its latest post went
};

struct GroupRobotInput {
  std::string name;
  domain::RobotKind kind = domain::RobotKind::kWecom;
  std::optional<Id> department_id;
  std::string url;
  std::vector<std::string> kinds;
  std::string language = "zh-CN";
  bool active = true;
  std::optional<std::string> secret;  // nullopt: keep the stored one; "" removes it
};

// Admins only.
Result<std::vector<GroupRobotView>> ListGroupRobots(AppContext& context,
                                                    const domain::Principal& principal);
// Errors: kForbidden; kInvalidArgument naming the field (name, url, kinds,
// kinds[i], language, secret: WeCom robots are not signed, department_id).
Result<GroupRobotView> CreateGroupRobot(AppContext& context, const domain::Principal& principal,
                                        const GroupRobotInput& input);
// As CreateGroupRobot; kNotFound when there is no such robot.
Result<GroupRobotView> UpdateGroupRobot(AppContext& context, const domain::Principal& principal,
                                        Id id, const GroupRobotInput& input);
// Messages already queued for it then fail with "the group robot was removed".
Status DeleteGroupRobot(AppContext& context, const domain::Principal& principal, Id id);

// Posts a test message through the stored robot now, outside the outbox;
// the answer is the app's. Errors: kForbidden, kNotFound.
struct RobotTestResult {
  bool ok = false;
  std::string answer;
};
Result<RobotTestResult> TestGroupRobot(AppContext& context, const domain::Principal& principal,
                                       Id id);

}  // namespace lt::app
