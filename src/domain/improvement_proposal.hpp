#pragma once

// Improvement proposals: a complaint turned into a change of the company
// ("complaints as the source of innovation"), with its savings, so the
// complaints that changed something can be counted.

#include <optional>
#include <string>

#include "domain/entities.hpp"
#include "domain/enum_codes.hpp"
#include "domain/money.hpp"

namespace lt::domain {

enum class ProposalStatus { kProposed, kAccepted, kRejected, kImplemented };
inline constexpr EnumCodes<ProposalStatus, 4> kProposalStatusCodes{{{
    {ProposalStatus::kProposed, "proposed"},
    {ProposalStatus::kAccepted, "accepted"},
    {ProposalStatus::kRejected, "rejected"},
    {ProposalStatus::kImplemented, "implemented"},
}}};

// proposed → accepted | rejected; accepted → implemented | rejected.
inline bool MayMoveProposal(ProposalStatus from, ProposalStatus to) {
  switch (from) {
    case ProposalStatus::kProposed:
      return to == ProposalStatus::kAccepted || to == ProposalStatus::kRejected;
    case ProposalStatus::kAccepted:
      return to == ProposalStatus::kImplemented || to == ProposalStatus::kRejected;
    case ProposalStatus::kRejected:
    case ProposalStatus::kImplemented:
      return false;
  }
  return false;
}

struct ImprovementProposal {
  Id id = 0;
  Id case_id = 0;
  std::string title;
  std::string idea;
  Id owner_id = 0;
  ProposalStatus status = ProposalStatus::kProposed;
  std::string currency = "CNY";
  std::int64_t estimated_savings_minor = 0;
  std::int64_t realised_savings_minor = 0;
  std::optional<Id> created_by;
  TimestampMs created_at = 0;
  std::optional<TimestampMs> implemented_at;
  TimestampMs updated_at = 0;
};

// Per status and currency: how many proposals, from how many cases, with
// which savings.
struct ProposalTotals {
  ProposalStatus status = ProposalStatus::kProposed;
  std::string currency;
  std::int64_t count = 0;
  std::int64_t cases = 0;
  std::int64_t estimated_savings_minor = 0;
  std::int64_t realised_savings_minor = 0;
};

}  // namespace lt::domain
