#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/access.hpp"
#include "domain/improvement_proposal.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Improvement proposals (migrations/*/0007_reviews_and_proposals.sql).
class ProposalStore {
 public:
  explicit ProposalStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::ImprovementProposal& proposal);
  Status Update(const domain::ImprovementProposal& proposal);
  Result<std::optional<domain::ImprovementProposal>> Find(domain::Id id);
  // Newest first.
  Result<std::vector<domain::ImprovementProposal>> List(const domain::ProposalFilter& filter);
  // Proposals created in [from, to) on the cases `scope` sees.
  Result<std::vector<domain::ProposalTotals>> Summarise(TimestampMs from, TimestampMs to,
                                                        const domain::CaseScope& scope);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
