#pragma once

#include "domain/group_robot.hpp"

namespace lt::gateways {

// Posts to the group robots of WeCom, DingTalk and Feishu over HTTPS.
class GroupRobotSender final : public domain::RobotSender {
 public:
  domain::SendOutcome Send(const domain::GroupRobot& robot, const domain::RobotMessage& message,
                           TimestampMs now) override;
};

}  // namespace lt::gateways
