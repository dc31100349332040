#pragma once

// A message to a customer in the outbox (issue 16): committed with the case,
// then handed to its channel by the outbox job, once, with retries.

#include <optional>
#include <string>
#include <vector>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"

namespace lt::domain {

// Why Lingting writes to the customer.
enum class OutboxPurpose {
  kReply,            // an agent's answer
  kAcknowledgement,  // the acknowledgement of receipt, sent when the case is filed
  kFeedbackLetter,   // the formal letter of the reply step
};
inline constexpr EnumCodes<OutboxPurpose, 3> kOutboxPurposeCodes{{{
    {OutboxPurpose::kReply, "reply"},
    {OutboxPurpose::kAcknowledgement, "acknowledgement"},
    {OutboxPurpose::kFeedbackLetter, "feedback_letter"},
}}};

struct OutboxMessage {
  Id id = 0;
  Channel channel = Channel::kEmail;
  OutboxPurpose purpose = OutboxPurpose::kReply;
  std::optional<Id> case_id;
  std::optional<Id> interaction_id;  // the timeline entry it went out as
  std::string recipient_name;
  std::string recipient;  // an e-mail address (a phone number, an OpenID on other channels)
  std::string subject;
  std::string body;
  std::string message_id;  // chosen when queued: every retry sends the same
  std::string in_reply_to;
  std::vector<std::string> references;
  Delivery state = Delivery::kQueued;
  int attempts = 0;
  int parts_sent = 0;       // SMS: texts of a long message the gateway has accepted
  std::string last_answer;  // the server's last reply, or what went wrong
  TimestampMs created_at = 0;
  std::optional<TimestampMs> sent_at;
};

}  // namespace lt::domain
