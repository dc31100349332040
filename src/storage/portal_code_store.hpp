#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "domain/portal_code.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The portal's one-time codes (migrations/*/0025_portal.sql).
class PortalCodeStore {
 public:
  explicit PortalCodeStore(Connection& connection) : connection_(connection) {}

  // Makes the code requests of every node wait for this transaction's end,
  // so that the counts a request checks its limits against stay true until
  // it has stored its code. Call first in the transaction.
  Status LockRequests();
  Status Insert(domain::PortalCode& code);
  // Codes of `purpose` asked for `address` at or after `since`.
  Result<std::int64_t> CountForAddress(domain::PortalCodePurpose purpose,
                                       const std::string& address, TimestampMs since);
  // Codes of any purpose asked for by `client_address` at or after `since`.
  Result<std::int64_t> CountForClient(const std::string& client_address, TimestampMs since);
  // The latest code of `purpose` for `address` (used or not).
  Result<std::optional<domain::PortalCode>> FindLatest(domain::PortalCodePurpose purpose,
                                                       const std::string& address);
  // The binding codes with this hash, newest first, the first only.
  Result<std::optional<domain::PortalCode>> FindByHash(const std::string& code_hash);
  Status RecordFailure(domain::Id id);
  // Marks the code used; false when it was used already (by a concurrent try).
  Result<bool> MarkUsed(domain::Id id, TimestampMs at);
  // Forgets codes that expired before `before`; returns how many.
  Result<std::int64_t> DeleteExpiredBefore(TimestampMs before);

 private:
  Result<std::optional<domain::PortalCode>> FindOne(const std::string& where,
                                                    const SqlParams& params);
  Connection& connection_;
};

}  // namespace lt::storage
