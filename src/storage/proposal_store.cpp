#include "storage/proposal_store.hpp"

#include "storage/case_scope_sql.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kProposalColumns =
    "id, case_id, title, idea, owner_id, status, currency, estimated_savings_minor, "
    "realised_savings_minor, created_by, created_at, implemented_at, updated_at";

domain::ImprovementProposal ProposalFromRow(const Row& row) {
  domain::ImprovementProposal proposal;
  proposal.id = row.Int(0);
  proposal.case_id = row.Int(1);
  proposal.title = row.Text(2);
  proposal.idea = row.Text(3);
  proposal.owner_id = row.Int(4);
  proposal.status = domain::kProposalStatusCodes.FromCode(row.Text(5))
                        .value_or(domain::ProposalStatus::kProposed);
  proposal.currency = row.Text(6);
  proposal.estimated_savings_minor = row.Int(7);
  proposal.realised_savings_minor = row.Int(8);
  proposal.created_by = row.OptionalInt(9);
  proposal.created_at = row.Int(10);
  proposal.implemented_at = row.OptionalInt(11);
  proposal.updated_at = row.Int(12);
  return proposal;
}

std::string StatusCode(domain::ProposalStatus status) {
  return std::string(domain::kProposalStatusCodes.ToCode(status));
}

}  // namespace

Result<Id> ProposalStore::Insert(const domain::ImprovementProposal& proposal) {
  return connection_.QueryInt(
      "INSERT INTO improvement_proposals (case_id, title, idea, owner_id, status, currency, "
      "estimated_savings_minor, realised_savings_minor, created_by, created_at, implemented_at, "
      "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
      {proposal.case_id, proposal.title, proposal.idea, proposal.owner_id,
       StatusCode(proposal.status), proposal.currency, proposal.estimated_savings_minor,
       proposal.realised_savings_minor, OptionalValue(proposal.created_by), proposal.created_at,
       OptionalValue(proposal.implemented_at), proposal.updated_at});
}

Status ProposalStore::Update(const domain::ImprovementProposal& proposal) {
  LT_TRY(connection_.Execute(
      "UPDATE improvement_proposals SET title = $1, idea = $2, owner_id = $3, status = $4, "
      "currency = $5, estimated_savings_minor = $6, realised_savings_minor = $7, "
      "implemented_at = $8, updated_at = $9 WHERE id = $10",
      {proposal.title, proposal.idea, proposal.owner_id, StatusCode(proposal.status),
       proposal.currency, proposal.estimated_savings_minor, proposal.realised_savings_minor,
       OptionalValue(proposal.implemented_at), proposal.updated_at, proposal.id}));
  return Ok();
}

Result<std::optional<domain::ImprovementProposal>> ProposalStore::Find(Id id) {
  std::optional<domain::ImprovementProposal> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kProposalColumns + " FROM improvement_proposals WHERE id = $1", {id},
      [&](const Row& row) { found = ProposalFromRow(row); }));
  return found;
}

Result<std::vector<domain::ImprovementProposal>> ProposalStore::List(
    const domain::ProposalFilter& filter) {
  std::string sql =
      std::string("SELECT ") + kProposalColumns + " FROM improvement_proposals WHERE 1 = 1";
  SqlParams params;
  if (filter.status) {
    params.push_back(StatusCode(*filter.status));
    sql += " AND status = $" + std::to_string(params.size());
  }
  if (filter.case_id) {
    params.push_back(*filter.case_id);
    sql += " AND case_id = $" + std::to_string(params.size());
  }
  params.push_back(std::int64_t{filter.limit});
  sql += " ORDER BY created_at DESC, id DESC LIMIT $" + std::to_string(params.size());
  std::vector<domain::ImprovementProposal> proposals;
  LT_TRY(connection_.Query(sql, params,
                           [&](const Row& row) { proposals.push_back(ProposalFromRow(row)); }));
  return proposals;
}

Result<std::vector<domain::ProposalTotals>> ProposalStore::Summarise(
    TimestampMs from, TimestampMs to, const domain::CaseScope& scope) {
  std::vector<domain::ProposalTotals> totals;
  SqlParams params = {from, to};
  const std::string visible = VisibleCaseFilter(scope, params);
  LT_TRY(connection_.Query(
      "SELECT status, currency, COUNT(*), COUNT(DISTINCT case_id), "
      "SUM(estimated_savings_minor), SUM(realised_savings_minor) FROM improvement_proposals "
      "WHERE created_at >= $1 AND created_at < $2" +
          visible + " GROUP BY status, currency ORDER BY status, currency",
      params, [&](const Row& row) {
        domain::ProposalTotals sum;
        sum.status = domain::kProposalStatusCodes.FromCode(row.Text(0))
                         .value_or(domain::ProposalStatus::kProposed);
        sum.currency = row.Text(1);
        sum.count = row.Int(2);
        sum.cases = row.Int(3);
        sum.estimated_savings_minor = row.Int(4);
        sum.realised_savings_minor = row.Int(5);
        totals.push_back(sum);
      }));
  return totals;
}

}  // namespace lt::storage
