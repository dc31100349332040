#pragma once

// A message to a customer in the outbox (issue 16): committed with the case,
// then handed to its channel by the outbox job, once, with retries.

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

// Where an outbox message goes: to a customer by e-mail or SMS, to staff by
// e-mail or SMS, or to a chat group's robot (domain/group_robot.hpp).
enum class OutboxChannel { kEmail, kSms, kRobot, kWechat };
inline constexpr EnumCodes<OutboxChannel, 4> kOutboxChannelCodes{{{
    {OutboxChannel::kEmail, "email"},
    {OutboxChannel::kSms, "sms"},
    {OutboxChannel::kRobot, "robot"},
    {OutboxChannel::kWechat, "wechat"},
}}};

// How a WeChat message finally went out (domain/wechat.hpp): as a
// customer-service message inside the 48-hour window, else as a template
// message or a text.
enum class WechatRoute { kNone, kCustomerService, kTemplate, kSms };
inline constexpr EnumCodes<WechatRoute, 4> kWechatRouteCodes{{{
    {WechatRoute::kNone, ""},
    {WechatRoute::kCustomerService, "customer_service"},
    {WechatRoute::kTemplate, "template"},
    {WechatRoute::kSms, "sms"},
}}};

// Why Lingting writes.
enum class OutboxPurpose {
  kReply,            // an agent's answer
  kAcknowledgement,  // the acknowledgement of receipt, sent when the case is filed
  kFeedbackLetter,   // the formal letter of the reply step
  kStaffNotice,      // a notification to staff (an SLA alert, an assignment, ...)
  kSignInCode,       // a customer's one-time code for the portal
};
inline constexpr EnumCodes<OutboxPurpose, 5> kOutboxPurposeCodes{{{
    {OutboxPurpose::kReply, "reply"},
    {OutboxPurpose::kAcknowledgement, "acknowledgement"},
    {OutboxPurpose::kFeedbackLetter, "feedback_letter"},
    {OutboxPurpose::kStaffNotice, "staff_notice"},
    {OutboxPurpose::kSignInCode, "sign_in_code"},
}}};

struct OutboxMessage {
  Id id = 0;
  OutboxChannel channel = OutboxChannel::kEmail;
  OutboxPurpose purpose = OutboxPurpose::kReply;
  std::optional<Id> case_id;         // none for staff notices
  std::optional<Id> interaction_id;  // the timeline entry it went out as
  std::optional<Id> robot_id;        // the group robot of an OutboxChannel::kRobot message
  std::string recipient_name;
  std::string recipient;  // an e-mail address, a phone number, a robot's name
  std::string subject;
  std::string body;
  std::string message_id;  // chosen when queued: every retry sends the same
  std::string in_reply_to;
  std::vector<std::string> references;
  Delivery state = Delivery::kQueued;
  int attempts = 0;
  int parts_sent = 0;                      // SMS: texts of a long message the gateway has accepted
  WechatRoute route = WechatRoute::kNone;  // WeChat: how it went out (or is going)
  std::string last_answer;                 // the server's last reply, or what went wrong
  TimestampMs created_at = 0;
  std::optional<TimestampMs> sent_at;
};

}  // namespace lt::domain
