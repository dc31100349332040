#pragma once

// Reads a mailbox over IMAP with libetpan: TLS from the start or STARTTLS,
// the server's certificate chain checked with GnuTLS against the system's
// CAs (or a given CA file) and the host name, LOGIN, EXAMINE (read-only: the
// mailbox is left as the people who share it see it), UID SEARCH, UID FETCH
// BODY.PEEK[] in batches, and IDLE where the server offers it. One session
// per object; not thread-safe.

#include "domain/mailbox_reader.hpp"

namespace lt::mail {

class ImapConnector final : public domain::MailboxConnector {
 public:
  Result<std::unique_ptr<domain::MailboxSession>> Connect(
      const domain::MailServer& server) override;
};

}  // namespace lt::mail
