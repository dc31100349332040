#include "storage/mail_message_store.hpp"

#include <algorithm>
#include <functional>
#include <utility>

#include "storage/multi_row.hpp"

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

// Runs `lookup` (a SELECT of the rows of one Message-ID, given the
// placeholder of its parameter) for each of `message_ids`, as a UNION ALL of
// up to 64 in a statement, and calls `on_row` for each row. One index
// lookup per id: as "message_id IN (...)", PostgreSQL takes a scan of the
// whole table for cheaper until it is large. As many lookups as the next
// power of two, the last id repeated: a few statements for every number of
// ids, each used often enough to keep a good plan (PgConnection).
Status LookUpEach(Connection& connection, const std::vector<std::string>& message_ids,
                  const std::function<std::string(const std::string& placeholder)>& lookup,
                  const RowCallback& on_row) {
  std::vector<std::string> wanted = message_ids;
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  std::erase(wanted, std::string());
  for (std::size_t first = 0; first < wanted.size(); first += kLookupsPerStatement) {
    const std::size_t count = std::min(kLookupsPerStatement, wanted.size() - first);
    std::size_t places = 1;
    while (places < count) places *= 2;
    SqlParams params;
    std::string sql;
    for (std::size_t place = 0; place < places; ++place) {
      params.push_back(wanted[first + std::min(place, count - 1)]);
      sql += (sql.empty() ? "" : " UNION ALL ") + lookup("$" + std::to_string(params.size()));
    }
    LT_TRY(connection.Query(sql, params, on_row));
  }
  return Ok();
}

// Keeps `found` for `message_id` when it is later than what is kept.
void KeepLatest(std::map<std::string, MessageCase>& cases, const std::string& message_id,
                const MessageCase& found) {
  auto [at, inserted] = cases.try_emplace(message_id, found);
  if (!inserted && at->second < found) at->second = found;
}

}  // namespace

Result<domain::Id> MailMessageStore::Insert(const MailMessage& message) {
  MailMessage inserted = message;
  LT_TRY(InsertMany({&inserted, 1}));
  return inserted.id;
}

Status MailMessageStore::InsertMany(std::span<MailMessage> messages) {
  for (std::size_t first = 0; first < messages.size(); first += kRowsPerInsert) {
    const auto rows = messages.subspan(first, std::min(kRowsPerInsert, messages.size() - first));
    SqlParams params;
    params.reserve(rows.size() * 10);
    for (const MailMessage& message : rows) {
      params.insert(
          params.end(),
          {message.direction, message.mailbox, message.message_id, OptionalValue(message.case_id),
           OptionalValue(message.interaction_id), message.from_address, message.subject,
           message.origin, std::int64_t{message.flagged ? 1 : 0}, message.received_at});
    }
    LT_TRY_ASSIGN(const auto ids,
                  InsertRows(connection_,
                             "INSERT INTO mail_messages (direction, mailbox, message_id, case_id, "
                             "interaction_id, from_address, subject, origin, flagged, received_at)",
                             10, rows.size(), params));
    for (std::size_t index = 0; index < ids.size(); ++index) rows[index].id = ids[index];
  }
  SqlParams references;
  auto insert_references = [&]() -> Status {
    if (references.empty()) return Ok();
    LT_TRY(connection_.Send("INSERT INTO mail_references (mail_message_id, referenced_id) VALUES " +
                                RowsOfParameters(2, references.size() / 2),
                            references));
    references.clear();
    return Ok();
  };
  for (const MailMessage& message : messages) {
    for (const auto& referenced : message.referenced) {
      references.insert(references.end(), {message.id, referenced});
      if (references.size() / 2 == kRowsPerInsert) LT_TRY(insert_references());
    }
  }
  return insert_references();
}

Result<std::map<std::string, MessageCase>> MailMessageStore::CasesReferencing(
    const std::vector<std::string>& message_ids) {
  // In two steps, each on one table's index: as a join, PostgreSQL's plan
  // for a message named by many replies scans all mail.
  std::multimap<domain::Id, std::string> named_by;  // message row → the Message-ID it names
  LT_TRY(LookUpEach(
      connection_, message_ids,
      [](const std::string& placeholder) {
        return "SELECT mail_message_id, referenced_id FROM mail_references WHERE referenced_id = " +
               placeholder;
      },
      [&](const Row& row) { named_by.emplace(row.Int(0), row.Text(1)); }));
  std::vector<domain::Id> rows;  // the messages naming them, each once
  for (auto at = named_by.begin(); at != named_by.end(); at = named_by.upper_bound(at->first)) {
    rows.push_back(at->first);
  }
  std::map<std::string, MessageCase> cases;
  for (std::size_t first = 0; first < rows.size(); first += kRowsPerInsert) {
    SqlParams params;
    const std::string in =
        ParameterList(params, std::span<const domain::Id>(rows).subspan(
                                  first, std::min(kRowsPerInsert, rows.size() - first)));
    LT_TRY(connection_.Query("SELECT id, case_id, received_at FROM mail_messages WHERE id IN (" +
                                 in + ") AND case_id IS NOT NULL",
                             params, [&](const Row& row) {
                               const MessageCase found{row.Int(1), row.Int(2), row.Int(0)};
                               const auto [from, to] = named_by.equal_range(found.id);
                               for (auto at = from; at != to; ++at)
                                 KeepLatest(cases, at->second, found);
                             }));
  }
  return cases;
}

Result<std::vector<MailMessage>> MailMessageStore::FindMany(
    const std::string& direction, const std::vector<std::string>& message_ids) {
  if (direction != "in" && direction != "out") return Error::Internal("no such mail direction");
  std::vector<MailMessage> found;
  LT_TRY(LookUpEach(
      connection_, message_ids,
      [&](const std::string& placeholder) {
        // "message_id <> ''" as the unique index's own condition, so that it is used
        return "SELECT " + std::string(kMailMessageColumns) +
               " FROM mail_messages WHERE message_id = " + placeholder + " AND direction = '" +
               direction + "' AND message_id <> ''";
      },
      [&](const Row& row) { found.push_back(MailMessageFromRow(row)); }));
  return found;
}

Result<std::map<std::string, MessageCase>> MailMessageStore::CasesOf(
    const std::vector<std::string>& message_ids) {
  // The latest of the few messages found is picked here: with ORDER BY and
  // LIMIT in the query, PostgreSQL would walk all mail in received_at order
  // looking for them.
  std::map<std::string, MessageCase> cases;
  LT_TRY(LookUpEach(
      connection_, message_ids,
      [](const std::string& placeholder) {
        return "SELECT message_id, case_id, received_at, id FROM mail_messages WHERE message_id "
               "= " +
               placeholder + " AND message_id <> '' AND case_id IS NOT NULL";
      },
      [&](const Row& row) {
        KeepLatest(cases, row.Text(0), MessageCase{row.Int(1), row.Int(2), row.Int(3)});
      }));
  return cases;
}

Result<std::vector<MailMessage>> MailMessageStore::ListForCase(domain::Id case_id) {
  LT_TRY_ASSIGN(auto by_case, ListForCases({&case_id, 1}));
  if (by_case.empty()) return std::vector<MailMessage>();
  return std::move(by_case.begin()->second);
}

Result<std::map<domain::Id, std::vector<MailMessage>>> MailMessageStore::ListForCases(
    std::span<const domain::Id> case_ids) {
  std::map<domain::Id, std::vector<MailMessage>> by_case;
  if (case_ids.empty()) return by_case;
  SqlParams params;
  const std::string in = ParameterList(params, case_ids);
  LT_TRY(connection_.Query("SELECT " + std::string(kMailMessageColumns) +
                               " FROM mail_messages WHERE case_id IN (" + in + ") ORDER BY id",
                           params, [&](const Row& row) {
                             MailMessage message = MailMessageFromRow(row);
                             by_case[*message.case_id].push_back(std::move(message));
                           }));
  return by_case;
}

}  // namespace lt::storage
