#pragma once

#include <optional>
#include <string>

#include "base/result.hpp"
#include "domain/entities.hpp"
#include "domain/referral.hpp"
#include "storage/connection.hpp"

namespace lt::storage {

// The regulator's referrals of cases (migrations/*/0021_referrals.sql).
class ReferralStore {
 public:
  explicit ReferralStore(Connection& connection) : connection_(connection) {}

  Status Insert(domain::Id case_id, const domain::Referral& referral);
  Result<std::optional<domain::Referral>> FindByCase(domain::Id case_id);
  // The case that carries this referral number of this regulator.
  Result<std::optional<domain::Id>> CaseOf(const std::string& regulator,
                                           const std::string& referral_number);

 private:
  Connection& connection_;
};

}  // namespace lt::storage
