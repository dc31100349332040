#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// A message received or sent by e-mail (migrations/*/0017_mail_messages.sql).
struct MailMessage {
  domain::Id id = 0;
  std::string direction;  // "in" or "out"
  std::string mailbox;
  std::string message_id;
  std::optional<domain::Id> case_id;
  std::optional<domain::Id> interaction_id;
  std::string from_address;
  std::string subject;
  std::string origin;  // domain::kMailOriginCodes
  bool flagged = false;
  TimestampMs received_at = 0;
  std::vector<std::string> referenced;  // In-Reply-To and References, as written
};

// The case a stored message is on, and when it was stored: of several
// messages, the latest (received_at, then id) counts.
struct MessageCase {
  domain::Id case_id = 0;
  TimestampMs received_at = 0;
  domain::Id id = 0;  // the message's row
  bool operator<(const MessageCase& other) const {
    return std::pair(received_at, id) < std::pair(other.received_at, other.id);
  }
};

class MailMessageStore {
 public:
  explicit MailMessageStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const MailMessage& message);
  // Inserts `messages` with their references, a statement per table for
  // many of them, and sets their ids.
  Status InsertMany(std::span<MailMessage> messages);
  // The messages of this direction stored with any of these Message-IDs.
  Result<std::vector<MailMessage>> FindMany(const std::string& direction,
                                            const std::vector<std::string>& message_ids);
  // For each of `message_ids` that a message on a case has (in either
  // direction): the latest such message's case.
  Result<std::map<std::string, MessageCase>> CasesOf(const std::vector<std::string>& message_ids);
  // For each of `message_ids`: the case of the latest message on a case that
  // names it among its references (a reply stored before the message it
  // answers), when there is one.
  Result<std::map<std::string, MessageCase>> CasesReferencing(
      const std::vector<std::string>& message_ids);
  Result<std::vector<MailMessage>> ListForCase(domain::Id case_id);
  // The same for several cases, by case (cases without mail are left out).
  Result<std::map<domain::Id, std::vector<MailMessage>>> ListForCases(
      std::span<const domain::Id> case_ids);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
