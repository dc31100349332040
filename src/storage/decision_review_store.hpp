#pragma once

#include <optional>
#include <vector>

#include "base/result.hpp"
#include "domain/procedure.hpp"
#include "domain/queries.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// Reviews of rejected decisions (migrations/*/0007_reviews_and_proposals.sql).
class DecisionReviewStore {
 public:
  explicit DecisionReviewStore(Connection& connection) : connection_(connection) {}

  Result<domain::Id> Insert(const domain::DecisionReview& review);
  // Saves the settlement fields.
  Status Settle(const domain::DecisionReview& review);
  Result<std::optional<domain::DecisionReview>> Find(domain::Id id);
  // Open (kNo) or settled reviews, oldest first.
  Result<std::vector<domain::DecisionReview>> List(domain::Settled settled, int limit);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
