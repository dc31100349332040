#include "gateways/group_robot_sender.hpp"

#include "gateways/http_post.hpp"

namespace lt::gateways {

domain::SendOutcome GroupRobotSender::Send(const domain::GroupRobot& robot,
                                           const domain::RobotMessage& message, TimestampMs now) {
  const domain::RobotRequest built = domain::BuildRobotRequest(robot, message, now);
  HttpPost request;
  request.url = built.url;
  request.content_type = "application/json; charset=utf-8";
  request.body = built.body;
  const HttpAnswer answer = Post(request);
  const std::string described = Describe(answer);
  if (!answer.answered) return {domain::SendOutcome::Kind::kTemporary, described};
  return {domain::JudgeRobotAnswer(robot.kind, answer.status, answer.body), described};
}

}  // namespace lt::gateways
