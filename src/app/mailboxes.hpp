#pragma once

// Mailboxes Lingting fetches over IMAP (issue 16): kept by administrators
// (the password write-only, as for SMTP; every change audited without it),
// tested from the console, and fetched by the mailbox fetcher
// (jobs/mailbox_fetcher): each new message, by UID above the last one
// stored, goes through the same intake as direct delivery (IngestRawMail)
// and the mailbox's place is recorded after each, so that a node stopped
// half-way resumes where it was and the same Message-ID is stored once.

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/mailbox.hpp"

namespace lt::app {

struct MailboxView {
  domain::Mailbox mailbox;  // password blank
  bool password_set = false;
};

struct MailboxInput {
  std::string name;
  domain::MailServer server;            // password ignored
  std::optional<std::string> password;  // nullopt: keep the stored one
  std::string folder = "INBOX";
  std::optional<domain::Id> department_id;
  std::optional<domain::Id> category_id;
  std::string language = "zh-CN";
  bool active = true;
};

// Admins only. Errors: kForbidden; kNotFound (id); kInvalidArgument naming
// the field; kConflict when the name is taken.
Result<std::vector<MailboxView>> ListMailboxes(AppContext& context,
                                               const domain::Principal& principal);
Result<MailboxView> CreateMailbox(AppContext& context, const domain::Principal& principal,
                                  const MailboxInput& input);
Result<MailboxView> UpdateMailbox(AppContext& context, const domain::Principal& principal,
                                  domain::Id id, const MailboxInput& input);
Status DeleteMailbox(AppContext& context, const domain::Principal& principal, domain::Id id);

// Connects and logs in as fetching would, opens the folder and says how
// many messages it holds (the stored mailbox, with `input` when given).
struct MailboxTestResult {
  bool ok = false;
  std::string answer;  // what went wrong
  std::int64_t messages = 0;
  bool idle = false;  // the server offers IDLE
};
Result<MailboxTestResult> TestMailbox(AppContext& context, const domain::Principal& principal,
                                      std::optional<domain::Id> id,
                                      const std::optional<MailboxInput>& input);

// For the fetcher. The active mailboxes, and one of them (nullopt when it
// was switched off or deleted).
Result<std::vector<domain::Mailbox>> ActiveMailboxes(AppContext& context);
Result<std::optional<domain::Mailbox>> ActiveMailbox(AppContext& context, domain::Id id);
// Takes or renews mailbox `id`'s lease for `node`; false when another holds it.
Result<bool> ClaimMailbox(AppContext& context, domain::Id id, const std::string& node,
                          std::int64_t lease_ms);
Status ReleaseMailbox(AppContext& context, domain::Id id, const std::string& node);
// Shown on the mailbox until a fetch goes well ("cannot connect: ...").
Status RecordMailboxError(AppContext& context, domain::Id id, const std::string& error);

// Stores every message above the mailbox's last UID (all of them when the
// folder's UIDVALIDITY changed), oldest first, fifty to a commit with the
// place after them. Returns how many were stored; stops early (kConflict
// "error.mailbox_lease_lost") when another node took the mailbox over.
// A failure is also recorded as the mailbox's last error.
Result<int> FetchNewMail(AppContext& context, const domain::Mailbox& mailbox,
                         domain::MailboxSession& session, const std::string& node);

}  // namespace lt::app
