#include "app/mail_intake.hpp"

#include <algorithm>

#include "app/cases.hpp"
#include "app/field_rules.hpp"
#include "app/interactions.hpp"
#include "app/outbox.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/queue.hpp"
#include "storage/attachment_files.hpp"
#include "storage/case_store.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/database.hpp"
#include "storage/mail_message_store.hpp"
#include "storage/mailbox_store.hpp"
#include "storage/transaction_database.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxMailSubjectChars = 200;

// Text from a message as the timeline may hold it: control characters
// (a NUL in a broken body, form feeds) as spaces; tabs and line ends kept.
std::string Printable(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) c = ' ';
  }
  return text;
}

// A name a file may be stored under: the sender's, made safe, or a made-up one.
std::string SafeName(std::string name, std::size_t index, const std::string& content_type) {
  for (char& c : name) {
    if (c == '/' || c == '\\' || static_cast<unsigned char>(c) < 0x20) c = '_';
  }
  while (!name.empty() && (name.front() == '.' || name.front() == ' ')) name.erase(0, 1);
  if (name.size() > 200) name = name.substr(name.size() - 200);
  if (!name.empty() && IsSafeFilename(name)) return name;
  const std::string extension = content_type == "message/rfc822" ? ".eml" : ".bin";
  return "attachment-" + std::to_string(index + 1) + extension;
}

// The message's parts as attachments the timeline can keep, and the raw
// message itself: types outside the allowed list kept as bytes to download,
// parts over the size limit left out and said so in `dropped` (the raw
// message, kept whatever its size, still holds them).
MailParts Attachments(const AppOptions& options, const IncomingMail& mail) {
  MailParts parts;
  std::vector<AttachmentInput>& kept = parts.kept;
  std::vector<std::string>& dropped = parts.dropped;
  auto keep = [&](AttachmentInput part) {
    if (static_cast<std::int64_t>(part.content.size()) > options.max_attachment_bytes ||
        static_cast<int>(kept.size()) + 1 >= options.max_attachments_per_interaction) {
      dropped.push_back(part.filename);
      return;
    }
    if (!options.allowed_content_types.contains(part.content_type) ||
        !ContentMatchesType(part.content, part.content_type)) {
      part.content_type = "application/octet-stream";
    }
    kept.push_back(std::move(part));
  };
  for (std::size_t i = 0; i < mail.attachments.size(); ++i) {
    AttachmentInput part = mail.attachments[i];
    part.filename = SafeName(part.filename, i, part.content_type);
    keep(std::move(part));
  }
  // The raw message last, always, whatever its size (the parts left out
  // are in it): it can be downloaded whatever was read from it.
  AttachmentInput raw{"message.eml", "message/rfc822", mail.raw};
  raw.original = true;
  kept.push_back(std::move(raw));
  return parts;
}

struct Thread {
  std::optional<domain::Case> a_case;
  MailThreading threading = MailThreading::kNone;
};

// Steps 2 to 4 of the header comment, in one read.
Result<Thread> FindThread(AppContext& context, const IncomingMail& mail, TimestampMs now) {
  Thread thread;
  LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
    storage::CaseStore cases(connection);
    if (const auto number =
            domain::CaseNumberInSubject(mail.subject, context.options.case_number_prefix)) {
      LT_TRY_ASSIGN(thread.a_case, cases.FindByNumber(*number));
      if (thread.a_case) {
        thread.threading = MailThreading::kCaseNumber;
        return Ok();
      }
    }
    storage::MailMessageStore messages(connection);
    std::vector<std::string> ids = mail.in_reply_to;
    ids.insert(ids.end(), mail.references.begin(), mail.references.end());
    LT_TRY_ASSIGN(auto related, messages.CaseOfAny(ids));
    // A reply stored before this message (fetched out of order) names it.
    if (!related && !mail.message_id.empty()) {
      LT_TRY_ASSIGN(related, messages.CaseReferencing(mail.message_id));
    }
    if (related) {
      LT_TRY_ASSIGN(thread.a_case, cases.Find(*related));
      if (thread.a_case) {
        thread.threading = MailThreading::kReplyHeaders;
        return Ok();
      }
    }
    const auto address = domain::NormalizeEmail(mail.from_address);
    if (!address || context.options.mail_thread_window_ms <= 0) return Ok();
    LT_TRY_ASSIGN(
        const auto customer,
        storage::CustomerStore(connection).FindByContact({domain::ContactKind::kEmail, *address}));
    if (!customer) return Ok();
    LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
    domain::CaseFilter filter;
    filter.customer_id = *customer;
    filter.statuses = domain::OpenStates(*workflow);
    filter.received_from = now - context.options.mail_thread_window_ms;
    filter.sort = {domain::CaseSortField::kReceivedAt, true};
    filter.limit = 50;
    domain::CaseScope everything;
    everything.all = true;
    LT_TRY_ASSIGN(const auto open, cases.List(filter, everything));
    const std::string subject = domain::NormalizeMailSubject(mail.subject);
    for (const auto& candidate : open) {
      if (!subject.empty() && domain::NormalizeMailSubject(candidate.subject) == subject) {
        thread.a_case = candidate;
        thread.threading = MailThreading::kSenderAndSubject;
        break;
      }
    }
    return Ok();
  }));
  return thread;
}

// A new case for the message: the customer the address belongs to, or a new
// one; the Message-ID as the idempotency key, so that a message ingested
// again after a crash finds the case it opened.
Result<domain::Case> OpenCase(AppContext& context, const IncomingMail& mail) {
  CreateCaseInput input;
  input.type = domain::CaseType::kComplaint;
  input.channel = domain::Channel::kEmail;
  std::string subject = TrimSpace(Printable(mail.subject));
  subject = TruncateCodePoints(subject, kMaxMailSubjectChars);
  input.subject = subject.empty() ? "(e-mail without a subject)" : subject;
  const auto split = domain::SplitQuotedHistory(Printable(mail.text));
  input.description = split.fresh.empty() ? input.subject : split.fresh;
  CustomerInput customer;
  customer.name = TrimSpace(Printable(mail.from_name));
  if (customer.name.empty()) customer.name = Printable(mail.from_address);
  if (customer.name.empty()) customer.name = "(unknown sender)";
  if (domain::NormalizeEmail(mail.from_address)) customer.emails = {mail.from_address};
  // A mailbox administrators keep gives its cases a department, a category
  // and its new customers a language.
  if (!mail.mailbox.empty()) {
    std::optional<domain::Mailbox> mailbox;
    LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(mailbox, storage::MailboxStore(connection).FindByName(mail.mailbox));
      return Ok();
    }));
    if (mailbox) {
      input.department_id = mailbox->department_id;
      input.category_id = mailbox->category_id;
      customer.language = mailbox->language;
    }
  }
  input.customer = customer;
  std::optional<IdempotencyKey> key;
  if (!mail.message_id.empty())
    key = IdempotencyKey{"mail:" + mail.message_id, "mail:" + mail.message_id};
  LT_TRY_ASSIGN(auto created, CreateCase(context, domain::Principal::System(), input, key));
  return std::move(created.a_case);
}

}  // namespace

Result<IngestedMail> IngestMail(AppContext& context, const IncomingMail& mail) {
  const TimestampMs now = context.clock.NowMs();
  IngestedMail outcome;
  outcome.flagged = !mail.readable;
  if (!mail.message_id.empty()) {
    std::optional<storage::MailMessage> seen;
    LT_TRY(context.database.Read([&](storage::Connection& connection) -> Status {
      LT_TRY_ASSIGN(seen, storage::MailMessageStore(connection).Find("in", mail.message_id));
      if (!seen || !seen->case_id) return Ok();
      LT_TRY_ASSIGN(const auto a_case, storage::CaseStore(connection).Find(*seen->case_id));
      if (a_case) outcome.case_number = a_case->number;
      return Ok();
    }));
    if (seen) {
      outcome.case_id = seen->case_id;
      outcome.interaction_id = seen->interaction_id;
      outcome.threading = MailThreading::kDuplicate;
      outcome.flagged = seen->flagged;
      return outcome;
    }
  }
  LT_TRY_ASSIGN(Thread thread, FindThread(context, mail, now));
  if (!thread.a_case && (domain::OpensCase(mail.origin) || !mail.readable)) {
    LT_TRY_ASSIGN(thread.a_case, OpenCase(context, mail));
    thread.threading = MailThreading::kNewCase;
  }
  outcome.threading = thread.threading;

  std::optional<domain::Interaction> added;
  if (thread.a_case) {
    MailParts parts = mail.stored_parts ? *mail.stored_parts : Attachments(context.options, mail);
    InteractionInput input;
    input.direction = domain::Direction::kInbound;
    input.channel = domain::Channel::kEmail;
    input.visibility = domain::Visibility::kPublic;
    input.author_customer_id = thread.a_case->customer_id;
    input.attachments = std::move(parts.kept);
    input.occurred_at = std::min(mail.date.value_or(now), now);
    std::string body = Printable(mail.text);
    if (!mail.readable) body = "(This e-mail could not be read; the original is attached.)";
    for (const auto& name : parts.dropped) body += "\n(Left out, too large: " + name + ")";
    if (TrimSpace(body).empty())
      body = mail.subject.empty() ? "(empty e-mail)" : Printable(mail.subject);
    input.body = body;
    LT_TRY_ASSIGN(added,
                  AddInteraction(context, domain::Principal::System(), thread.a_case->id, input));
    outcome.case_id = thread.a_case->id;
    outcome.case_number = thread.a_case->number;
    outcome.interaction_id = added->id;
  }
  storage::MailMessage stored;
  stored.direction = "in";
  stored.mailbox = mail.mailbox;
  stored.message_id = mail.message_id;
  stored.case_id = outcome.case_id;
  stored.interaction_id = outcome.interaction_id;
  stored.from_address = mail.from_address;
  stored.subject = mail.subject;
  stored.origin = std::string(domain::kMailOriginCodes.ToCode(mail.origin));
  stored.flagged = outcome.flagged;
  stored.received_at = now;
  stored.referenced = mail.in_reply_to;
  stored.referenced.insert(stored.referenced.end(), mail.references.begin(), mail.references.end());
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    // A second copy delivered at the same moment: the first one stored wins.
    if (!stored.message_id.empty()) {
      LT_TRY_ASSIGN(const auto seen,
                    storage::MailMessageStore(connection).Find("in", stored.message_id));
      if (seen) return Ok();
    }
    LT_TRY(storage::MailMessageStore(connection).Insert(stored));
    // The acknowledgement of receipt, for a person whose message opened a
    // case; never for automatic mail, so no loop can start.
    if (outcome.threading == MailThreading::kNewCase && mail.readable &&
        domain::Answerable(mail.origin) && !mail.from_address.empty()) {
      LT_TRY(QueueAcknowledgement(connection, *thread.a_case, {mail.from_name, mail.from_address},
                                  now));
    }
    return Ok();
  }));
  return outcome;
}

Result<IngestedMail> IngestRawMail(AppContext& context, const std::string& mailbox,
                                   std::string raw) {
  if (!context.mail_reader) return Error::Internal("no MIME reader in this process");
  IncomingMail mail = context.mail_reader->Read(std::move(raw));
  mail.mailbox = mailbox;
  return IngestMail(context, mail);
}

Result<std::vector<IncomingMail>> ReadMailBatch(AppContext& context, const std::string& mailbox,
                                                std::vector<std::string> raws) {
  if (!context.mail_reader) return Error::Internal("no MIME reader in this process");
  std::vector<IncomingMail> mails;
  mails.reserve(raws.size());
  for (auto& raw : raws) {
    mails.push_back(context.mail_reader->Read(std::move(raw)));
    mails.back().mailbox = mailbox;
  }
  // The bodies on disk, with one flush for all of them (an fsync each would
  // cost more than the rest), and the parts kept with their hashes.
  for (auto& mail : mails) {
    MailParts parts = Attachments(context.options, mail);
    for (auto& part : parts.kept) {
      LT_TRY_ASSIGN(part.stored_sha256,
                    context.files.Put(part.content, storage::FileSync::kDeferred));
    }
    mail.stored_parts = std::move(parts);
  }
  LT_TRY(context.files.SyncAll());
  return mails;
}

Result<MailOutcomes> StoreMailBatch(AppContext& context, const std::vector<IncomingMail>& mails,
                                    const MailBatchEnd& then, MailFailure on_failure) {
  MailOutcomes outcomes;
  LT_TRY(context.database.Write([&](storage::Connection& connection) -> Status {
    outcomes.clear();  // a write tried again starts over
    storage::TransactionDatabase batch_database(connection, context.database);
    AppContext batch = ContextOn(context, batch_database);
    for (const auto& mail : mails) {
      std::optional<IngestedMail> ingested;
      // The message's writes as one: undone together when any of them (or
      // any read among them) fails, with one savepoint for them all.
      auto store = [&]() {
        return batch_database.Write([&](storage::Connection&) -> Status {
          LT_TRY_ASSIGN(ingested, IngestMail(batch, mail));
          return Ok();
        });
      };
      Status stored = store();
      // Another node stored the same message at the same moment (its
      // Message-ID is on the unique index now): tried again, the message is
      // found, and recorded as the duplicate it is.
      if (!stored.ok() && stored.error().code == ErrorCode::kConflict) stored = store();
      outcomes.push_back(stored.ok() ? Result<IngestedMail>(*std::move(ingested))
                                     : Result<IngestedMail>(stored.error()));
      if (!stored.ok() && on_failure == MailFailure::kStop) break;
    }
    return then ? then(connection, outcomes) : Ok();
  }));
  return outcomes;
}

Result<MailOutcomes> IngestRawMailBatch(AppContext& context, const std::string& mailbox,
                                        std::vector<std::string> raws, const MailBatchEnd& then,
                                        MailFailure on_failure) {
  LT_TRY_ASSIGN(const auto mails, ReadMailBatch(context, mailbox, std::move(raws)));
  return StoreMailBatch(context, mails, then, on_failure);
}

}  // namespace lt::app
