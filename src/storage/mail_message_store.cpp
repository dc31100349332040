#include "storage/mail_message_store.hpp"

#include <algorithm>
#include <utility>

namespace lt::storage {
namespace {

// Message-IDs looked up by one statement (a power of two).
constexpr std::size_t kLookupsPerStatement = 64;

constexpr std::string_view kMailMessageColumns =
    "id, direction, mailbox, message_id, case_id, interaction_id, from_address, subject, origin, "
    "flagged, received_at";

MailMessage MailMessageFromRow(const Row& row) {
  MailMessage message;
  message.id = row.Int(0);
  message.direction = row.Text(1);
  message.mailbox = row.Text(2);
  message.message_id = row.Text(3);
  message.case_id = row.OptionalInt(4);
  message.interaction_id = row.OptionalInt(5);
  message.from_address = row.Text(6);
  message.subject = row.Text(7);
  message.origin = row.Text(8);
  message.flagged = row.Int(9) != 0;
  message.received_at = row.Int(10);
  return message;
}

}  // namespace

Result<domain::Id> MailMessageStore::Insert(const MailMessage& message) {
  domain::Id id = 0;
  LT_TRY(connection_.Query(
      "INSERT INTO mail_messages (direction, mailbox, message_id, case_id, interaction_id, "
      "from_address, subject, origin, flagged, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
      "$8, $9, $10) RETURNING id",
      {message.direction, message.mailbox, message.message_id, OptionalValue(message.case_id),
       OptionalValue(message.interaction_id), message.from_address, message.subject, message.origin,
       std::int64_t{message.flagged ? 1 : 0}, message.received_at},
      [&](const Row& row) { id = row.Int(0); }));
  for (const auto& referenced : message.referenced) {
    LT_TRY(connection_.Execute(
        "INSERT INTO mail_references (mail_message_id, referenced_id) VALUES ($1, $2)",
        {id, referenced}));
  }
  return id;
}

Result<std::optional<domain::Id>> MailMessageStore::CaseReferencing(const std::string& message_id) {
  std::optional<domain::Id> case_id;
  LT_TRY(connection_.Query(
      "SELECT m.case_id FROM mail_references r JOIN mail_messages m ON m.id = r.mail_message_id "
      "WHERE r.referenced_id = $1 AND m.case_id IS NOT NULL ORDER BY m.received_at DESC, m.id DESC "
      "LIMIT 1",
      {message_id}, [&](const Row& row) { case_id = row.Int(0); }));
  return case_id;
}

Result<std::optional<MailMessage>> MailMessageStore::Find(const std::string& direction,
                                                          const std::string& message_id) {
  std::optional<MailMessage> found;
  LT_TRY(connection_.Query("SELECT " + std::string(kMailMessageColumns) +
                               " FROM mail_messages WHERE message_id = $1 AND direction = $2"
                               // as the unique index's own condition, so that it is used
                               " AND message_id <> ''",
                           {message_id, direction},
                           [&](const Row& row) { found = MailMessageFromRow(row); }));
  return found;
}

Result<std::optional<domain::Id>> MailMessageStore::CaseOfAny(
    const std::vector<std::string>& message_ids) {
  std::vector<std::string> wanted = message_ids;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  if (wanted.empty()) return std::optional<domain::Id>();
  // The latest of the few messages found, picked here: with ORDER BY and
  // LIMIT in the query, PostgreSQL would walk all mail in received_at order
  // looking for them.
  std::optional<domain::Id> case_id;
  std::pair<TimestampMs, domain::Id> latest{0, 0};
  for (std::size_t first = 0; first < wanted.size(); first += kLookupsPerStatement) {
    const std::size_t count = std::min(kLookupsPerStatement, wanted.size() - first);
    // One index lookup per id: as "message_id IN (...)", PostgreSQL takes a
    // scan of the whole table for cheaper until it is large. As many
    // lookups as the next power of two, the last id repeated: a few
    // statements for every length of References, each used often enough to
    // keep a good plan (PgConnection).
    std::size_t places = 1;
    while (places < count) places *= 2;
    SqlParams params;
    std::string sql;
    for (std::size_t place = 0; place < places; ++place) {
      params.push_back(wanted[first + std::min(place, count - 1)]);
      sql +=
          (sql.empty() ? "" : " UNION ALL ") +
          std::string("SELECT case_id, received_at, id FROM mail_messages WHERE message_id = $") +
          std::to_string(params.size()) + " AND message_id <> '' AND case_id IS NOT NULL";
    }
    LT_TRY(connection_.Query(sql, params, [&](const Row& row) {
      const std::pair<TimestampMs, domain::Id> when{row.Int(1), row.Int(2)};
      if (!case_id || when > latest) {
        case_id = row.Int(0);
        latest = when;
      }
    }));
  }
  return case_id;
}

Result<std::vector<MailMessage>> MailMessageStore::ListForCase(domain::Id case_id) {
  std::vector<MailMessage> messages;
  LT_TRY(connection_.Query("SELECT " + std::string(kMailMessageColumns) +
                               " FROM mail_messages WHERE case_id = $1 ORDER BY id",
                           {case_id},
                           [&](const Row& row) { messages.push_back(MailMessageFromRow(row)); }));
  return messages;
}

}  // namespace lt::storage
