#include "storage/referral_store.hpp"

namespace lt::storage {

Status ReferralStore::Insert(domain::Id case_id, const domain::Referral& referral) {
  LT_TRY(connection_.Execute(
      "INSERT INTO case_referrals (case_id, regulator, referral_number, referred_at, "
      "regulator_due_at) VALUES ($1, $2, $3, $4, $5)",
      {case_id, referral.regulator, referral.referral_number, OptionalValue(referral.referred_at),
       OptionalValue(referral.regulator_due_at)}));
  return Ok();
}

Result<std::optional<domain::Referral>> ReferralStore::FindByCase(domain::Id case_id) {
  std::optional<domain::Referral> found;
  LT_TRY(connection_.Query(
      "SELECT regulator, referral_number, referred_at, regulator_due_at FROM case_referrals "
      "WHERE case_id = $1",
      {case_id}, [&](const Row& row) {
        found = domain::Referral{row.Text(0), row.Text(1), row.OptionalInt(2), row.OptionalInt(3)};
      }));
  return found;
}

Result<std::optional<domain::Id>> ReferralStore::CaseOf(const std::string& regulator,
                                                        const std::string& referral_number) {
  return connection_.QueryOptionalInt(
      "SELECT case_id FROM case_referrals WHERE regulator = $1 AND referral_number = $2",
      {regulator, referral_number});
}

}  // namespace lt::storage
