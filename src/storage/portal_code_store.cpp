#include "storage/portal_code_store.hpp"

namespace lt::storage {
namespace {

// The lock code requests take (any constant; the migration lock is another).
constexpr std::int64_t kCodeRequestLock = 0x4c54'636f'6465;  // "LTcode"

std::string PurposeCode(domain::PortalCodePurpose purpose) {
  return std::string(domain::kPortalCodePurposeCodes.ToCode(purpose));
}

}  // namespace

Status PortalCodeStore::LockRequests() { return connection_.LockUntilCommit(kCodeRequestLock); }

Status PortalCodeStore::Insert(domain::PortalCode& code) {
  return connection_.Query(
      "INSERT INTO portal_codes (purpose, address, customer_id, code_hash, client_address, "
      "created_at, expires_at, failed_attempts) VALUES ($1, $2, $3, $4, $5, $6, $7, 0) "
      "RETURNING id",
      {PurposeCode(code.purpose), code.address, OptionalValue(code.customer_id), code.code_hash,
       code.client_address, code.created_at, code.expires_at},
      [&](const Row& row) { code.id = row.Int(0); });
}

Result<std::int64_t> PortalCodeStore::CountForAddress(domain::PortalCodePurpose purpose,
                                                      const std::string& address,
                                                      TimestampMs since) {
  return connection_.QueryInt(
      "SELECT COUNT(*) FROM portal_codes WHERE purpose = $1 AND address = $2 AND created_at >= $3",
      {PurposeCode(purpose), address, since});
}

Result<std::int64_t> PortalCodeStore::CountForClient(const std::string& client_address,
                                                     TimestampMs since) {
  return connection_.QueryInt(
      "SELECT COUNT(*) FROM portal_codes WHERE client_address = $1 AND created_at >= $2",
      {client_address, since});
}

Result<std::optional<domain::PortalCode>> PortalCodeStore::FindOne(const std::string& where,
                                                                   const SqlParams& params) {
  std::optional<domain::PortalCode> found;
  LT_TRY(connection_.Query(
      "SELECT id, purpose, address, customer_id, code_hash, client_address, created_at, "
      "expires_at, failed_attempts, used_at FROM portal_codes WHERE " +
          where + " ORDER BY id DESC LIMIT 1",
      params, [&](const Row& row) {
        domain::PortalCode code;
        code.id = row.Int(0);
        code.purpose = domain::kPortalCodePurposeCodes.FromCode(row.Text(1))
                           .value_or(domain::PortalCodePurpose::kSignIn);
        code.address = row.Text(2);
        code.customer_id = row.OptionalInt(3);
        code.code_hash = row.Text(4);
        code.client_address = row.Text(5);
        code.created_at = row.Int(6);
        code.expires_at = row.Int(7);
        code.failed_attempts = static_cast<int>(row.Int(8));
        code.used_at = row.OptionalInt(9);
        found = std::move(code);
      }));
  return found;
}

Result<std::optional<domain::PortalCode>> PortalCodeStore::FindLatest(
    domain::PortalCodePurpose purpose, const std::string& address) {
  return FindOne("purpose = $1 AND address = $2", {PurposeCode(purpose), address});
}

Result<std::optional<domain::PortalCode>> PortalCodeStore::FindByHash(
    const std::string& code_hash) {
  return FindOne("code_hash = $1", {code_hash});
}

Status PortalCodeStore::RecordFailure(domain::Id id) {
  LT_TRY(connection_.Execute(
      "UPDATE portal_codes SET failed_attempts = failed_attempts + 1 WHERE id = $1", {id}));
  return Ok();
}

Result<bool> PortalCodeStore::MarkUsed(domain::Id id, TimestampMs at) {
  LT_TRY_ASSIGN(
      const auto changed,
      connection_.Execute("UPDATE portal_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL",
                          {id, at}));
  return changed == 1;
}

Result<std::int64_t> PortalCodeStore::DeleteExpiredBefore(TimestampMs before) {
  return connection_.Execute("DELETE FROM portal_codes WHERE expires_at < $1", {before});
}

}  // namespace lt::storage
