#pragma once

// The outbox (issue 16): what Lingting writes to a customer is committed with
// the case first (an outbox message, the timeline entry it went out as, and
// the job that sends it) and handed to its channel afterwards by the
// outbox.send job: retried with back-off, sent once even with several nodes
// (the job's lease), its state (queued, sent, failed with the server's
// answer) on the timeline. E-mail replies carry the case number in the
// subject and In-Reply-To/References naming the customer's messages, so the
// customer's client threads them and their answer finds the case again.

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/outbound_mail.hpp"
#include "domain/outbox_message.hpp"

namespace lt::app {

// The job kind that sends one outbox message (key: the message's id).
inline constexpr const char* kOutboxSendJob = "outbox.send";
// How often a message is tried before it counts as failed (about 11 hours
// of back-off, as mail servers retry).
inline constexpr int kOutboxMaxAttempts = 20;

struct MailToQueue {
  domain::OutboxPurpose purpose = domain::OutboxPurpose::kReply;
  std::optional<Id> interaction_id;
  std::string to_name;
  std::string to_address;
  std::string subject;  // "" for "Re: <the customer's last subject>" (or the case's)
  std::string body;
};

// Queues an e-mail about `a_case` in the caller's write transaction: the
// message with its Message-ID and threading headers, the record that lets a
// reply to it find the case, and the job that sends it.
Result<domain::OutboxMessage> QueueCaseMail(storage::Connection& connection,
                                            const domain::Case& a_case, const MailToQueue& mail,
                                            TimestampMs now);
// The same for e-mails about several cases (each case once), with a
// statement per table for all of them.
struct CaseMailToQueue {
  const domain::Case* a_case = nullptr;
  const MailToQueue* mail = nullptr;
};
Result<std::vector<domain::OutboxMessage>> QueueCaseMails(storage::Connection& connection,
                                                          std::span<const CaseMailToQueue> mails,
                                                          TimestampMs now);

struct SmsToQueue {
  domain::OutboxPurpose purpose = domain::OutboxPurpose::kReply;
  std::optional<Id> interaction_id;
  std::string to_name;
  std::string to_phone;  // E.164
  std::string text;
};

// Queues a text about `a_case` in the caller's write transaction: the
// message (split into several texts when it is longer than the gateway
// takes, at sending) and the job that sends it.
Result<domain::OutboxMessage> QueueCaseSms(storage::Connection& connection,
                                           const domain::Case& a_case, const SmsToQueue& sms,
                                           TimestampMs now);

// Queues a message to a WeChat follower about `a_case` in the caller's
// write transaction; the outbox chooses at sending how it goes out
// (app/wechat_outbox.hpp).
struct WechatToQueue {
  domain::OutboxPurpose purpose = domain::OutboxPurpose::kReply;
  std::optional<Id> interaction_id;
  std::string to_name;
  std::string openid;
  std::string text;
};
Result<domain::OutboxMessage> QueueCaseWechat(storage::Connection& connection,
                                              const domain::Case& a_case,
                                              const WechatToQueue& wechat, TimestampMs now);

// Queues a staff notice (purpose kStaffNotice, no case) in the caller's write
// transaction: an e-mail or text to one user, or a post to a group robot
// (the body then RobotMessageJson's), with the Message-ID (the gateway's
// reference) every retry sends and the job that sends it.
Result<domain::OutboxMessage> QueueStaffNotice(storage::Connection& connection,
                                               domain::OutboxMessage message, TimestampMs now);
// The same for any message that concerns no case (a customer's sign-in
// code): queued with its own purpose.
Result<domain::OutboxMessage> QueueMessageWithoutCase(storage::Connection& connection,
                                                      domain::OutboxMessage message,
                                                      TimestampMs now);
// A robot message as an outbox body, and back.
std::string RobotMessageJson(const domain::RobotMessage& message);
domain::RobotMessage RobotMessageOf(const std::string& json);

// The address the customer is answered at by e-mail: the sender of their
// latest e-mail on the case, else the customer's first e-mail address.
// nullopt when neither is known. Call inside a transaction.
struct MailRecipient {
  std::string name;
  std::string address;
};
Result<std::optional<MailRecipient>> MailRecipientOf(storage::Connection& connection,
                                                     const domain::Case& a_case);

// The number the customer is answered at by SMS: the sender of their latest
// text on the case, else the customer's first phone number that is a
// mainland mobile or written with a country code. Call inside a transaction.
Result<std::optional<MailRecipient>> SmsRecipientOf(storage::Connection& connection,
                                                    const domain::Case& a_case);

// Queues the acknowledgement of receipt (受理回执) for a case just filed,
// written from the acknowledgement template in the customer's language with
// the first-contact deadline: by e-mail to an address, or by SMS (the short
// template) to a number. Call inside the write transaction.
Status QueueAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                            const MailRecipient& to, TimestampMs now);
// E-mail acknowledgements of several cases (each once: the cases a batch of
// mail opened), with a statement per table for all of them.
struct MailAcknowledgement {
  const domain::Case* a_case = nullptr;
  MailRecipient to;
};
Status QueueAcknowledgements(storage::Connection& connection,
                             std::span<const MailAcknowledgement> acknowledgements,
                             TimestampMs now);
Status QueueSmsAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                               const MailRecipient& to, TimestampMs now);
// On WeChat, from its own template, to the follower who opened the case.
Status QueueWechatAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                                  const std::string& openid, TimestampMs now);

// The acknowledgement of a case a person filed (staff in the console or
// through the API, a customer on the portal), in the filing transaction: by
// e-mail when the case came by e-mail, else by SMS to the customer's mobile;
// by the other when the first cannot reach them or is not set up; none when
// neither can. Cases that came in by e-mail or SMS are acknowledged by their
// intake instead, imported ones not at all.
// `reach` is read once for the cases filed together (ReachOfCustomers).
struct CustomerReach {
  bool mail = false;  // an SMTP server is set up
  bool text = false;  // an SMS gateway is set up
};
Result<CustomerReach> ReachOfCustomers(storage::Connection& connection);
Status AcknowledgeFiledCase(storage::Connection& connection, const domain::Case& a_case,
                            const CustomerReach& reach, TimestampMs now);

// An agent's message to the customer on a channel of their choice, with
// attachments: a public outbound interaction and its outbox message, in one
// transaction, by e-mail, SMS or WeChat (a text or a WeChat message carries
// no subject or attachments; WeChat goes to the customer's OpenID). Errors: kNotFound (case not
// visible), kForbidden (not staff), kInvalidArgument (body, subject, attachments; "to" malformed or
// no address or number known; a channel that cannot send).
struct CustomerMessageInput {
  domain::Channel channel = domain::Channel::kEmail;
  std::optional<std::string> to;  // default: MailRecipientOf, SmsRecipientOf; not for WeChat
  std::string subject;
  std::string body;
  std::vector<AttachmentInput> attachments;
};
struct SentCustomerMessage {
  domain::Interaction interaction;
  domain::OutboxMessage outbox;
};
Result<SentCustomerMessage> SendCustomerMessage(AppContext& context,
                                                const domain::Principal& principal, Id case_id,
                                                const CustomerMessageInput& input);

// The outbox messages of a case, oldest first (staff; kNotFound when the
// case is not visible).
Result<std::vector<domain::OutboxMessage>> ListCaseOutbox(AppContext& context,
                                                          const domain::Principal& principal,
                                                          Id case_id);

// One attempt at handing outbox message `id` to its channel, for the
// outbox.send job: the outcome, or nullopt when there is nothing to do (it
// was sent or failed already). A temporary failure on the last attempt
// counts as permanent.
Result<std::optional<domain::SendOutcome>> AttemptOutboxMessage(AppContext& context, Id id,
                                                                bool last_attempt);

// Records an attempt's outcome on the message and its timeline entry, in the
// caller's transaction: sent or failed for good; a temporary failure keeps
// it queued with the answer, for the next attempt.
Status RecordOutboxAttempt(storage::Connection& connection, Id id,
                           const domain::SendOutcome& outcome, TimestampMs now);

}  // namespace lt::app
