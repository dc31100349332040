#include "storage/interaction_store.hpp"

#include <algorithm>
#include <unordered_map>

#include "storage/case_scope_sql.hpp"
#include "storage/multi_row.hpp"

namespace lt::storage {
namespace {

// An attachment row to insert: its interaction, and the attachment whose
// id to set.
struct AttachmentRow {
  domain::Id interaction_id = 0;
  domain::Attachment* attachment = nullptr;
};

Status InsertAttachmentRows(Connection& connection, std::span<const AttachmentRow> attachments) {
  for (std::size_t first = 0; first < attachments.size(); first += kRowsPerInsert) {
    const auto rows =
        attachments.subspan(first, std::min(kRowsPerInsert, attachments.size() - first));
    SqlParams params;
    params.reserve(rows.size() * 5);
    for (const auto& [interaction_id, attachment] : rows) {
      params.insert(params.end(), {interaction_id, attachment->sha256, attachment->filename,
                                   attachment->content_type, attachment->size_bytes});
    }
    LT_TRY_ASSIGN(const auto ids,
                  InsertRows(connection,
                             "INSERT INTO attachments (interaction_id, sha256, filename, "
                             "content_type, size_bytes)",
                             5, rows.size(), params));
    for (std::size_t index = 0; index < ids.size(); ++index)
      rows[index].attachment->id = ids[index];
  }
  return Ok();
}

}  // namespace

Result<domain::Id> InteractionStore::Insert(domain::Interaction& interaction) {
  LT_TRY(InsertMany({&interaction, 1}));
  return interaction.id;
}

Status InteractionStore::InsertMany(std::span<domain::Interaction> interactions) {
  for (std::size_t first = 0; first < interactions.size(); first += kRowsPerInsert) {
    const auto rows =
        interactions.subspan(first, std::min(kRowsPerInsert, interactions.size() - first));
    SqlParams params;
    params.reserve(rows.size() * 10);
    for (const domain::Interaction& interaction : rows) {
      params.insert(
          params.end(),
          {interaction.case_id, std::string(domain::kDirectionCodes.ToCode(interaction.direction)),
           std::string(domain::kChannelCodes.ToCode(interaction.channel)),
           std::string(domain::kVisibilityCodes.ToCode(interaction.visibility)),
           OptionalValue(interaction.author_user_id), OptionalValue(interaction.author_customer_id),
           interaction.body, interaction.occurred_at, interaction.created_at,
           std::string(domain::kDeliveryCodes.ToCode(interaction.delivery))});
    }
    LT_TRY_ASSIGN(const auto ids,
                  InsertRows(connection_,
                             "INSERT INTO interactions (case_id, direction, channel, visibility, "
                             "author_user_id, author_customer_id, body, occurred_at, created_at, "
                             "delivery)",
                             10, rows.size(), params));
    for (std::size_t index = 0; index < ids.size(); ++index) rows[index].id = ids[index];
  }
  // Every attachment of them, in as few statements.
  std::vector<AttachmentRow> attachments;
  for (domain::Interaction& interaction : interactions) {
    for (auto& attachment : interaction.attachments) {
      attachments.push_back({interaction.id, &attachment});
    }
  }
  return InsertAttachmentRows(connection_, attachments);
}

Status InteractionStore::InsertAttachments(domain::Id interaction_id,
                                           std::vector<domain::Attachment>& attachments) {
  std::vector<AttachmentRow> rows;
  for (auto& attachment : attachments) rows.push_back({interaction_id, &attachment});
  return InsertAttachmentRows(connection_, rows);
}

// The interactions `where` selects (after "FROM interactions WHERE"), with
// their attachments.
Result<std::vector<domain::Interaction>> InteractionStore::Select(const std::string& where,
                                                                  const SqlParams& params) {
  std::vector<domain::Interaction> out;
  LT_TRY(connection_.Query(
      "SELECT id, case_id, direction, channel, visibility, author_user_id, author_customer_id, "
      "body, occurred_at, created_at, delivery FROM interactions WHERE " +
          where,
      params, [&](const Row& row) {
        domain::Interaction interaction;
        interaction.id = row.Int(0);
        interaction.case_id = row.Int(1);
        interaction.direction =
            domain::kDirectionCodes.FromCode(row.Text(2)).value_or(domain::Direction::kInbound);
        interaction.channel =
            domain::kChannelCodes.FromCode(row.Text(3)).value_or(domain::Channel::kPhone);
        interaction.visibility =
            domain::kVisibilityCodes.FromCode(row.Text(4)).value_or(domain::Visibility::kInternal);
        interaction.author_user_id = row.OptionalInt(5);
        interaction.author_customer_id = row.OptionalInt(6);
        interaction.body = row.Text(7);
        interaction.occurred_at = row.Int(8);
        interaction.created_at = row.Int(9);
        interaction.delivery =
            domain::kDeliveryCodes.FromCode(row.Text(10)).value_or(domain::Delivery::kNone);
        out.push_back(std::move(interaction));
      }));
  if (out.empty()) return out;
  std::unordered_map<domain::Id, domain::Interaction*> by_id;
  SqlParams ids;
  std::string in;
  for (auto& interaction : out) {
    by_id[interaction.id] = &interaction;
    in += (in.empty() ? "" : ", ") + Param(ids, interaction.id);
  }
  LT_TRY(connection_.Query(
      "SELECT id, sha256, filename, content_type, size_bytes, interaction_id FROM attachments "
      "WHERE interaction_id IN (" +
          in + ") ORDER BY id",
      ids, [&](const Row& row) {
        by_id[row.Int(5)]->attachments.push_back(
            domain::Attachment{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)});
      }));
  return out;
}

Result<std::optional<domain::Interaction>> InteractionStore::Find(domain::Id id) {
  LT_TRY_ASSIGN(auto found, Select("id = $1", {id}));
  if (found.empty()) return std::optional<domain::Interaction>();
  return std::optional<domain::Interaction>(std::move(found.front()));
}

Status InteractionStore::MoveCustomerAuthor(domain::Id case_id, domain::Id from, domain::Id to) {
  return connection_.Send(
      "UPDATE interactions SET author_customer_id = $3 "
      "WHERE case_id = $1 AND author_customer_id = $2",
      {case_id, from, to});
}

Status InteractionStore::SetDelivery(domain::Id id, domain::Delivery delivery) {
  LT_TRY(connection_.Execute("UPDATE interactions SET delivery = $2 WHERE id = $1",
                             {id, std::string(domain::kDeliveryCodes.ToCode(delivery))}));
  return Ok();
}

Result<std::vector<domain::Interaction>> InteractionStore::ListByCase(domain::Id case_id,
                                                                      bool include_internal) {
  return Select("case_id = $1" + std::string(include_internal ? "" : " AND visibility = 'public'") +
                    " ORDER BY occurred_at, id",
                {case_id});
}

Result<std::vector<domain::Interaction>> InteractionStore::ListByCustomer(
    domain::Id customer_id, const domain::CaseScope& scope, int limit) {
  SqlParams params;
  std::string where =
      "case_id IN (SELECT id FROM cases WHERE customer_id = " + Param(params, customer_id) +
      " AND " + CaseScopeCondition(scope, params) + ")";
  where += " ORDER BY occurred_at DESC, id DESC LIMIT " + Param(params, std::int64_t{limit});
  return Select(where, params);
}

Result<std::optional<StoredAttachment>> InteractionStore::FindAttachment(domain::Id id) {
  std::optional<StoredAttachment> found;
  LT_TRY(connection_.Query(
      "SELECT a.id, a.sha256, a.filename, a.content_type, a.size_bytes, i.case_id, i.visibility "
      "FROM attachments a JOIN interactions i ON i.id = a.interaction_id WHERE a.id = $1",
      {id}, [&](const Row& row) {
        found = StoredAttachment{
            domain::Attachment{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Int(4)},
            row.Int(5),
            domain::kVisibilityCodes.FromCode(row.Text(6)).value_or(domain::Visibility::kInternal)};
      }));
  return found;
}

}  // namespace lt::storage
