#pragma once

// E-mail in: a message read by the MIME adapter (mail/) lands on the right
// case of the right customer, or opens a new case (issue 16). In order:
//   1. the same Message-ID again is stored once (the earlier outcome stands);
//   2. the case number in the subject ("[TS-2026-000123]");
//   3. In-Reply-To/References naming a message Lingting received or sent;
//   4. the sender's open case with the same subject, reply prefixes stripped,
//      received within AppOptions::mail_thread_window_ms (QQMail and some
//      Coremail send no threading headers);
//   5. otherwise a new case for the customer the address belongs to (created
//      when nobody has it).
// Auto-replies and bounces join the case they concern and never open one;
// list mail may (domain::OpensCase); none of them is ever answered. A message that could not be
// read still lands (a new case when nothing threads it) and is flagged for an agent; the raw
// message is always an attachment of the interaction.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/inputs.hpp"
#include "base/result.hpp"
#include "domain/mail_thread.hpp"

namespace lt::app {

// The parts of a message the timeline keeps (the raw message last) and the
// names of those left out, too large.
struct MailParts {
  std::vector<AttachmentInput> kept;
  std::vector<std::string> dropped;
};

struct IncomingMail {
  std::string mailbox;  // the mailbox it arrived in; "" for direct delivery
  std::string raw;      // the message as it arrived
  bool readable = true;
  std::string message_id;
  std::vector<std::string> in_reply_to;
  std::vector<std::string> references;
  std::string from_name;
  std::string from_address;
  std::string subject;
  std::optional<TimestampMs> date;
  std::string text;
  std::vector<AttachmentInput> attachments;  // as the message names them
  domain::MailOrigin origin = domain::MailOrigin::kPerson;
  std::vector<std::string> notes;  // what the adapter repaired
  // Set by ReadMailBatch: the parts with their bodies in the attachment
  // files already (stored_sha256), so that storing the message, on the
  // store's writer, neither sorts nor hashes them again.
  std::optional<MailParts> stored_parts;
};

enum class MailThreading {
  kDuplicate,
  kCaseNumber,
  kReplyHeaders,
  kSenderAndSubject,
  kNewCase,
  kNone
};

struct IngestedMail {
  std::optional<Id> case_id;  // none for automatic mail that concerns no case
  std::string case_number;
  std::optional<Id> interaction_id;
  MailThreading threading = MailThreading::kNone;
  bool flagged = false;  // an agent must look at it
};

// Errors: only the store's (a message is never refused for its content).
// A message arriving in a mailbox administrators keep (IncomingMail::mailbox
// names it) opens its case with the mailbox's department and category.
Result<IngestedMail> IngestMail(AppContext& context, const IncomingMail& mail);

// Reads a message as it arrived into what the intake takes: the port the
// MIME adapter (mail/) stands behind, wired by the runtime.
class MailReader {
 public:
  virtual ~MailReader() = default;
  virtual IncomingMail Read(std::string raw) const = 0;
};

// The raw message read by context.mail_reader, then IngestMail.
Result<IngestedMail> IngestRawMail(AppContext& context, const std::string& mailbox,
                                   std::string raw);

// Several raw messages stored together, in order, in one write transaction
// (a batch of `ingest-mail`, one fetch of a mailbox): each as IngestRawMail
// stores it, seeing the ones before it, at a fraction of the cost of a
// commit each. A message whose storing fails is undone alone and gets its
// error; the others commit together. `then`, when given, runs last in the
// same transaction with the outcomes (a mailbox records how far it has
// read); its error fails the whole batch.
// With MailFailure::kStop the batch ends at the first message that fails:
// the outcomes end with its error and the messages after it are not stored
// (a mailbox reads them again from the failed one on, so that none is
// stored twice).
// Errors: the store's, when the transaction could not commit; then none of
// the messages is stored.
using MailOutcomes = std::vector<Result<IngestedMail>>;
using MailBatchEnd = std::function<Status(storage::Connection&, const MailOutcomes&)>;
enum class MailFailure { kGoOn, kStop };
Result<MailOutcomes> IngestRawMailBatch(AppContext& context, const std::string& mailbox,
                                        std::vector<std::string> raws,
                                        const MailBatchEnd& then = {},
                                        MailFailure on_failure = MailFailure::kGoOn);

// IngestRawMailBatch's two halves, for a caller that reads the next batch
// while the last one is stored: the messages read (context.mail_reader) and
// their bodies on disk, flushed (and recorded, when in a pack), then stored.
// Thread-safe.
Result<std::vector<IncomingMail>> ReadMailBatch(AppContext& context, const std::string& mailbox,
                                                std::vector<std::string> raws);
Result<MailOutcomes> StoreMailBatch(AppContext& context, const std::vector<IncomingMail>& mails,
                                    const MailBatchEnd& then = {},
                                    MailFailure on_failure = MailFailure::kGoOn);

}  // namespace lt::app
