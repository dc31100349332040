#include "app/mail_filing.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "app/audit_trail.hpp"
#include "app/case_intake.hpp"
#include "app/cases.hpp"
#include "app/interactions.hpp"
#include "app/live_updates.hpp"
#include "app/outbox.hpp"
#include "base/utf8.hpp"
#include "domain/contact.hpp"
#include "domain/queue.hpp"
#include "storage/audit_store.hpp"
#include "storage/case_store.hpp"
#include "storage/change_feed.hpp"
#include "storage/connection.hpp"
#include "storage/customer_store.hpp"
#include "storage/interaction_store.hpp"
#include "storage/mail_message_store.hpp"
#include "storage/mailbox_store.hpp"
#include "storage/workflow_store.hpp"

namespace lt::app {
namespace {

constexpr std::size_t kMaxMailSubjectChars = 200;
// As CreateCase and AddInteraction take them.
constexpr std::size_t kMaxSenderNameChars = 200;
constexpr std::size_t kMaxTextChars = 100000;
// The open cases of a sender that the subject is compared with.
constexpr int kOpenCasesPerSender = 50;

// Text from a message as the timeline may hold it: control characters
// (a NUL in a broken body, form feeds) as spaces; tabs and line ends kept.
std::string Printable(std::string text) {
  for (char& c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r') || byte == 0x7F) c = ' ';
  }
  return text;
}

// `text` trimmed and cut to `max` code points, saying so where it is cut:
// a message is never refused for its length (the raw message holds it whole).
std::string Bounded(std::string_view text, std::size_t max) {
  std::string trimmed = TrimSpace(text);
  if (CountCodePoints(trimmed) <= max) return trimmed;
  const std::string note = "\n(Cut here: the whole message is attached.)";
  return TrimSpace(TruncateCodePoints(trimmed, max - CountCodePoints(note))) + note;
}

// What the store knew before the batch, read for all its messages at once.
struct Known {
  std::map<std::string, storage::MailMessage> seen;      // received, by Message-ID
  std::map<std::string, storage::MessageCase> cases_of;  // by Message-ID, either direction
  std::map<std::string, storage::MessageCase> naming;    // by the Message-ID a reply names
  std::map<std::string, domain::Case> numbered;          // by number
  std::map<domain::Id, domain::Case> cases;              // every case named above, by id
  std::map<std::string, domain::Id> customers;           // by normalised address
  std::map<domain::Id, std::vector<domain::Id>> open;    // a customer's, latest first
  std::map<std::string, std::optional<domain::Mailbox>> mailboxes;  // by name
};

// Cases by id or number (whichever `filter` names), into `into`.
Status LoadCases(storage::CaseStore& store, domain::CaseFilter filter,
                 std::map<domain::Id, domain::Case>& into, std::size_t wanted) {
  domain::CaseScope everything;
  everything.all = true;
  filter.limit = static_cast<int>(wanted);
  LT_TRY_ASSIGN(const auto found, store.List(filter, everything));
  for (const auto& a_case : found) into.emplace(a_case.id, a_case);
  return Ok();
}

Result<Known> ReadKnown(AppContext& context, storage::Connection& connection,
                        std::span<const IncomingMail* const> mails, TimestampMs now) {
  Known known;
  std::vector<std::string> message_ids, referenced, numbers;
  std::vector<domain::Contact> senders;
  std::set<std::string> addresses, mailbox_names;
  for (const IncomingMail* mail : mails) {
    if (!mail->message_id.empty()) message_ids.push_back(mail->message_id);
    referenced.insert(referenced.end(), mail->in_reply_to.begin(), mail->in_reply_to.end());
    referenced.insert(referenced.end(), mail->references.begin(), mail->references.end());
    if (auto number =
            domain::CaseNumberInSubject(mail->subject, context.options.case_number_prefix)) {
      numbers.push_back(std::move(*number));
    }
    if (auto address = domain::NormalizeEmail(mail->from_address);
        address && addresses.insert(*address).second) {
      senders.push_back({domain::ContactKind::kEmail, *address});
    }
    if (!mail->mailbox.empty()) mailbox_names.insert(mail->mailbox);
  }
  storage::MailMessageStore messages(connection);
  LT_TRY_ASSIGN(const auto seen, messages.FindMany("in", message_ids));
  for (const auto& message : seen) known.seen.emplace(message.message_id, message);
  LT_TRY_ASSIGN(known.cases_of, messages.CasesOf(referenced));
  LT_TRY_ASSIGN(known.naming, messages.CasesReferencing(message_ids));

  storage::CaseStore cases(connection);
  domain::CaseFilter by_id;
  for (const auto& message : seen) {
    if (message.case_id) by_id.ids.push_back(*message.case_id);
  }
  for (const auto* found : {&known.cases_of, &known.naming}) {
    for (const auto& [id, message_case] : *found) by_id.ids.push_back(message_case.case_id);
  }
  if (!by_id.ids.empty()) {
    const std::size_t wanted = by_id.ids.size();
    LT_TRY(LoadCases(cases, std::move(by_id), known.cases, wanted));
  }
  if (!numbers.empty()) {
    std::map<domain::Id, domain::Case> numbered;
    domain::CaseFilter by_number;
    by_number.numbers = numbers;
    LT_TRY(LoadCases(cases, std::move(by_number), numbered, numbers.size()));
    for (auto& [id, a_case] : numbered) {
      known.numbered.emplace(a_case.number, a_case);
      known.cases.emplace(id, std::move(a_case));
    }
  }

  if (!senders.empty() && context.options.mail_thread_window_ms > 0) {
    LT_TRY_ASSIGN(const auto owners, storage::CustomerStore(connection).FindByContacts(senders));
    domain::CaseFilter open;
    for (std::size_t index = 0; index < senders.size(); ++index) {
      if (!owners[index]) continue;
      known.customers.emplace(senders[index].value, *owners[index]);
      open.customer_ids.push_back(*owners[index]);
    }
    if (!open.customer_ids.empty()) {
      LT_TRY_ASSIGN(const storage::WorkflowPtr workflow, storage::WorkflowStore(connection).Load());
      open.statuses = domain::OpenStates(*workflow);
      open.received_from = now - context.options.mail_thread_window_ms;
      open.sort = {domain::CaseSortField::kReceivedAt, true};
      open.limit = kOpenCasesPerSender * static_cast<int>(open.customer_ids.size());
      domain::CaseScope everything;
      everything.all = true;
      LT_TRY_ASSIGN(const auto found, cases.List(open, everything));
      for (const auto& a_case : found) {
        auto& of_customer = known.open[a_case.customer_id];
        if (of_customer.size() < static_cast<std::size_t>(kOpenCasesPerSender)) {
          of_customer.push_back(a_case.id);
        }
        known.cases.emplace(a_case.id, a_case);
      }
    }
  }
  storage::MailboxStore mailboxes(connection);
  for (const auto& name : mailbox_names) {
    LT_TRY_ASSIGN(known.mailboxes[name], mailboxes.FindByName(name));
  }
  return known;
}

// Where a message of the batch goes.
struct Placement {
  MailThreading threading = MailThreading::kNone;
  std::optional<domain::Id> case_id;        // a case stored before the batch
  std::optional<std::size_t> opens;         // a case this message opens (index into the new ones)
  std::optional<std::size_t> opened_by;     // or the one an earlier message of the batch opened
  std::optional<std::size_t> duplicate_of;  // the earlier message of the batch with its Message-ID
  const storage::MailMessage* seen = nullptr;  // the message stored before with its Message-ID
  std::string sender;       // whose open cases it is compared with: a customer, or an address
  std::string subject_key;  // the normalised subject of the case it opens
  bool placed() const { return case_id || opens || opened_by; }
};

// What the earlier messages of the batch are known by.
struct Placed {
  std::map<std::string, std::size_t> by_message_id;  // its message
  std::map<std::string, std::size_t> naming;         // the latest message naming it
  std::map<std::string, std::vector<std::size_t>>
      opened_by_sender;  // the messages that opened cases
};

// The placement of `target`'s case for a message that joins it.
void JoinCaseOf(const Placement& target, std::size_t target_index, Placement& placement) {
  placement.case_id = target.case_id;
  placement.opened_by = target.opens ? std::optional(target_index) : target.opened_by;
}

// Steps 1 to 5 of mail_intake.hpp for one message, with what the store
// knew and what the batch placed before it.
Placement Place(const AppContext& context, const Known& known, const Placed& placed,
                const std::vector<Placement>& placements, const IncomingMail& mail) {
  Placement placement;
  if (!mail.message_id.empty()) {
    if (const auto earlier = placed.by_message_id.find(mail.message_id);
        earlier != placed.by_message_id.end()) {
      placement.threading = MailThreading::kDuplicate;
      placement.duplicate_of = earlier->second;
      return placement;
    }
    if (const auto seen = known.seen.find(mail.message_id); seen != known.seen.end()) {
      placement.threading = MailThreading::kDuplicate;
      placement.seen = &seen->second;
      return placement;
    }
  }
  const auto address = domain::NormalizeEmail(mail.from_address);
  if (address) {
    const auto customer = known.customers.find(*address);
    placement.sender = customer != known.customers.end()
                           ? "customer:" + std::to_string(customer->second)
                           : "address:" + *address;
  }
  // 2. The case number in the subject.
  if (const auto number =
          domain::CaseNumberInSubject(mail.subject, context.options.case_number_prefix)) {
    if (const auto found = known.numbered.find(*number); found != known.numbered.end()) {
      placement.threading = MailThreading::kCaseNumber;
      placement.case_id = found->second.id;
      return placement;
    }
  }
  // 3. The messages it answers: the latest of them on a case, those of the
  // batch being later than any stored.
  std::vector<std::string> answered = mail.in_reply_to;
  answered.insert(answered.end(), mail.references.begin(), mail.references.end());
  std::optional<std::size_t> latest_in_batch;
  std::optional<storage::MessageCase> latest_stored;
  for (const auto& id : answered) {
    if (const auto in_batch = placed.by_message_id.find(id);
        in_batch != placed.by_message_id.end() && placements[in_batch->second].placed()) {
      latest_in_batch = std::max(latest_in_batch.value_or(0), in_batch->second);
    }
    if (const auto stored = known.cases_of.find(id);
        stored != known.cases_of.end() && known.cases.contains(stored->second.case_id) &&
        (!latest_stored || *latest_stored < stored->second)) {
      latest_stored = stored->second;
    }
  }
  // A reply met before the message it answers (fetched out of order) names it.
  if (!latest_in_batch && !latest_stored && !mail.message_id.empty()) {
    if (const auto naming = placed.naming.find(mail.message_id); naming != placed.naming.end()) {
      latest_in_batch = naming->second;
    } else if (const auto stored = known.naming.find(mail.message_id);
               stored != known.naming.end() && known.cases.contains(stored->second.case_id)) {
      latest_stored = stored->second;
    }
  }
  if (latest_in_batch || latest_stored) {
    placement.threading = MailThreading::kReplyHeaders;
    if (latest_in_batch) {
      JoinCaseOf(placements[*latest_in_batch], *latest_in_batch, placement);
    } else {
      placement.case_id = latest_stored->case_id;
    }
    return placement;
  }
  // 4. The sender's open case with the same subject, the latest first.
  const std::string subject = domain::NormalizeMailSubject(mail.subject);
  if (address && !subject.empty() && context.options.mail_thread_window_ms > 0) {
    if (const auto opened = placed.opened_by_sender.find(placement.sender);
        opened != placed.opened_by_sender.end()) {
      for (auto index = opened->second.rbegin(); index != opened->second.rend(); ++index) {
        if (placements[*index].subject_key != subject) continue;
        placement.threading = MailThreading::kSenderAndSubject;
        placement.opened_by = *index;
        return placement;
      }
    }
    if (const auto customer = known.customers.find(*address); customer != known.customers.end()) {
      if (const auto open = known.open.find(customer->second); open != known.open.end()) {
        for (const domain::Id id : open->second) {
          if (domain::NormalizeMailSubject(known.cases.at(id).subject) != subject) continue;
          placement.threading = MailThreading::kSenderAndSubject;
          placement.case_id = id;
          return placement;
        }
      }
    }
  }
  return placement;
}

// The new case a message opens (step 5): its customer by address, with the
// department, category and language of the mailbox it came to.
CreateCaseInput CaseInputOf(const IncomingMail& mail,
                            const std::optional<domain::Mailbox>& mailbox) {
  CreateCaseInput input;
  input.type = domain::CaseType::kComplaint;
  input.channel = domain::Channel::kEmail;
  std::string subject = TrimSpace(Printable(mail.subject));
  subject = TruncateCodePoints(subject, kMaxMailSubjectChars);
  input.subject = subject.empty() ? "(e-mail without a subject)" : subject;
  const auto split = domain::SplitQuotedHistory(Printable(mail.text));
  input.description = Bounded(split.fresh.empty() ? input.subject : split.fresh, kMaxTextChars);
  CustomerInput customer;
  customer.name = TrimSpace(Printable(mail.from_name));
  if (customer.name.empty()) customer.name = Printable(mail.from_address);
  customer.name = TruncateCodePoints(TrimSpace(customer.name), kMaxSenderNameChars);
  if (customer.name.empty()) customer.name = "(unknown sender)";
  if (domain::NormalizeEmail(mail.from_address)) customer.emails = {mail.from_address};
  if (mailbox) {
    input.department_id = mailbox->department_id;
    input.category_id = mailbox->category_id;
    customer.language = mailbox->language;
  }
  input.customer = customer;
  return input;
}

// The timeline entry of a message on `a_case`.
domain::Interaction EntryOf(const IncomingMail& mail, const domain::Case& a_case, TimestampMs now) {
  domain::Interaction entry;
  entry.case_id = a_case.id;
  entry.direction = domain::Direction::kInbound;
  entry.channel = domain::Channel::kEmail;
  entry.visibility = domain::Visibility::kPublic;
  entry.author_customer_id = a_case.customer_id;
  entry.occurred_at = std::min(mail.date.value_or(now), now);
  entry.created_at = now;
  std::string body = Printable(mail.text);
  if (!mail.readable) body = "(This e-mail could not be read; the original is attached.)";
  if (mail.stored_parts) {
    for (const auto& name : mail.stored_parts->dropped) {
      body += "\n(Left out, too large: " + name + ")";
    }
    for (const auto& part : mail.stored_parts->kept) {
      entry.attachments.push_back(
          domain::Attachment{0, part.stored_sha256, part.filename, part.content_type,
                             static_cast<std::int64_t>(part.content.size())});
    }
  }
  if (TrimSpace(body).empty())
    body = mail.subject.empty() ? "(empty e-mail)" : Printable(mail.subject);
  entry.body = Bounded(body, kMaxTextChars);
  return entry;
}

}  // namespace

Result<std::vector<IngestedMail>> FileMails(AppContext& context, storage::Connection& connection,
                                            std::span<const IncomingMail* const> mails) {
  for (const IncomingMail* mail : mails) {
    if (!mail->stored_parts) return Error::Internal("a message's parts are not stored yet");
  }
  const TimestampMs now = context.clock.NowMs();
  LT_TRY_ASSIGN(const Known known, ReadKnown(context, connection, mails, now));

  // Each message placed, seeing the ones before it.
  std::vector<Placement> placements;
  placements.reserve(mails.size());
  Placed placed;
  std::vector<CreateCaseInput> case_inputs;
  std::vector<std::size_t> opening;  // the messages that open cases
  for (std::size_t index = 0; index < mails.size(); ++index) {
    const IncomingMail& mail = *mails[index];
    Placement placement = Place(context, known, placed, placements, mail);
    if (placement.threading == MailThreading::kNone &&
        (domain::OpensCase(mail.origin) || !mail.readable)) {
      const auto mailbox = known.mailboxes.find(mail.mailbox);
      case_inputs.push_back(
          CaseInputOf(mail, mailbox == known.mailboxes.end() ? std::nullopt : mailbox->second));
      placement.threading = MailThreading::kNewCase;
      placement.opens = opening.size();
      placement.subject_key = domain::NormalizeMailSubject(case_inputs.back().subject);
      opening.push_back(index);
      if (!placement.sender.empty()) placed.opened_by_sender[placement.sender].push_back(index);
    }
    if (placement.threading != MailThreading::kDuplicate) {
      if (!mail.message_id.empty()) placed.by_message_id.emplace(mail.message_id, index);
      if (placement.placed()) {
        for (const auto* ids : {&mail.in_reply_to, &mail.references}) {
          for (const auto& id : *ids) placed.naming[id] = index;
        }
      }
    }
    placements.push_back(std::move(placement));
  }

  // The new cases, filed together.
  const domain::Principal system = domain::Principal::System();
  const std::optional<IdempotencyKey> no_key;
  std::vector<NewCase> new_cases;
  new_cases.reserve(case_inputs.size());
  for (const auto& input : case_inputs) {
    LT_TRY_ASSIGN(NewCase new_case, PrepareNewCase(context, system, input, no_key));
    new_cases.push_back(std::move(new_case));
  }
  std::vector<NewCase*> filing;
  for (auto& new_case : new_cases) filing.push_back(&new_case);
  if (!filing.empty()) LT_TRY(FileCases(connection, filing));
  std::vector<domain::Case> opened;
  for (const NewCase& new_case : new_cases) {
    if (!new_case.outcome) return Error::Internal("a new case was left without an outcome");
    if (!new_case.outcome->ok()) return new_case.outcome->error();
    opened.push_back((*new_case.outcome)->a_case);
  }
  auto case_of = [&](const Placement& placement) -> const domain::Case* {
    if (placement.case_id) return &known.cases.at(*placement.case_id);
    if (placement.opens) return &opened[*placement.opens];
    if (placement.opened_by) return &opened[*placements[*placement.opened_by].opens];
    return nullptr;
  };

  // Their timeline entries, and the cases they touch.
  std::vector<domain::Interaction> entries;
  std::vector<std::size_t> entry_of(mails.size(), mails.size());
  std::map<domain::Id, const domain::Case*> touched;
  std::vector<domain::Id> earlier_cases;  // stored before the batch: updated now
  for (std::size_t index = 0; index < mails.size(); ++index) {
    const domain::Case* a_case = case_of(placements[index]);
    if (!a_case) continue;
    entry_of[index] = entries.size();
    entries.push_back(EntryOf(*mails[index], *a_case, now));
    if (touched.emplace(a_case->id, a_case).second && placements[index].case_id) {
      earlier_cases.push_back(a_case->id);
    }
  }
  LT_TRY(storage::InteractionStore(connection).InsertMany(entries));
  std::vector<domain::CaseEvent> events;
  events.reserve(entries.size());
  for (const auto& entry : entries)
    events.push_back(InteractionAddedEvent(entry, system.user_id, now));
  LT_TRY(storage::AuditStore(connection).AppendMany(events));
  std::vector<domain::CaseChange> changes;
  for (const auto& [id, a_case] : touched) {
    changes.push_back(ChangeOf(*a_case, "add_interaction", system.user_id, now));
  }
  LT_TRY(storage::PublishCaseChanges(connection, changes));

  // The outcomes, and the messages on record.
  std::vector<IngestedMail> outcomes(mails.size());
  std::vector<storage::MailMessage> records;
  for (std::size_t index = 0; index < mails.size(); ++index) {
    const IncomingMail& mail = *mails[index];
    const Placement& placement = placements[index];
    IngestedMail& outcome = outcomes[index];
    outcome.threading = placement.threading;
    if (placement.duplicate_of) {
      outcome = outcomes[*placement.duplicate_of];
      outcome.threading = MailThreading::kDuplicate;
      continue;
    }
    if (placement.seen) {
      outcome.case_id = placement.seen->case_id;
      outcome.interaction_id = placement.seen->interaction_id;
      outcome.flagged = placement.seen->flagged;
      if (placement.seen->case_id) {
        if (const auto a_case = known.cases.find(*placement.seen->case_id);
            a_case != known.cases.end()) {
          outcome.case_number = a_case->second.number;
        }
      }
      continue;
    }
    outcome.flagged = !mail.readable;
    if (const domain::Case* a_case = case_of(placement)) {
      outcome.case_id = a_case->id;
      outcome.case_number = a_case->number;
      outcome.interaction_id = entries[entry_of[index]].id;
    }
    storage::MailMessage& record = records.emplace_back();
    record.direction = "in";
    record.mailbox = mail.mailbox;
    record.message_id = mail.message_id;
    record.case_id = outcome.case_id;
    record.interaction_id = outcome.interaction_id;
    record.from_address = mail.from_address;
    record.subject = mail.subject;
    record.origin = std::string(domain::kMailOriginCodes.ToCode(mail.origin));
    record.flagged = outcome.flagged;
    record.received_at = now;
    record.referenced = mail.in_reply_to;
    record.referenced.insert(record.referenced.end(), mail.references.begin(),
                             mail.references.end());
  }
  LT_TRY(storage::MailMessageStore(connection).InsertMany(records));

  // The acknowledgement of receipt, for a person whose message opened a
  // case; never for automatic mail, so no loop can start.
  std::vector<MailAcknowledgement> acknowledgements;
  for (const std::size_t index : opening) {
    const IncomingMail& mail = *mails[index];
    if (!mail.readable || !domain::Answerable(mail.origin) || mail.from_address.empty()) continue;
    acknowledgements.push_back(
        {&opened[*placements[index].opens], {mail.from_name, mail.from_address}});
  }
  LT_TRY(QueueAcknowledgements(connection, acknowledgements, now));
  // Last: the rows of cases stored before stay locked until the commit, and
  // another node's batch touching the same cases waits for them.
  LT_TRY(storage::CaseStore(connection).TouchMany(earlier_cases, now));
  return outcomes;
}

}  // namespace lt::app
