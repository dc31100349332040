#include "app/outbox.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/authorization.hpp"
#include "app/case_access.hpp"
#include "app/department_calendars.hpp"
#include "app/feedback_letter.hpp"
#include "app/field_rules.hpp"
#include "app/interactions.hpp"
#include "app/letter_templates.hpp"
#include "app/live_updates.hpp"
#include "app/wechat_outbox.hpp"
#include "base/crypto.hpp"
#include "base/log.hpp"
#include "domain/contact.hpp"
#include "domain/mail_thread.hpp"
#include "domain/portal_code.hpp"
#include "i18n/i18n.hpp"
#include "storage/attachment_files.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/channel_message_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/group_robot_store.hpp"
#include "storage/interaction_store.hpp"
#include "storage/job_store.hpp"
#include "storage/mail_message_store.hpp"
#include "storage/outbox_store.hpp"
#include "storage/sla_clock_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxReplySubjectChars = 200;
constexpr std::size_t kMaxMessageChars = 100000;
// A reply by SMS: a few texts, not a letter.
constexpr std::size_t kMaxReplyTextChars = 1000;
// Enough of the thread for clients to place the reply; RFC 5322 advises
// trimming long References.
constexpr std::size_t kMaxReferences = 20;

std::string DomainOf(const std::string& address) {
  const auto at = address.rfind('@');
  return at == std::string::npos || at + 1 == address.size() ? std::string()
                                                             : address.substr(at + 1);
}

// A new Message-ID for mail Lingting sends: `local` and 64 random bits, at
// the domain of the SMTP sender address. Made before the message is stored,
// so that storing it is one statement.
std::string NewMessageId(const std::optional<domain::SmtpSettings>& smtp,
                         const std::string& local) {
  std::string domain_part = smtp ? DomainOf(smtp->from_address) : std::string();
  if (domain_part.empty()) domain_part = "lingting.invalid";
  return local + "." + RandomHex(8) + "@" + domain_part;
}

// The subject of an e-mail about the case: what the customer wrote last (or
// the case's subject) as a reply, with the case number in brackets, which
// threads their answer to the case whatever their client does.
std::string MailSubject(const domain::Case& a_case, const std::string& wanted,
                        const std::vector<storage::MailMessage>& thread) {
  std::string subject = wanted;
  if (subject.empty()) {
    std::string last = a_case.subject;
    for (const auto& message : thread) {
      if (message.direction == "in" && !message.subject.empty()) last = message.subject;
    }
    subject = "Re: " + domain::NormalizeMailSubject(last);
  }
  const std::string tag = "[" + a_case.number + "]";
  if (subject.find(tag) == std::string::npos) subject += " " + tag;
  return subject;
}

Status PublishOutboxChange(storage::Connection& connection, Id case_id, TimestampMs now) {
  LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(case_id));
  if (!a_case) return Ok();
  return storage::PublishCaseChange(connection, ChangeOf(*a_case, "outbox", std::nullopt, now));
}

}  // namespace

Result<domain::OutboxMessage> QueueCaseMail(storage::Connection& connection,
                                            const domain::Case& a_case, const MailToQueue& mail,
                                            TimestampMs now) {
  const CaseMailToQueue one{&a_case, &mail};
  LT_TRY_ASSIGN(auto queued, QueueCaseMails(connection, {&one, 1}, now));
  return std::move(queued.front());
}

Result<std::vector<domain::OutboxMessage>> QueueCaseMails(storage::Connection& connection,
                                                          std::span<const CaseMailToQueue> mails,
                                                          TimestampMs now) {
  std::vector<Id> case_ids;
  for (const auto& [a_case, mail] : mails) case_ids.push_back(a_case->id);
  storage::MailMessageStore mail_messages(connection);
  LT_TRY_ASSIGN(const auto threads, mail_messages.ListForCases(case_ids));
  LT_TRY_ASSIGN(const auto smtp, storage::ChannelSettingsStore(connection).FindSmtp());
  const std::vector<storage::MailMessage> no_mail;
  std::vector<domain::OutboxMessage> messages;
  messages.reserve(mails.size());
  for (const auto& [a_case, mail] : mails) {
    const auto found = threads.find(a_case->id);
    const auto& thread = found == threads.end() ? no_mail : found->second;
    domain::OutboxMessage& message = messages.emplace_back();
    message.channel = domain::OutboxChannel::kEmail;
    message.purpose = mail->purpose;
    message.case_id = a_case->id;
    message.interaction_id = mail->interaction_id;
    message.recipient_name = mail->to_name;
    message.recipient = mail->to_address;
    message.subject = MailSubject(*a_case, mail->subject, thread);
    message.body = mail->body;
    for (const auto& earlier : thread) {
      if (earlier.message_id.empty()) continue;
      message.references.push_back(earlier.message_id);
      // Answer the customer's latest message written by a person.
      if (earlier.direction == "in" && earlier.origin == "person") {
        message.in_reply_to = earlier.message_id;
      }
    }
    if (message.references.size() > kMaxReferences) {
      message.references.erase(message.references.begin() + 1,
                               message.references.end() - (kMaxReferences - 1));
    }
    message.state = domain::Delivery::kQueued;
    message.created_at = now;
    message.message_id = NewMessageId(smtp, "lt." + a_case->number);
  }
  LT_TRY(storage::OutboxStore(connection).InsertMany(messages));

  std::vector<storage::MailMessage> records;
  std::vector<std::string> keys;
  for (const auto& message : messages) {
    storage::MailMessage& sent = records.emplace_back();
    sent.direction = "out";
    sent.message_id = message.message_id;
    sent.case_id = message.case_id;
    sent.interaction_id = message.interaction_id;
    sent.from_address = smtp ? smtp->from_address : std::string();
    sent.subject = message.subject;
    sent.origin = "person";
    sent.received_at = now;
    sent.referenced = message.references;
    keys.push_back(std::to_string(message.id));
  }
  LT_TRY(mail_messages.InsertMany(records));
  LT_TRY(storage::ScheduleJobs(connection, kOutboxSendJob, keys, std::string("{}"), now, now,
                               kOutboxMaxAttempts));
  return messages;
}

Result<std::optional<MailRecipient>> MailRecipientOf(storage::Connection& connection,
                                                     const domain::Case& a_case) {
  std::optional<MailRecipient> recipient;
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  const std::string name = customer ? customer->name : std::string();
  LT_TRY_ASSIGN(const auto thread, storage::MailMessageStore(connection).ListForCase(a_case.id));
  for (const auto& message : thread) {
    if (message.direction == "in" && message.origin == "person" && !message.from_address.empty()) {
      recipient = MailRecipient{name, message.from_address};
    }
  }
  if (recipient || !customer) return recipient;
  for (const auto& contact : customer->contacts) {
    if (contact.kind == domain::ContactKind::kEmail) {
      return std::optional<MailRecipient>(MailRecipient{name, contact.value});
    }
  }
  return recipient;
}

namespace {

// Queues a text or a WeChat message about `a_case`: the message, with the
// reference the gateway sees (the same on every retry), and its job.
Result<domain::OutboxMessage> QueueShortMessage(storage::Connection& connection,
                                                const domain::Case& a_case,
                                                domain::OutboxMessage message, TimestampMs now) {
  message.case_id = a_case.id;
  message.state = domain::Delivery::kQueued;
  message.created_at = now;
  // The reference the gateway sees: one per message, the same on every retry.
  message.message_id = "lt-" + a_case.number + "-" + RandomHex(6);
  storage::OutboxStore outbox(connection);
  LT_TRY(outbox.Insert(message));
  LT_TRY(storage::ScheduleJob(connection, kOutboxSendJob, std::to_string(message.id),
                              std::string("{}"), now, now, kOutboxMaxAttempts));
  return message;
}

}  // namespace

Result<domain::OutboxMessage> QueueCaseSms(storage::Connection& connection,
                                           const domain::Case& a_case, const SmsToQueue& sms,
                                           TimestampMs now) {
  domain::OutboxMessage message;
  message.channel = domain::OutboxChannel::kSms;
  message.purpose = sms.purpose;
  message.interaction_id = sms.interaction_id;
  message.recipient_name = sms.to_name;
  message.recipient = sms.to_phone;
  message.body = sms.text;
  return QueueShortMessage(connection, a_case, std::move(message), now);
}

Result<domain::OutboxMessage> QueueCaseWechat(storage::Connection& connection,
                                              const domain::Case& a_case,
                                              const WechatToQueue& wechat, TimestampMs now) {
  domain::OutboxMessage message;
  message.channel = domain::OutboxChannel::kWechat;
  message.purpose = wechat.purpose;
  message.interaction_id = wechat.interaction_id;
  message.recipient_name = wechat.to_name;
  message.recipient = wechat.openid;
  message.body = wechat.text;
  return QueueShortMessage(connection, a_case, std::move(message), now);
}

Result<domain::OutboxMessage> QueueStaffNotice(storage::Connection& connection,
                                               domain::OutboxMessage message, TimestampMs now) {
  message.purpose = domain::OutboxPurpose::kStaffNotice;
  return QueueMessageWithoutCase(connection, std::move(message), now);
}

Result<domain::OutboxMessage> QueueMessageWithoutCase(storage::Connection& connection,
                                                      domain::OutboxMessage message,
                                                      TimestampMs now) {
  message.case_id.reset();
  message.interaction_id.reset();
  message.state = domain::Delivery::kQueued;
  message.created_at = now;
  if (message.channel == domain::OutboxChannel::kEmail) {
    LT_TRY_ASSIGN(const auto smtp, storage::ChannelSettingsStore(connection).FindSmtp());
    message.message_id = NewMessageId(smtp, "lt.notice");
  } else {
    message.message_id = "lt-notice-" + RandomHex(6);
  }
  storage::OutboxStore outbox(connection);
  LT_TRY(outbox.Insert(message));
  LT_TRY(storage::ScheduleJob(connection, kOutboxSendJob, std::to_string(message.id),
                              std::string("{}"), now, now, kOutboxMaxAttempts));
  return message;
}

std::string RobotMessageJson(const domain::RobotMessage& message) {
  return nlohmann::json{{"title", message.title},
                        {"text", message.text},
                        {"link", message.link},
                        {"link_label", message.link_label}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

domain::RobotMessage RobotMessageOf(const std::string& json) {
  const auto parsed = nlohmann::json::parse(json, nullptr, false);
  domain::RobotMessage message;
  if (!parsed.is_object()) return message;
  message.title = parsed.value("title", "");
  message.text = parsed.value("text", "");
  message.link = parsed.value("link", "");
  message.link_label = parsed.value("link_label", "");
  return message;
}

Result<std::optional<MailRecipient>> SmsRecipientOf(storage::Connection& connection,
                                                    const domain::Case& a_case) {
  LT_TRY_ASSIGN(const auto customer, storage::CustomerStore(connection).Find(a_case.customer_id));
  const std::string name = customer ? customer->name : std::string();
  LT_TRY_ASSIGN(const auto texted,
                storage::ChannelMessageStore(connection)
                    .LatestSender(std::string(domain::kChannelCodes.ToCode(domain::Channel::kSms)),
                                  a_case.id));
  if (texted) return std::optional<MailRecipient>(MailRecipient{name, *texted});
  if (!customer) return std::optional<MailRecipient>();
  for (const auto& contact : customer->contacts) {
    if (contact.kind == domain::ContactKind::kPhone && domain::CanReceiveSms(contact.value)) {
      return std::optional<MailRecipient>(MailRecipient{name, contact.value});
    }
  }
  return std::optional<MailRecipient>();
}

namespace {

// The acknowledgements of `kind` for `cases`, filled in, each in its
// customer's language (`fallback_names`: whom to greet when the customer is
// not stored), with a statement per table for all of them.
struct Acknowledgement {
  i18n::Locale language = i18n::Locale::kZhCn;
  std::string body;
};
Result<std::vector<Acknowledgement>> WriteAcknowledgements(
    storage::Connection& connection, std::span<const domain::Case* const> cases,
    domain::LetterKind kind, std::span<const std::string> fallback_names) {
  std::vector<Id> case_ids, customer_ids;
  for (const domain::Case* a_case : cases) {
    case_ids.push_back(a_case->id);
    customer_ids.push_back(a_case->customer_id);
  }
  LT_TRY_ASSIGN(const auto customers, storage::CustomerStore(connection).FindMany(customer_ids));
  LT_TRY_ASSIGN(const auto first_contacts,
                storage::SlaClockStore(connection).FindMany(case_ids, "first_contact"));
  std::map<std::optional<Id>, std::shared_ptr<const sla::BusinessCalendar>> calendars;
  std::map<i18n::Locale, LetterTemplate> letters;
  std::vector<Acknowledgement> written(cases.size());
  for (std::size_t index = 0; index < cases.size(); ++index) {
    const domain::Case& a_case = *cases[index];
    const auto customer = customers.find(a_case.customer_id);
    const bool known = customer != customers.end();
    Acknowledgement& acknowledgement = written[index];
    acknowledgement.language = LetterLanguageOf(known ? customer->second : domain::Customer{});
    domain::LetterFields fields;
    fields.customer = known ? customer->second.name : fallback_names[index];
    // A customer known only by their number or address (named after it when
    // their text or e-mail opened the case) is greeted as a customer.
    if (fields.customer.empty() || domain::NormalizePhone(fields.customer) ||
        domain::NormalizeEmail(fields.customer)) {
      fields.customer = i18n::Translate(acknowledgement.language, "acknowledgement.customer");
    }
    fields.number = a_case.number;
    fields.subject = a_case.subject;
    if (const auto clock = first_contacts.find(a_case.id); clock != first_contacts.end()) {
      auto calendar = calendars.find(a_case.department_id);
      if (calendar == calendars.end()) {
        LT_TRY_ASSIGN(auto loaded, CalendarForDepartment(connection, a_case.department_id));
        calendar = calendars.emplace(a_case.department_id, std::move(loaded)).first;
      }
      fields.first_contact_due = calendar->second->FormatLocal(clock->second.clock.due_at);
    } else {
      fields.first_contact_due = i18n::Translate(acknowledgement.language, "acknowledgement.soon");
    }
    auto letter = letters.find(acknowledgement.language);
    if (letter == letters.end()) {
      LT_TRY_ASSIGN(auto loaded, LetterTemplateFor(connection, kind, acknowledgement.language));
      letter = letters.emplace(acknowledgement.language, std::move(loaded)).first;
    }
    acknowledgement.body =
        domain::FillLetterTemplate(letter->second.kind, letter->second.body, fields);
  }
  return written;
}

Result<Acknowledgement> WriteAcknowledgement(storage::Connection& connection,
                                             const domain::Case& a_case, domain::LetterKind kind,
                                             const std::string& fallback_name) {
  const domain::Case* one = &a_case;
  LT_TRY_ASSIGN(auto written,
                WriteAcknowledgements(connection, {&one, 1}, kind, {&fallback_name, 1}));
  return std::move(written.front());
}

// The timeline entries acknowledgements go out as, one for each of
// `cases`, with `bodies`.
Result<std::vector<Id>> AddAcknowledgementEntries(storage::Connection& connection,
                                                  std::span<const domain::Case* const> cases,
                                                  domain::Channel channel,
                                                  std::span<const std::string> bodies,
                                                  TimestampMs now) {
  std::vector<domain::Interaction> entries(cases.size());
  for (std::size_t index = 0; index < cases.size(); ++index) {
    domain::Interaction& entry = entries[index];
    entry.case_id = cases[index]->id;
    entry.direction = domain::Direction::kOutbound;
    entry.channel = channel;
    entry.visibility = domain::Visibility::kPublic;
    entry.body = bodies[index];
    entry.delivery = domain::Delivery::kQueued;
    entry.occurred_at = now;
    entry.created_at = now;
  }
  LT_TRY(storage::InteractionStore(connection).InsertMany(entries));
  std::vector<Id> ids;
  for (const auto& entry : entries) ids.push_back(entry.id);
  return ids;
}

Result<Id> AddAcknowledgementEntry(storage::Connection& connection, const domain::Case& a_case,
                                   domain::Channel channel, const std::string& body,
                                   TimestampMs now) {
  const domain::Case* one = &a_case;
  LT_TRY_ASSIGN(const auto ids,
                AddAcknowledgementEntries(connection, {&one, 1}, channel, {&body, 1}, now));
  return ids.front();
}

}  // namespace

Status QueueAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                            const MailRecipient& to, TimestampMs now) {
  const MailAcknowledgement one{&a_case, to};
  return QueueAcknowledgements(connection, {&one, 1}, now);
}

Status QueueAcknowledgements(storage::Connection& connection,
                             std::span<const MailAcknowledgement> acknowledgements,
                             TimestampMs now) {
  if (acknowledgements.empty()) return Ok();
  std::vector<const domain::Case*> cases;
  std::vector<std::string> names;
  for (const auto& [a_case, to] : acknowledgements) {
    cases.push_back(a_case);
    names.push_back(to.name);
  }
  LT_TRY_ASSIGN(
      const auto written,
      WriteAcknowledgements(connection, cases, domain::LetterKind::kAcknowledgement, names));
  std::vector<std::string> bodies;
  for (const auto& acknowledgement : written) bodies.push_back(acknowledgement.body);
  LT_TRY_ASSIGN(const auto entry_ids,
                AddAcknowledgementEntries(connection, cases, domain::Channel::kEmail, bodies, now));
  std::vector<MailToQueue> mails(cases.size());
  std::vector<CaseMailToQueue> queued;
  for (std::size_t index = 0; index < cases.size(); ++index) {
    MailToQueue& mail = mails[index];
    mail.purpose = domain::OutboxPurpose::kAcknowledgement;
    mail.interaction_id = entry_ids[index];
    mail.to_name = acknowledgements[index].to.name;
    mail.to_address = acknowledgements[index].to.address;
    mail.subject =
        i18n::Translate(written[index].language, "acknowledgement.subject",
                        {{"subject", cases[index]->subject}, {"number", cases[index]->number}});
    mail.body = written[index].body;
    queued.push_back({cases[index], &mail});
  }
  LT_TRY(QueueCaseMails(connection, queued, now));
  return Ok();
}

Status QueueSmsAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                               const MailRecipient& to, TimestampMs now) {
  LT_TRY_ASSIGN(
      const Acknowledgement written,
      WriteAcknowledgement(connection, a_case, domain::LetterKind::kSmsAcknowledgement, to.name));
  SmsToQueue sms;
  sms.purpose = domain::OutboxPurpose::kAcknowledgement;
  LT_TRY_ASSIGN(
      sms.interaction_id,
      AddAcknowledgementEntry(connection, a_case, domain::Channel::kSms, written.body, now));
  sms.to_name = to.name;
  sms.to_phone = to.address;
  sms.text = written.body;
  LT_TRY(QueueCaseSms(connection, a_case, sms, now));
  return Ok();
}

Status QueueWechatAcknowledgement(storage::Connection& connection, const domain::Case& a_case,
                                  const std::string& openid, TimestampMs now) {
  LT_TRY_ASSIGN(
      const Acknowledgement written,
      WriteAcknowledgement(connection, a_case, domain::LetterKind::kWechatAcknowledgement, ""));
  WechatToQueue wechat;
  wechat.purpose = domain::OutboxPurpose::kAcknowledgement;
  LT_TRY_ASSIGN(
      wechat.interaction_id,
      AddAcknowledgementEntry(connection, a_case, domain::Channel::kWechat, written.body, now));
  wechat.openid = openid;
  wechat.text = written.body;
  LT_TRY(QueueCaseWechat(connection, a_case, wechat, now));
  return Ok();
}

Result<CustomerReach> ReachOfCustomers(storage::Connection& connection) {
  storage::ChannelSettingsStore settings(connection);
  LT_TRY_ASSIGN(const auto smtp, settings.FindSmtp());
  LT_TRY_ASSIGN(const auto sms, settings.FindSms());
  return CustomerReach{smtp && !smtp->host.empty() && !smtp->from_address.empty(),
                       sms && !sms->url.empty()};
}

Status AcknowledgeFiledCase(storage::Connection& connection, const domain::Case& a_case,
                            const CustomerReach& reach, TimestampMs now) {
  const bool can_mail = reach.mail;
  const bool can_text = reach.text;
  if (!can_mail && !can_text) return Ok();
  std::optional<MailRecipient> mail_to;
  std::optional<MailRecipient> text_to;
  if (can_mail) {
    LT_TRY_ASSIGN(mail_to, MailRecipientOf(connection, a_case));
  }
  if (can_text) {
    LT_TRY_ASSIGN(text_to, SmsRecipientOf(connection, a_case));
  }
  if (a_case.channel == domain::Channel::kEmail && mail_to) {
    return QueueAcknowledgement(connection, a_case, *mail_to, now);
  }
  if (text_to) return QueueSmsAcknowledgement(connection, a_case, *text_to, now);
  if (mail_to) return QueueAcknowledgement(connection, a_case, *mail_to, now);
  return Ok();
}

Result<SentCustomerMessage> SendCustomerMessage(AppContext& context,
                                                const domain::Principal& principal, Id case_id,
                                                const CustomerMessageInput& input) {
  LT_TRY(RequireStaff(principal));
  FieldErrors errors;
  const bool by_sms = input.channel == domain::Channel::kSms;
  const bool by_wechat = input.channel == domain::Channel::kWechat;
  if (input.channel != domain::Channel::kEmail && !by_sms && !by_wechat) {
    errors.Add("channel", "validation.channel_cannot_send",
               {{"channel", std::string(domain::kChannelCodes.ToCode(input.channel))}});
  }
  const std::string subject =
      CheckText(input.subject, "subject", kMaxReplySubjectChars, Presence::kOptional, errors);
  CheckText(input.body, "body", by_sms || by_wechat ? kMaxReplyTextChars : kMaxMessageChars,
            Presence::kRequired, errors);
  if ((by_sms || by_wechat) && !input.attachments.empty()) {
    errors.Add("attachments", "validation.sms_attachments");
  }
  std::optional<std::string> to;
  if (input.to && by_wechat) {
    errors.Add("to", "validation.wechat_to");
  } else if (input.to) {
    to = by_sms ? domain::NormalizePhone(*input.to) : domain::NormalizeEmail(*input.to);
    if (!to) errors.Add("to", by_sms ? "validation.phone" : "validation.email");
  }
  if (!errors.empty()) return errors.ToError();

  InteractionInput entry;
  entry.direction = domain::Direction::kOutbound;
  entry.channel = input.channel;
  entry.visibility = domain::Visibility::kPublic;
  entry.body = input.body;
  entry.attachments = input.attachments;
  entry.queued_for_delivery = true;
  SentCustomerMessage sent;
  LT_TRY_ASSIGN(
      sent.interaction,
      AddInteraction(
          context, principal, case_id, entry,
          [&](storage::Connection& connection, const domain::Case& a_case,
              const domain::Interaction& interaction) -> Status {
            if (by_wechat) {
              LT_TRY_ASSIGN(const auto follower, WechatRecipientOf(connection, a_case));
              if (!follower) return Error::Invalid("channel", "validation.no_wechat");
              LT_TRY_ASSIGN(sent.outbox,
                            QueueCaseWechat(connection, a_case,
                                            {domain::OutboxPurpose::kReply, interaction.id,
                                             follower->name, follower->address, interaction.body},
                                            interaction.created_at));
              return Ok();
            }
            LT_TRY_ASSIGN(const auto known, by_sms ? SmsRecipientOf(connection, a_case)
                                                   : MailRecipientOf(connection, a_case));
            MailRecipient recipient;
            if (to) {
              recipient.address = *to;
              if (known && known->address == *to) recipient.name = known->name;
            } else if (known) {
              recipient = *known;
            } else {
              return Error::Invalid("to", by_sms ? "validation.no_phone" : "validation.no_address");
            }
            if (by_sms) {
              LT_TRY_ASSIGN(sent.outbox,
                            QueueCaseSms(connection, a_case,
                                         {domain::OutboxPurpose::kReply, interaction.id,
                                          recipient.name, recipient.address, interaction.body},
                                         interaction.created_at));
              return Ok();
            }
            MailToQueue mail;
            mail.purpose = domain::OutboxPurpose::kReply;
            mail.interaction_id = interaction.id;
            mail.subject = subject;
            mail.body = interaction.body;
            mail.to_name = recipient.name;
            mail.to_address = recipient.address;
            LT_TRY_ASSIGN(sent.outbox,
                          QueueCaseMail(connection, a_case, mail, interaction.created_at));
            return Ok();
          }));
  return sent;
}

Result<std::vector<domain::OutboxMessage>> ListCaseOutbox(AppContext& context,
                                                          const domain::Principal& principal,
                                                          Id case_id) {
  LT_TRY(RequireStaff(principal));
  std::vector<domain::OutboxMessage> messages;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY(LoadVisibleCase(connection, principal, case_id));
    LT_TRY_ASSIGN(messages, storage::OutboxStore(connection).ListForCase(case_id));
    return Ok();
  }));
  return messages;
}

namespace {

using Outcome = domain::SendOutcome;

// One attempt at an e-mail: recorded as sent the moment the server accepts
// it, before the goodbye, so that a node dying afterwards does not send it
// again.
Result<Outcome> AttemptMail(AppContext& context, const domain::OutboxMessage& message) {
  std::optional<domain::SmtpSettings> smtp;
  std::optional<domain::Interaction> entry;
  std::string case_number;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(smtp, storage::ChannelSettingsStore(connection).FindSmtp());
    if (message.case_id) {
      LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(*message.case_id));
      if (a_case) case_number = a_case->number;
    }
    if (message.interaction_id) {
      LT_TRY_ASSIGN(entry, storage::InteractionStore(connection).Find(*message.interaction_id));
    }
    return Ok();
  }));
  if (!smtp || smtp->host.empty() || smtp->from_address.empty()) {
    return Outcome{Outcome::Kind::kTemporary,
                   "no SMTP server is set up (Settings, E-mail sending)"};
  }
  if (!context.mail_sender)
    return Outcome{Outcome::Kind::kTemporary, "this node cannot send e-mail"};
  domain::OutgoingMail mail;
  mail.from_name = smtp->from_name;
  mail.from_address = smtp->from_address;
  mail.to_name = message.recipient_name;
  mail.to_address = message.recipient;
  mail.subject = message.subject;
  mail.text = message.body;
  mail.message_id = message.message_id;
  mail.in_reply_to = message.in_reply_to;
  mail.references = message.references;
  mail.automatic = message.purpose == domain::OutboxPurpose::kAcknowledgement ||
                   message.purpose == domain::OutboxPurpose::kStaffNotice ||
                   message.purpose == domain::OutboxPurpose::kSignInCode;
  mail.date = message.created_at;
  mail.case_number = case_number;
  if (entry) {
    for (const auto& attachment : entry->attachments) {
      LT_TRY_ASSIGN(std::string data, context.files.Get(attachment.sha256));
      mail.attachments.push_back({attachment.filename, attachment.content_type, std::move(data)});
    }
  }
  bool accepted = false;
  Outcome outcome = context.mail_sender->Send(*smtp, mail, [&](const std::string& reply) {
    const Status recorded = context.database.Write([&](storage::Connection& connection) {
      return RecordOutboxAttempt(connection, message.id, {Outcome::Kind::kSent, reply},
                                 context.clock.NowMs());
    });
    accepted = recorded.ok();
  });
  if (accepted) outcome.kind = Outcome::Kind::kSent;
  return outcome;
}

// One attempt at a text: split as the gateway takes it, each text recorded
// the moment the gateway accepts it, so that a retry sends only the rest.
Result<Outcome> AttemptSms(AppContext& context, const domain::OutboxMessage& message) {
  std::optional<domain::SmsGateway> gateway;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(gateway, storage::ChannelSettingsStore(connection).FindSms());
    return Ok();
  }));
  if (!gateway || gateway->url.empty()) {
    return Outcome{Outcome::Kind::kTemporary, "no SMS gateway is set up (Settings, SMS)"};
  }
  if (!context.sms_sender) return Outcome{Outcome::Kind::kTemporary, "this node cannot send SMS"};
  const std::vector<std::string> texts = domain::SplitSms(message.body, gateway->max_parts);
  Outcome outcome{Outcome::Kind::kSent, ""};
  for (std::size_t part = static_cast<std::size_t>(message.parts_sent); part < texts.size();
       ++part) {
    domain::SmsFields fields;
    fields.to = message.recipient;
    fields.text = texts[part];
    fields.reference =
        message.message_id + (texts.size() > 1 ? "-" + std::to_string(part + 1) : std::string());
    outcome = context.sms_sender->Send(*gateway, fields);
    if (outcome.kind != Outcome::Kind::kSent) {
      if (texts.size() > 1) {
        outcome.answer +=
            " (text " + std::to_string(part + 1) + " of " + std::to_string(texts.size()) + ")";
      }
      return outcome;
    }
    if (texts.size() > 1) outcome.answer += " (" + std::to_string(texts.size()) + " texts)";
    const bool last = part + 1 == texts.size();
    LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
      if (last) return RecordOutboxAttempt(connection, message.id, outcome, context.clock.NowMs());
      return storage::OutboxStore(connection)
          .RecordPartsSent(message.id, static_cast<int>(part + 1), outcome.answer);
    }));
  }
  return outcome;
}

// One post to a group robot, signed as of now (a retry is signed afresh:
// DingTalk and Feishu refuse a signature older than an hour).
Result<Outcome> AttemptRobot(AppContext& context, const domain::OutboxMessage& message) {
  std::optional<domain::GroupRobot> robot;
  if (message.robot_id) {
    LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(robot, storage::GroupRobotStore(connection).Find(*message.robot_id));
      return Ok();
    }));
  }
  if (!robot) return Outcome{Outcome::Kind::kPermanent, "the group robot was removed"};
  if (!context.robot_sender) {
    return Outcome{Outcome::Kind::kTemporary, "this node cannot post to group robots"};
  }
  return context.robot_sender->Send(*robot, RobotMessageOf(message.body), context.clock.NowMs());
}

}  // namespace

Result<std::optional<domain::SendOutcome>> AttemptOutboxMessage(AppContext& context, Id id,
                                                                bool last_attempt) {
  std::optional<domain::OutboxMessage> message;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    LT_TRY_ASSIGN(message, storage::OutboxStore(connection).Find(id));
    return Ok();
  }));
  if (!message || message->state != domain::Delivery::kQueued) return std::optional<Outcome>();
  if (message->purpose == domain::OutboxPurpose::kSignInCode &&
      context.clock.NowMs() >= message->created_at + domain::kPortalCodeLifetimeMs) {
    return std::optional<Outcome>(
        Outcome{Outcome::Kind::kPermanent, "the code expired before it could be sent"});
  }
  if (context.options.demo && message->purpose == domain::OutboxPurpose::kSignInCode) {
    spdlog::warn("demo: the sign-in code text to {}: {}", message->recipient, message->body);
  }
  Outcome outcome;
  if (message->channel == domain::OutboxChannel::kSms) {
    LT_TRY_ASSIGN(outcome, AttemptSms(context, *message));
  } else if (message->channel == domain::OutboxChannel::kRobot) {
    LT_TRY_ASSIGN(outcome, AttemptRobot(context, *message));
  } else if (message->channel == domain::OutboxChannel::kWechat) {
    LT_TRY_ASSIGN(const auto by_wechat, AttemptWechat(context, *message));
    if (by_wechat) {
      outcome = *by_wechat;
    } else {
      // Outside WeChat's window, without a template: it became a text.
      LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
        LT_TRY_ASSIGN(message, storage::OutboxStore(connection).Find(id));
        return Ok();
      }));
      LT_TRY_ASSIGN(outcome, AttemptSms(context, *message));
    }
  } else {
    LT_TRY_ASSIGN(outcome, AttemptMail(context, *message));
  }
  if (outcome.kind == Outcome::Kind::kTemporary && last_attempt) {
    outcome.kind = Outcome::Kind::kPermanent;
  }
  return std::optional<Outcome>(outcome);
}

Status RecordOutboxAttempt(storage::Connection& connection, Id id,
                           const domain::SendOutcome& outcome, TimestampMs now) {
  using Kind = domain::SendOutcome::Kind;
  LT_TRY_ASSIGN(const auto message, storage::OutboxStore(connection).Find(id));
  if (!message || message->state != domain::Delivery::kQueued) return Ok();
  const domain::Delivery state = outcome.kind == Kind::kSent        ? domain::Delivery::kSent
                                 : outcome.kind == Kind::kPermanent ? domain::Delivery::kFailed
                                                                    : domain::Delivery::kQueued;
  LT_TRY(storage::OutboxStore(connection)
             .RecordAttempt(id, state, outcome.answer,
                            state == domain::Delivery::kSent ? std::optional<TimestampMs>(now)
                                                             : std::nullopt));
  if (message->interaction_id && state != domain::Delivery::kQueued) {
    LT_TRY(storage::InteractionStore(connection).SetDelivery(*message->interaction_id, state));
  }
  // A sign-in code is kept as text only until it is sent (or never will
  // be): whoever reads the store afterwards cannot sign in with it.
  if (message->purpose == domain::OutboxPurpose::kSignInCode &&
      state != domain::Delivery::kQueued) {
    LT_TRY(storage::OutboxStore(connection).ForgetBody(id));
  }
  if (message->case_id) LT_TRY(PublishOutboxChange(connection, *message->case_id, now));
  return Ok();
}

}  // namespace lt::app
