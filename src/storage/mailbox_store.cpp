#include "storage/mailbox_store.hpp"

namespace lt::storage {
namespace {

constexpr std::string_view kMailboxColumns =
    "id, name, host, port, security, verify_certificate, ca_file, username, password, "
    "timeout_seconds, folder, department_id, category_id, language, active, uid_validity, "
    "last_uid, last_fetch_at, last_error, created_at, updated_at";

domain::Mailbox MailboxFromRow(const Row& row) {
  domain::Mailbox mailbox;
  mailbox.id = row.Int(0);
  mailbox.name = row.Text(1);
  mailbox.server.host = row.Text(2);
  mailbox.server.port = static_cast<int>(row.Int(3));
  mailbox.server.security =
      domain::kMailSecurityCodes.FromCode(row.Text(4)).value_or(domain::MailSecurity::kTls);
  mailbox.server.verify_certificate = row.Int(5) != 0;
  mailbox.server.ca_file = row.Text(6);
  mailbox.server.username = row.Text(7);
  mailbox.server.password = row.Text(8);
  mailbox.server.timeout_seconds = static_cast<int>(row.Int(9));
  mailbox.folder = row.Text(10);
  mailbox.department_id = row.OptionalInt(11);
  mailbox.category_id = row.OptionalInt(12);
  mailbox.language = row.Text(13);
  mailbox.active = row.Int(14) != 0;
  mailbox.uid_validity = row.Int(15);
  mailbox.last_uid = row.Int(16);
  mailbox.last_fetch_at = row.OptionalInt(17);
  mailbox.last_error = row.Text(18);
  mailbox.created_at = row.Int(19);
  mailbox.updated_at = row.Int(20);
  return mailbox;
}

}  // namespace

Result<std::vector<domain::Mailbox>> MailboxStore::List() {
  std::vector<domain::Mailbox> mailboxes;
  LT_TRY(
      connection_.Query("SELECT " + std::string(kMailboxColumns) + " FROM mailboxes ORDER BY name",
                        {}, [&](const Row& row) { mailboxes.push_back(MailboxFromRow(row)); }));
  return mailboxes;
}

Result<std::optional<domain::Mailbox>> MailboxStore::Find(domain::Id id) {
  std::optional<domain::Mailbox> found;
  LT_TRY(
      connection_.Query("SELECT " + std::string(kMailboxColumns) + " FROM mailboxes WHERE id = $1",
                        {id}, [&](const Row& row) { found = MailboxFromRow(row); }));
  return found;
}

Result<std::optional<domain::Mailbox>> MailboxStore::FindByName(const std::string& name) {
  std::optional<domain::Mailbox> found;
  LT_TRY(connection_.Query(
      "SELECT " + std::string(kMailboxColumns) + " FROM mailboxes WHERE name = $1", {name},
      [&](const Row& row) { found = MailboxFromRow(row); }));
  return found;
}

Status MailboxStore::Save(domain::Mailbox& mailbox) {
  const domain::MailServer& server = mailbox.server;
  SqlParams params = {mailbox.name,
                      server.host,
                      std::int64_t{server.port},
                      std::string(domain::kMailSecurityCodes.ToCode(server.security)),
                      std::int64_t{server.verify_certificate ? 1 : 0},
                      server.ca_file,
                      server.username,
                      server.password,
                      std::int64_t{server.timeout_seconds},
                      mailbox.folder,
                      OptionalValue(mailbox.department_id),
                      OptionalValue(mailbox.category_id),
                      mailbox.language,
                      std::int64_t{mailbox.active ? 1 : 0},
                      mailbox.updated_at};
  if (mailbox.id == 0) {
    params.push_back(mailbox.created_at);
    LT_TRY(connection_.Query(
        "INSERT INTO mailboxes (name, host, port, security, verify_certificate, ca_file, "
        "username, password, timeout_seconds, folder, department_id, category_id, language, "
        "active, updated_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
        "$12, $13, $14, $15, $16) RETURNING id",
        params, [&](const Row& row) { mailbox.id = row.Int(0); }));
    return Ok();
  }
  params.push_back(mailbox.id);
  LT_TRY(connection_.Execute(
      "UPDATE mailboxes SET name = $1, host = $2, port = $3, security = $4, "
      "verify_certificate = $5, ca_file = $6, username = $7, password = $8, "
      "timeout_seconds = $9, folder = $10, department_id = $11, category_id = $12, "
      "language = $13, active = $14, updated_at = $15 WHERE id = $16",
      params));
  return Ok();
}

Result<bool> MailboxStore::Remove(domain::Id id) {
  LT_TRY_ASSIGN(const std::int64_t removed,
                connection_.Execute("DELETE FROM mailboxes WHERE id = $1", {id}));
  return removed > 0;
}

Result<bool> MailboxStore::Claim(domain::Id id, const std::string& node, TimestampMs now,
                                 TimestampMs until) {
  LT_TRY_ASSIGN(const std::int64_t claimed,
                connection_.Execute(
                    "UPDATE mailboxes SET fetch_node = $2, fetch_lease_until = $4 WHERE id = $1 "
                    "AND active = 1 AND (fetch_node = $2 OR fetch_lease_until < $3)",
                    {id, node, now, until}));
  return claimed > 0;
}

Status MailboxStore::Release(domain::Id id, const std::string& node) {
  LT_TRY(connection_.Execute(
      "UPDATE mailboxes SET fetch_node = '', fetch_lease_until = 0 WHERE id = $1 AND "
      "fetch_node = $2",
      {id, node}));
  return Ok();
}

Result<bool> MailboxStore::RecordProgress(domain::Id id, const std::string& node,
                                          std::int64_t uid_validity, std::int64_t last_uid,
                                          TimestampMs now) {
  LT_TRY_ASSIGN(const std::int64_t recorded,
                connection_.Execute(
                    "UPDATE mailboxes SET uid_validity = $3, last_uid = $4, last_fetch_at = $5, "
                    "last_error = '' WHERE id = $1 AND fetch_node = $2",
                    {id, node, uid_validity, last_uid, now}));
  return recorded > 0;
}

Status MailboxStore::RecordError(domain::Id id, const std::string& error, TimestampMs now) {
  LT_TRY(connection_.Execute(
      "UPDATE mailboxes SET last_error = $2, last_fetch_at = $3 WHERE id = $1", {id, error, now}));
  return Ok();
}

}  // namespace lt::storage
