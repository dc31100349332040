#include "storage/decision_review_store.hpp"

#include "storage/code_list.hpp"

namespace lt::storage {
namespace {

using domain::Id;

constexpr const char* kReviewColumns =
    "id, case_id, transition_id, alternatives, opened_at, settled_at, settled_by, "
    "alternative_taken, outcome";

domain::DecisionReview ReviewFromRow(const Row& row) {
  domain::DecisionReview review;
  review.id = row.Int(0);
  review.case_id = row.Int(1);
  review.transition_id = row.Int(2);
  review.alternatives = SplitEnumCodes(row.Text(3), domain::kAlternativeCodes);
  review.opened_at = row.Int(4);
  review.settled_at = row.OptionalInt(5);
  review.settled_by = row.OptionalInt(6);
  if (auto taken = row.OptionalText(7)) {
    review.alternative_taken = domain::kAlternativeCodes.FromCode(*taken);
  }
  review.outcome = row.Text(8);
  return review;
}

}  // namespace

Result<Id> DecisionReviewStore::Insert(const domain::DecisionReview& review) {
  return connection_.QueryInt(
      "INSERT INTO decision_reviews (case_id, transition_id, alternatives, opened_at) "
      "VALUES ($1, $2, $3, $4) RETURNING id",
      {review.case_id, review.transition_id,
       JoinEnumCodes(review.alternatives, domain::kAlternativeCodes), review.opened_at});
}

Status DecisionReviewStore::Settle(const domain::DecisionReview& review) {
  LT_TRY(connection_.Execute(
      "UPDATE decision_reviews SET settled_at = $1, settled_by = $2, alternative_taken = $3, "
      "outcome = $4 WHERE id = $5",
      {OptionalValue(review.settled_at), OptionalValue(review.settled_by),
       review.alternative_taken
           ? SqlValue(std::string(domain::kAlternativeCodes.ToCode(*review.alternative_taken)))
           : SqlValue(nullptr),
       review.outcome, review.id}));
  return Ok();
}

Result<std::optional<domain::DecisionReview>> DecisionReviewStore::Find(Id id) {
  std::optional<domain::DecisionReview> found;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReviewColumns + " FROM decision_reviews WHERE id = $1", {id},
      [&](const Row& row) { found = ReviewFromRow(row); }));
  return found;
}

Result<std::vector<domain::DecisionReview>> DecisionReviewStore::List(domain::Settled settled,
                                                                      int limit) {
  std::vector<domain::DecisionReview> reviews;
  LT_TRY(connection_.Query(
      std::string("SELECT ") + kReviewColumns + " FROM decision_reviews WHERE settled_at IS " +
          (settled == domain::Settled::kNo ? "NULL" : "NOT NULL") +
          " ORDER BY opened_at, id LIMIT $1",
      {std::int64_t{limit}}, [&](const Row& row) { reviews.push_back(ReviewFromRow(row)); }));
  return reviews;
}

}  // namespace lt::storage
