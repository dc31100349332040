#pragma once

// The port through which Lingting reads a mailbox (issue 16); the mail
// adapter (mail/imap_client) implements it over IMAP, so that the use cases
// know no IMAP library.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/outbound_mail.hpp"

namespace lt::domain {

struct MailFolderState {
  std::uint32_t uid_validity = 0;
  std::uint32_t uid_next = 0;
  std::uint32_t messages = 0;
};

struct FetchedMail {
  std::uint32_t uid = 0;
  std::string raw;
};

// A logged-in session. Errors: kUnavailable with what the server answered or
// what went wrong as the detail.
class MailboxSession {
 public:
  virtual ~MailboxSession() = default;
  // Opens `folder` read-only.
  virtual Result<MailFolderState> Examine(const std::string& folder) = 0;
  // The UIDs above `uid` in the examined folder, in increasing order.
  virtual Result<std::vector<std::uint32_t>> UidsAbove(std::uint32_t uid) = 0;
  // The raw messages of `uids` (those still there), in increasing UID order.
  virtual Result<std::vector<FetchedMail>> Fetch(const std::vector<std::uint32_t>& uids) = 0;
  virtual bool CanIdle() const = 0;
  // Waits up to `timeout` for the server to announce new mail (IMAP IDLE);
  // true when it did. Gives up early, within a quarter second, once
  // `stop_requested` says so.
  virtual Result<bool> Idle(std::chrono::milliseconds timeout,
                            const std::function<bool()>& stop_requested) = 0;
};

class MailboxConnector {
 public:
  virtual ~MailboxConnector() = default;
  // Connects, secures and logs in. Errors: kUnavailable (with the answer).
  virtual Result<std::unique_ptr<MailboxSession>> Connect(const MailServer& server) = 0;
};

}  // namespace lt::domain
