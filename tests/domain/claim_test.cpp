#include "domain/claim.hpp"

#include <gtest/gtest.h>

#include <set>

namespace lt::domain {
namespace {

Claim PendingClaim(std::int64_t minor, int level = 1) {
  Claim claim;
  claim.amount = {minor, "CNY"};
  claim.level = level;
  claim.proposed_by = 100;
  return claim;
}

ClaimOutcome Decide(const Claim& claim, Approver approver,
                    ClaimVerdict verdict = ClaimVerdict::kApprove,
                    const std::vector<ClaimDecision>& decided = {}) {
  auto outcome = DecideClaim(DefaultAuthorityMatrix(), claim, decided, approver, verdict);
  EXPECT_TRUE(outcome.ok()) << (outcome.ok() ? "" : outcome.error().key);
  return outcome.ok() ? outcome.value() : ClaimOutcome{};
}

std::string ErrorKey(const Claim& claim, Approver approver,
                     const std::vector<ClaimDecision>& decided = {}) {
  auto outcome =
      DecideClaim(DefaultAuthorityMatrix(), claim, decided, approver, ClaimVerdict::kApprove);
  return outcome.ok() ? "" : outcome.error().key;
}

TEST(Money, AmountsAreReadAndWrittenWithTwoDecimals) {
  EXPECT_EQ(ParseAmount("1234"), 123400);
  EXPECT_EQ(ParseAmount("1234.5"), 123450);
  EXPECT_EQ(ParseAmount("0.05"), 5);
  for (const char* bad :
       {"", ".5", "12.", "1.234", "-3", "1,000", "1e3", "12a", "99999999999999"}) {
    EXPECT_FALSE(ParseAmount(bad).has_value()) << bad;
  }
  EXPECT_EQ(FormatAmount(123450), "1234.50");
  EXPECT_EQ(FormatAmount(5), "0.05");
  EXPECT_EQ(FormatAmount(-5), "-0.05");
  EXPECT_TRUE(IsCurrencyCode("CNY"));
  EXPECT_FALSE(IsCurrencyCode("cny"));
  EXPECT_FALSE(IsCurrencyCode("RMB1"));
}

TEST(Claim, AnApprovalWithinTheLimitApprovesAtTheFirstLevel) {
  const auto outcome = Decide(PendingClaim(800'00), {1, Role::kSales});
  EXPECT_EQ(outcome.status, ClaimStatus::kApproved);
  EXPECT_EQ(outcome.level, 1);
}

TEST(Claim, AnApprovalAboveTheLimitPassesTheClaimUpLevelByLevel) {
  Claim claim = PendingClaim(20'000'00);
  auto outcome = Decide(claim, {1, Role::kSales});
  EXPECT_EQ(outcome.status, ClaimStatus::kPending);
  EXPECT_EQ(outcome.level, 2);
  claim.level = outcome.level;
  outcome = Decide(claim, {2, Role::kQa}, ClaimVerdict::kApprove, {{1, 0, 1, 1}});
  EXPECT_EQ(outcome.status, ClaimStatus::kPending);
  EXPECT_EQ(outcome.level, 3);
  claim.level = outcome.level;
  outcome =
      Decide(claim, {3, Role::kManager}, ClaimVerdict::kApprove, {{1, 0, 1, 1}, {2, 0, 2, 2}});
  EXPECT_EQ(outcome.status, ClaimStatus::kApproved);
  EXPECT_EQ(outcome.level, 3);
}

TEST(Claim, ARejectionAtAnyLevelEndsTheClaim) {
  const auto outcome = Decide(PendingClaim(20'000'00, 2), {2, Role::kQa}, ClaimVerdict::kReject);
  EXPECT_EQ(outcome.status, ClaimStatus::kRejected);
  EXPECT_EQ(outcome.level, 2);
}

TEST(Claim, OnlyTheApproversOfTheCurrentLevelDecide) {
  EXPECT_EQ(ErrorKey(PendingClaim(800'00), {1, Role::kQa}), "error.claim_not_approver");
  EXPECT_EQ(ErrorKey(PendingClaim(800'00, 2), {1, Role::kSales}), "error.claim_not_approver");
  Claim in_dollars = PendingClaim(800'00);
  in_dollars.amount.currency = "USD";
  EXPECT_EQ(ErrorKey(in_dollars, {1, Role::kSales}), "error.claim_not_approver");
}

TEST(Claim, TheProposerAndEarlierDecidersDoNotDecideAgain) {
  EXPECT_EQ(ErrorKey(PendingClaim(800'00), {100, Role::kSales}), "error.claim_own");
  std::vector<AuthorityLimit> matrix = DefaultAuthorityMatrix();
  matrix.push_back({2, std::nullopt, Id{7}, "CNY", 10'000'00});
  const Claim claim = PendingClaim(3'000'00, 2);
  const auto outcome =
      DecideClaim(matrix, claim, {{1, 0, 1, 7}}, {7, Role::kSales}, ClaimVerdict::kApprove);
  ASSERT_FALSE(outcome.ok());
  EXPECT_EQ(outcome.error().key, "error.claim_own");
}

TEST(Claim, ADecidedClaimOrOneAboveEveryLimitIsAConflict) {
  Claim approved = PendingClaim(800'00);
  approved.status = ClaimStatus::kApproved;
  EXPECT_EQ(ErrorKey(approved, {1, Role::kSales}), "error.claim_decided");
  EXPECT_EQ(ErrorKey(PendingClaim(60'000'00, 3), {3, Role::kManager}),
            "error.claim_above_authority");
}

TEST(Claim, TheMatrixGivesStartingLevelAndHighestLimitPerCurrency) {
  EXPECT_EQ(LevelAfter(DefaultAuthorityMatrix(), 0, "CNY"), 1);
  EXPECT_EQ(LevelAfter(DefaultAuthorityMatrix(), 1, "CNY"), 2);
  EXPECT_EQ(LevelAfter(DefaultAuthorityMatrix(), 3, "CNY"), std::nullopt);
  EXPECT_EQ(LevelAfter(DefaultAuthorityMatrix(), 0, "USD"), std::nullopt);
  EXPECT_EQ(HighestLimit(DefaultAuthorityMatrix(), "CNY"), 50'000'00);
}

TEST(Claim, AMatrixWithBadCellsIsRefusedCellByCell) {
  EXPECT_TRUE(ValidateAuthorityMatrix(DefaultAuthorityMatrix()).ok());
  const std::vector<AuthorityLimit> bad = {
      {0, Role::kSales, std::nullopt, "CNY", 100},   {1, Role::kSales, Id{3}, "CNY", 100},
      {1, Role::kCustomer, std::nullopt, "cny", -1}, {2, Role::kQa, std::nullopt, "CNY", 100},
      {2, Role::kQa, std::nullopt, "CNY", 200},
  };
  const Status status = ValidateAuthorityMatrix(bad);
  ASSERT_FALSE(status.ok());
  std::set<std::string> fields;
  for (const auto& error : status.error().fields) fields.insert(error.field + " " + error.key);
  EXPECT_EQ(fields, (std::set<std::string>{
                        "limits[0].level validation.range",
                        "limits[1].role validation.role_or_user",
                        "limits[2].role validation.staff_role",
                        "limits[2].currency validation.currency",
                        "limits[2].max_amount validation.amount",
                        "limits[4].level validation.duplicate_approver",
                    }));
}

}  // namespace
}  // namespace lt::domain
