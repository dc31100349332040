#pragma once

#include <optional>
#include <vector>

#include "domain/access.hpp"
#include "domain/improvement_proposal.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

struct ProposalFilter {
  std::optional<domain::ProposalStatus> status;
  std::optional<domain::Id> case_id;
  int limit = 50;
};

// Per status and currency: how many proposals, from how many cases, with
// which savings.
struct ProposalTotals {
  domain::ProposalStatus status = domain::ProposalStatus::kProposed;
  std::string currency;
  std::int64_t count = 0;
  std::int64_t cases = 0;
  std::int64_t estimated_savings_minor = 0;
  std::int64_t realised_savings_minor = 0;
};

// Improvement proposals (migrations/*/0007_reviews_and_proposals.sql).
class ProposalStore {
 public:
  explicit ProposalStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::ImprovementProposal& proposal);
  Status Update(const domain::ImprovementProposal& proposal);
  Result<std::optional<domain::ImprovementProposal>> Find(domain::Id id);
  // Newest first.
  Result<std::vector<domain::ImprovementProposal>> List(const ProposalFilter& filter);
  // Proposals created in [from, to) on the cases `scope` sees.
  Result<std::vector<ProposalTotals>> Summarise(TimestampMs from, TimestampMs to,
                                                const domain::CaseScope& scope);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
