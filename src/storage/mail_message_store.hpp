#pragma once

#include <optional>
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

class MailMessageStore {
 public:
  explicit MailMessageStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const MailMessage& message);
  // The message of this direction with this Message-ID, if stored.
  Result<std::optional<MailMessage>> Find(const std::string& direction,
                                          const std::string& message_id);
  // The case of the latest message, in either direction, among `message_ids`.
  Result<std::optional<domain::Id>> CaseOfAny(const std::vector<std::string>& message_ids);
  // The case of the latest message that names `message_id` among its
  // references (a reply stored before the message it answers).
  Result<std::optional<domain::Id>> CaseReferencing(const std::string& message_id);
  Result<std::vector<MailMessage>> ListForCase(domain::Id case_id);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
