#pragma once

// A mailbox Lingting fetches customers' e-mail from over IMAP (issue 16),
// kept by administrators: where it is, how to log in, and what a case it
// opens gets (department, category, the new customer's language). Lingting
// remembers the folder's UIDVALIDITY and the last UID it stored, so that
// nothing is read twice or missed across restarts and node changes; one node
// at a time holds a mailbox (a lease on its row), renewed while it fetches.

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.hpp"
#include "domain/entities.hpp"
#include "domain/outbound_mail.hpp"

namespace lt::domain {

struct Mailbox {
  Id id = 0;
  std::string name;  // "service": on the timeline, and ingest-mail --mailbox
  MailServer server;
  std::string folder = "INBOX";
  std::optional<Id> department_id;  // a case it opens goes to this department
  std::optional<Id> category_id;
  std::string language = "zh-CN";  // of customers it creates
  bool active = true;
  // Where fetching stands.
  std::int64_t uid_validity = 0;  // 0 before the first fetch
  std::int64_t last_uid = 0;      // the highest UID stored
  std::optional<TimestampMs> last_fetch_at;
  std::string last_error;  // "" after a fetch that went well
  TimestampMs created_at = 0;
  TimestampMs updated_at = 0;
};

}  // namespace lt::domain
