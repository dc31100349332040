#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "domain/mailbox.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Mailboxes and where their fetching stands (migrations/*/0019_mailboxes.sql).
class MailboxStore {
 public:
  explicit MailboxStore(Connection& connection) : connection_(connection) {}

  Result<std::vector<domain::Mailbox>> List();
  Result<std::optional<domain::Mailbox>> Find(domain::Id id);
  Result<std::optional<domain::Mailbox>> FindByName(const std::string& name);
  // Inserts (id 0, set on return) or updates the settings (not the progress).
  Status Save(domain::Mailbox& mailbox);
  Result<bool> Remove(domain::Id id);

  // Takes or renews the fetching lease of mailbox `id` for `node` until
  // `until`; false when another node holds it.
  Result<bool> Claim(domain::Id id, const std::string& node, TimestampMs now, TimestampMs until);
  // Lets it go at once (a node stopping).
  Status Release(domain::Id id, const std::string& node);
  // Where fetching stands after a message (or a fetch) went well, for the
  // node that holds the lease; false when it lost the lease.
  Result<bool> RecordProgress(domain::Id id, const std::string& node, std::int64_t uid_validity,
                              std::int64_t last_uid, TimestampMs now);
  Status RecordError(domain::Id id, const std::string& error, TimestampMs now);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
